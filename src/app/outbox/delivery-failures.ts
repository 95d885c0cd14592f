// What follows from a text that could not be delivered, by kind of failure
// (the kinds come from the provider's error codes: adapters/twilio/error-codes.ts).
// Used for a send the provider refused and for an `undelivered`/`failed`
// status callback alike. A patient-side problem changes the patient's status
// when texting cannot work (they stop being scheduled) and opens a routine
// escalation so the care team sees it; careloop's own account or
// configuration problems raise an operator alert and never flag the patient.
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { suppressPendingSms } from '../../adapters/db/repositories/messages.js';
import { updatePatient } from '../../adapters/db/repositories/patients.js';
import { activeSession } from '../../adapters/db/repositories/sessions.js';
import { feedSession } from '../conversations.js';
import type { CoreDeps } from '../deps.js';
import { escalate } from '../escalate.js';
import { withPatient } from '../patient-tx.js';
import type { SendErrorKind } from '../ports.js';
import { planNextCheckin } from '../timeline.js';

export interface DeliveryFailure {
  messageId: string;
  patientId: string | null;
  kind: SendErrorKind;
  code: string | null;
}

interface Effect {
  /** opt_out: the carrier says they replied STOP; pause: texting cannot reach them, stop scheduling. */
  patient: 'opt_out' | 'pause' | null;
  /** The routine escalation's reason ({code} is replaced), or null when staff need not act. */
  staff: string | null;
  operator: boolean;
  audit: string | null;
}

export const DELIVERY_FAILURE_EFFECTS: Record<SendErrorKind, Effect> = {
  opted_out: { patient: 'opt_out', staff: null, operator: false, audit: 'consent.opted_out' },
  invalid_number: { patient: 'pause', staff: 'Texts cannot be delivered: the phone number is not a valid mobile number (error {code}). Check-ins are paused; please check the number.', operator: false, audit: 'phone.invalid' },
  landline: { patient: 'pause', staff: 'Texts cannot be delivered: the number looks like a landline (error {code}). Check-ins are paused; please check the number.', operator: false, audit: 'phone.undeliverable' },
  blocked: { patient: 'pause', staff: 'Texts to this patient are blocked by them or their carrier (error {code}). Check-ins are paused; please contact them another way.', operator: false, audit: 'phone.undeliverable' },
  unreachable: { patient: null, staff: "A text did not reach the patient's phone (error {code}): it may be off or out of coverage.", operator: false, audit: null },
  carrier_filtered: { patient: null, staff: "The patient's carrier filtered a text (error {code}). Please contact them another way.", operator: true, audit: null },
  permanent: { patient: null, staff: 'A text to this patient could not be delivered (error {code}).', operator: false, audit: null },
  unknown: { patient: null, staff: 'careloop could not confirm that a text reached this patient. Please check with them.', operator: true, audit: null },
  account: { patient: null, staff: null, operator: true, audit: null },
  retryable: { patient: null, staff: null, operator: false, audit: null },
};

export async function handleDeliveryFailure(deps: CoreDeps, failure: DeliveryFailure): Promise<void> {
  const effect = DELIVERY_FAILURE_EFFECTS[failure.kind];
  if (effect.operator) {
    deps.logger.error({ messageId: failure.messageId, kind: failure.kind, code: failure.code }, 'text not delivered: operators must look (account, configuration or carrier filtering)');
    deps.telemetry?.operatorAlert(`sms_${failure.kind}`);
  }
  if (!failure.patientId || (!effect.patient && !effect.staff && !effect.audit)) return;
  const code = failure.code ?? 'none';
  await withPatient(deps, failure.patientId, { replying: false }, async (ctx) => {
    const { tx, patient, now } = ctx;
    if (effect.patient === 'opt_out' && patient.status !== 'opted_out') {
      await updatePatient(tx, patient.id, { status: 'opted_out', updated_at: now });
      patient.status = 'opted_out';
      await suppressPendingSms(tx, patient.id, now);
    }
    if (effect.patient === 'pause' && patient.status === 'active') {
      await updatePatient(tx, patient.id, { status: 'paused', updated_at: now });
      patient.status = 'paused';
      const session = await activeSession(tx, patient.id);
      if (session) await feedSession(ctx, session, { type: 'cancel', reason: 'texts cannot be delivered' });
      await planNextCheckin(ctx);
    }
    if (effect.audit) await appendAudit(tx, { at: now, actor: 'twilio', action: effect.audit, patientId: patient.id, details: { code: failure.code, kind: failure.kind, messageId: failure.messageId } });
    if (effect.staff) await escalate(ctx, { urgency: 'routine', reason: effect.staff.replace('{code}', code), category: `delivery_${failure.kind}`, triggerMessageId: null });
  });
}

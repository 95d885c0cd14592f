// A delivery status callback: recorded against the message, then whatever
// follows from it (a final failure is handled by kind; a proven duplicate is
// an operator alert). The provider's code-to-kind table is passed in.
import { recordDeliveryStatus, type DeliveryStatus } from '../delivery-status.js';
import type { CoreDeps } from '../deps.js';
import type { SendErrorKind } from '../ports.js';
import { handleDeliveryFailure } from './delivery-failures.js';

export async function onDeliveryStatus(
  deps: CoreDeps,
  update: DeliveryStatus,
  options: { kindOf(code: string | null): SendErrorKind; counted(kind: SendErrorKind, code: string | null): void },
): Promise<void> {
  const recorded = await recordDeliveryStatus(deps, update);
  if (recorded.duplicate) {
    deps.logger.error({ messageId: update.messageId }, 'a text careloop resent had been accepted by the provider after all: the patient got it twice');
    deps.telemetry?.operatorAlert('sms_duplicate');
  }
  if (!recorded.failed) return;
  // The provider reports the text failed for good: a "retryable" code (e.g. 30001 queue overflow) is final here.
  const coded = options.kindOf(recorded.failed.code);
  const kind = coded === 'retryable' ? 'permanent' : coded;
  options.counted(kind, recorded.failed.code);
  await handleDeliveryFailure(deps, { ...recorded.failed, kind });
}

// A staff member answers the patient: the text goes out by SMS, prefixed with
// the staff member's name, and is stored like every other message. Staff texts
// are not held by quiet hours (queueSms). Answering an unclaimed escalation
// claims it for the one who answered.
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { recordFirstReply, staffReplyRelayed } from '../../adapters/db/repositories/escalation-work.js';
import type { CoreDeps } from '../deps.js';
import { conflict, invalidInput } from '../errors.js';
import { queueSms } from '../queue-sms.js';
import { claimInTx } from './claim.js';
import { queueStaffJob } from './staff-jobs.js';
import { secondsBetween, withEscalation, type StaffMember } from './staff.js';

/** Longer staff texts become many SMS segments; ask for a call instead. */
export const MAX_STAFF_TEXT = 1000;

export interface ReplyOptions {
  /**
   * The chat message this reply came from (e.g. "C0123:1700000000.000100"),
   * so a redelivered chat event never texts the patient twice.
   */
  sourceId?: string;
  /** Also add the text to the escalation's thread (it was typed elsewhere, e.g. in a modal). */
  echoToThread: boolean;
}

export type ReplyResult = { sent: true; messageId: string } | { sent: false; reason: 'duplicate' };

export async function replyToPatient(core: CoreDeps, escalationId: string, staff: StaffMember, text: string, options: ReplyOptions): Promise<ReplyResult> {
  const trimmed = text.trim();
  if (!trimmed) throw invalidInput('the reply is empty', { text: 'is required' });
  if (trimmed.length > MAX_STAFF_TEXT) throw invalidInput('the reply is too long for a text', { text: `must be at most ${MAX_STAFF_TEXT} characters` });
  return withEscalation(core, escalationId, async (ctx, escalation): Promise<ReplyResult> => {
    if (options.sourceId && (await staffReplyRelayed(ctx.tx, ctx.patient.id, options.sourceId))) return { sent: false, reason: 'duplicate' };
    if (escalation.status === 'resolved') throw conflict('this escalation is resolved: the patient is back with the bot, so the text was not sent');
    const firstReply = escalation.first_reply_at === null;
    const messageId = await queueSms(ctx, { body: `${staff.name}: ${trimmed}`, purpose: 'staff', author: 'staff', escalationId, staffName: staff.name });
    if (!messageId) throw conflict('the patient has opted out of texts, so the text was not sent; call them instead');
    await recordFirstReply(ctx.tx, escalationId, ctx.now);
    await claimInTx(ctx, escalation, staff);
    await appendAudit(ctx.tx, {
      at: ctx.now,
      actor: staff.actor,
      action: 'escalation.staff_reply',
      patientId: ctx.patient.id,
      details: {
        escalationId,
        messageId,
        staffName: staff.name,
        ...(options.sourceId ? { sourceId: options.sourceId } : {}),
        ...(firstReply ? { secondsToFirstReply: secondsBetween(escalation.created_at, ctx.now) } : {}),
      },
    });
    await queueStaffJob(ctx, { type: 'escalation.note', escalationId, messageId: options.echoToThread ? messageId : null });
    return { sent: true, messageId };
  });
}

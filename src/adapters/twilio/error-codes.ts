// Twilio's error codes, classified once: what a failed send or an
// `undelivered`/`failed` status callback means for careloop. What follows
// from each kind (patient status, escalation, operator alert) is decided in
// src/app/outbox/delivery-failures.ts; this table only names the kind.
import type { SendErrorKind } from '../../app/ports.js';

/** code -> kind, with Twilio's own name for the code. */
export const TWILIO_ERROR_KINDS: Record<string, [SendErrorKind, string]> = {
  // The recipient replied STOP: Twilio refuses every text until START.
  '21610': ['opted_out', 'Attempt to send to unsubscribed recipient'],
  // The number cannot receive texts at all.
  '21211': ['invalid_number', "Invalid 'To' phone number"],
  '21614': ['invalid_number', "'To' number is not a valid mobile number"],
  '21217': ['invalid_number', 'Phone number does not appear to be valid'],
  '21401': ['invalid_number', 'Invalid phone number'],
  '30005': ['invalid_number', 'Unknown destination handset'],
  '30006': ['landline', 'Landline or unreachable carrier'],
  // The phone exists but did not take the text now (off, out of coverage).
  '30003': ['unreachable', 'Unreachable destination handset'],
  '21612': ['unreachable', "The 'To' phone number is not currently reachable via SMS"],
  '30004': ['blocked', 'Message blocked (by the recipient or their carrier)'],
  '30007': ['carrier_filtered', 'Message filtered by the carrier'],
  // careloop's own account or configuration: an operator must act; no patient is at fault.
  '20003': ['account', 'Authentication failed (account SID or auth token)'],
  '20404': ['account', 'Resource not found (wrong account or Messaging Service)'],
  '21408': ['account', 'Permission to send to this region is not enabled'],
  '21606': ['account', "The 'From' number is not an SMS-capable number of this account"],
  '21212': ['account', "Invalid 'From' number"],
  '21603': ['account', "A 'From' number or Messaging Service is required"],
  '21704': ['account', 'The Messaging Service has no phone numbers'],
  '30002': ['account', 'Account suspended'],
  '30032': ['account', 'Toll-free number not verified'],
  '30034': ['account', 'A2P 10DLC: number not registered to a campaign'],
  // Busy or rate limited: try again later.
  '20429': ['retryable', 'Too many requests'],
  '30001': ['retryable', 'Queue overflow'],
  '63018': ['retryable', 'Rate limit exceeded'],
};

/** The kind of a Twilio error code; an unlisted code is `permanent`. */
export function twilioErrorKind(code: string | null): SendErrorKind {
  if (code === null) return 'permanent';
  return TWILIO_ERROR_KINDS[code]?.[0] ?? 'permanent';
}

// What the use-cases need, built once by main.ts (tests build their own), and
// the unit of work on one patient they run in (opened by patient-tx.ts). Both
// live here so neither file imports the other.
import type { Db, Tx } from '../adapters/db/connect.js';
import type { Patient } from '../adapters/db/repositories/patients.js';
import type { ConversationCatalog } from './conversation-catalog.js';
import type { Clock, IdGenerator, Logger, Telemetry } from './ports.js';
import type { QuietWindow } from '../engine/schedule/quiet-hours.js';
import type { TimelineRules } from '../engine/schedule/schedule-math.js';
import type { PhoneRules } from './phone.js';

export interface CoreSettings {
  quietHours: QuietWindow | null;
  /** Twilio answers STOP/START/HELP itself: record them, send no second confirmation. */
  twilioHandlesKeywords: boolean;
  careTeam: { name: string; phone?: string };
  defaultTimezone: string;
  /** How phone numbers typed by staff are read. */
  phone: PhoneRules;
  timeline: TimelineRules;
}

export interface CoreDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  catalog: ConversationCatalog;
  settings: CoreSettings;
  /** Counters for operators (metrics); absent in tests that do not look. */
  telemetry?: Telemetry;
  /** Called after a commit that queued outbound work, to wake the senders. */
  wake(): void;
  /** The timeline reacts when a conversation ends (next check-in, no-response counting). */
  onSessionEnded?: (ctx: PatientTx, outcome: string | null) => Promise<void>;
}

/** The latest text queued in this unit and when it may go out (waits count from it). */
export interface QueuedSms {
  messageId: string;
  runAt: Date;
}

/** One unit of work on one patient: a transaction holding the patient's advisory lock. */
export interface PatientTx {
  tx: Tx;
  deps: CoreDeps;
  /** Re-read under the lock; use-cases update it in place when they change status. */
  patient: Patient;
  now: Date;
  /** True while answering a text the patient just sent: replies skip quiet hours. */
  replying: boolean;
  /** Sends in this unit are dropped because Twilio already answered the keyword. */
  suppressKeywordReplies: boolean;
  /** Filled as effects apply, read after commit. */
  queued: { sms: number; urgent: boolean; slack: number; lastSms: QueuedSms | null };
}

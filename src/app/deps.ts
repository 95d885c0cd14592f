// What the use-cases need, built once by main.ts (tests build their own).
import type { Db } from '../adapters/db/connect.js';
import type { Logger } from '../adapters/log/logger.js';
import type { ConversationCatalog } from './conversation-catalog.js';
import type { Clock, IdGenerator, Telemetry } from './ports.js';
import type { QuietWindow } from './quiet-hours.js';
import type { TimelineRules } from './schedule-math.js';
import type { PatientTx } from './patient-tx.js';
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

// What the Slack listeners share: the use-cases' dependencies, the staff
// directory, and how a coded use-case error is shown to the staff member.
import type { CoreDeps } from '../../../app/deps.js';
import { AppError } from '../../../app/errors.js';
import type { Logger } from '../../../app/ports.js';
import type { StaffDirectory } from '../staff-directory.js';

export interface ListenerDeps {
  core: CoreDeps;
  directory: StaffDirectory;
  logger: Logger;
}

/** A use-case's coded error as a sentence for the staff member; anything else is rethrown (Bolt logs it). */
export function staffMessage(err: unknown): string {
  if (!(err instanceof AppError)) throw err;
  const fields = err.fields ? Object.entries(err.fields).map(([field, problem]) => `${field} ${problem}`) : [];
  return fields.length ? `${err.message}: ${fields.join('; ')}` : err.message;
}

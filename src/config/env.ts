// The only reader of process.env (and of .env). Everything else gets a Config.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type RawEnv = Record<string, string | undefined>;

/** process.env over the values of `.env` (if present); real variables win. */
export function readEnvironment(envFile = '.env'): RawEnv {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

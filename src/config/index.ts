// Config: read once, validated, frozen, injected. On error every problem is
// reported at once with the variable's name, what is wrong and an example.
import { settings, type SettingName } from './schema.js';
import type { RawEnv } from './env.js';
import { buildConfig, type Config } from './model.js';

export type { Config } from './model.js';
export { readEnvironment } from './env.js';

export interface ConfigProblem {
  name: string;
  message: string;
  example: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
  }
}

export function formatProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.name} ${p.message} (example: ${p.name}=${p.example})`);
  return `careloop cannot start: ${problems.length} configuration problem(s):\n${lines.join('\n')}`;
}

type Parsed = { [K in SettingName]: unknown };

/** Validates the environment; throws ConfigError listing every problem. */
export function loadConfig(env: RawEnv): Config {
  const problems: ConfigProblem[] = [];
  const parsed: Partial<Parsed> = {};
  for (const name of Object.keys(settings) as SettingName[]) {
    const [schema, example] = settings[name];
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    const result = schema.safeParse(value);
    if (result.success) parsed[name] = result.data;
    else problems.push({ name, message: result.error.issues.map((i) => i.message).join('; '), example });
  }
  if (problems.length === 0) problems.push(...crossChecks(parsed as Parsed));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(buildConfig(parsed as Parsed));
}

function crossChecks(p: Parsed): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const twilioSending = Boolean(p.TWILIO_ACCOUNT_SID && p.TWILIO_AUTH_TOKEN);
  if (twilioSending && !p.TWILIO_FROM_NUMBER && !p.TWILIO_MESSAGING_SERVICE_SID) {
    out.push({ name: 'TWILIO_FROM_NUMBER', message: 'or TWILIO_MESSAGING_SERVICE_SID is required when Twilio credentials are set', example: '+15555550100' });
  }
  if (p.TWILIO_ACCOUNT_SID && !p.TWILIO_AUTH_TOKEN) {
    out.push({ name: 'TWILIO_AUTH_TOKEN', message: 'is required when TWILIO_ACCOUNT_SID is set', example: 'your Twilio auth token' });
  }
  if (p.NODE_ENV === 'production') {
    if (!twilioSending) out.push({ name: 'TWILIO_ACCOUNT_SID', message: 'and TWILIO_AUTH_TOKEN are required in production (simulator mode is refused)', example: 'AC0123456789abcdef0123456789abcdef' });
    if (!p.API_TOKEN) out.push({ name: 'API_TOKEN', message: 'is required in production', example: 'a long random string' });
    if (!p.PUBLIC_URL) out.push({ name: 'PUBLIC_URL', message: 'is required in production (Twilio signs requests against it)', example: 'https://careloop.example.org' });
    if (!p.DATABASE_URL) out.push({ name: 'DATABASE_URL', message: 'is required in production (the embedded database is for development)', example: 'postgres://careloop:secret@db.example.com:5432/careloop' });
  }
  const slack = [p.SLACK_BOT_TOKEN, p.SLACK_SIGNING_SECRET, p.SLACK_ESCALATION_CHANNEL];
  if (slack.some(Boolean) && !slack.every(Boolean)) {
    out.push({ name: 'SLACK_BOT_TOKEN', message: 'SLACK_SIGNING_SECRET and SLACK_ESCALATION_CHANNEL must be set together', example: 'xoxb-...' });
  }
  const oidc = [p.OIDC_ISSUER_URL, p.OIDC_CLIENT_ID, p.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    out.push({ name: 'OIDC_ISSUER_URL', message: 'OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together', example: 'https://login.clinic.example.org/realms/staff' });
  }
  if (oidc.every(Boolean) && !p.PUBLIC_URL) {
    out.push({ name: 'PUBLIC_URL', message: 'is required with OIDC_ISSUER_URL (the sign-in callback is PUBLIC_URL/dashboard/oidc/callback)', example: 'https://careloop.example.org' });
  }
  const [lo, hi] = String(p.REFINE_WEEKS).split('-').map(Number);
  if (lo === undefined || hi === undefined || lo < 2 || hi < lo || hi >= Number(p.REASSESS_WEEK)) {
    out.push({ name: 'REFINE_WEEKS', message: 'must be a range like 4-6 that ends before REASSESS_WEEK', example: '4-6' });
  }
  return out;
}

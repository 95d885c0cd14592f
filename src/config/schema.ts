// Every setting careloop reads, with its validation and an example. This file
// and env.ts are the only places that know about environment variables.
import { isSupportedCountry } from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = z.string().refine((v) => URL.canParse(v), 'must be a URL');
const pgUrl = z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), 'must be a URL like postgres://user:pass@host:5432/db');
const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
const numIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** name -> [schema, example shown when the value is wrong]. */
export const settings = {
  NODE_ENV: [z.enum(['development', 'production', 'test']).default('development'), 'production'],
  PORT: [intIn(0, 65535).default(3000), '3000'],
  HOST: [z.string().min(1).default('0.0.0.0'), '0.0.0.0'],
  LOG_LEVEL: [z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), 'info'],
  DATABASE_URL: [pgUrl.optional(), 'postgres://careloop:secret@db.example.com:5432/careloop'],
  DATA_DIR: [z.string().min(1).default('.careloop'), '.careloop'],
  AUTO_MIGRATE: [bool.default(true), 'true'],
  CONVERSATIONS_DIR: [z.string().min(1).default('conversations'), 'conversations'],
  PUBLIC_URL: [url.optional(), 'https://careloop.example.org'],
  API_TOKEN: [z.string().min(16, 'must be at least 16 characters').optional(), 'a long random string'],
  TWILIO_ACCOUNT_SID: [z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional(), 'AC0123456789abcdef0123456789abcdef'],
  TWILIO_AUTH_TOKEN: [z.string().min(8, 'is too short').optional(), 'your Twilio auth token'],
  TWILIO_FROM_NUMBER: [z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number').optional(), '+15555550100'],
  TWILIO_MESSAGING_SERVICE_SID: [z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits').optional(), 'MG0123456789abcdef0123456789abcdef'],
  TWILIO_API_BASE_URL: [url.optional(), 'http://127.0.0.1:4010'],
  TWILIO_HANDLES_KEYWORDS: [bool.optional(), 'true'],
  SMS_RATE_PER_SECOND: [numIn(0.1, 1000).default(1), '1'],
  SMS_SEND_TIMEOUT_SECONDS: [numIn(0.1, 60).default(10), '10'],
  QUIET_HOURS: [
    z
      .string()
      .refine((v) => v === 'off' || (v.split('-').length === 2 && v.split('-').every((p) => hhmm.test(p))), 'must be HH:MM-HH:MM or off')
      .default('21:00-08:00'),
    '21:00-08:00',
  ],
  DEFAULT_TIMEZONE: [z.string().refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone').default('America/New_York'), 'America/Chicago'],
  PHONE_DEFAULT_COUNTRY: [z.string().refine((v) => isSupportedCountry(v), 'must be a two-letter country code such as US or CA').default('US'), 'US'],
  CARE_TEAM_NAME: [z.string().min(1).max(30, 'must be at most 30 characters, so every text fits in 2 SMS').default('CareLoop'), 'Riverside Clinic'],
  CARE_TEAM_PHONE: [z.string().max(20).optional(), '555-0100'],
  SCHEDULER_ENABLED: [bool.default(true), 'true'],
  SCHEDULER_CRON: [z.string().min(9).default('* * * * *'), '* * * * *'],
  FIRST_CHECKIN_AFTER_DAYS: [intIn(7, 10).default(7), '7'],
  REFINE_WEEKS: [z.string().regex(/^\d+-\d+$/, 'must be a range like 4-6').default('4-6'), '4-6'],
  REASSESS_WEEK: [intIn(8, 26).default(12), '12'],
  STALE_CHECKIN_HOURS: [intIn(1, 168).default(24), '24'],
  SLACK_BOT_TOKEN: [z.string().startsWith('xoxb-', 'must start with xoxb-').optional(), 'xoxb-...'],
  SLACK_SIGNING_SECRET: [z.string().min(8, 'is too short').optional(), 'your Slack signing secret'],
  SLACK_ESCALATION_CHANNEL: [z.string().min(1).optional(), 'C0123456789'],
  SLACK_API_URL: [url.optional(), 'http://127.0.0.1:4011/api/'],
  SLACK_APP_TOKEN: [z.string().startsWith('xapp-', 'must start with xapp-').optional(), 'xapp-...'],
  SLACK_URGENT_MENTION: [z.string().min(1).default('<!here>'), '<!subteam^S0123|@nurses>'],
  SLACK_PATIENT_IDENTITY: [z.enum(['label', 'name']).default('label'), 'label'],
  PATIENT_LINK_TEMPLATE: [z.string().includes('{id}', { message: 'must contain {id}' }).optional(), 'https://ehr.example.org/patients/{id}'],
  OIDC_ISSUER_URL: [url.optional(), 'https://login.clinic.example.org/realms/staff'],
  OIDC_CLIENT_ID: [z.string().min(1).max(200).optional(), 'careloop'],
  OIDC_CLIENT_SECRET: [z.string().min(8, 'is too short').optional(), 'the client secret from your identity provider'],
  URGENT_REPOST_MINUTES: [intIn(1, 240).default(15), '15'],
} as const;

export type SettingName = keyof typeof settings;

// The typed, structured configuration handed to the composition root.
import type { CountryCode } from 'libphonenumber-js/max';
import type { SettingName } from './schema.js';

export interface QuietHours {
  /** Local "HH:MM" when quiet hours start (inclusive) and end (exclusive). */
  start: string;
  end: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string; publicUrl: string | undefined };
  log: { level: string };
  db: { url: string | undefined; dataDir: string; autoMigrate: boolean };
  conversationsDir: string;
  api: { token: string | undefined };
  twilio: {
    accountSid: string | undefined;
    authToken: string | undefined;
    fromNumber: string | undefined;
    messagingServiceSid: string | undefined;
    apiBaseUrl: string | undefined;
    /** Outbound goes to Twilio only with both credentials; otherwise the simulator. */
    sending: boolean;
    /** Twilio itself answers STOP/START/HELP on the number, so careloop must not. */
    handlesKeywords: boolean;
  };
  sms: {
    ratePerSecond: number;
    quietHours: QuietHours | null;
    defaultTimezone: string;
    /** Each request to the provider gives up after this; an item's lease is twice this plus 5 s. */
    sendTimeoutMs: number;
  };
  /** How typed phone numbers are read: numbers without + are in defaultCountry; fictional 555 numbers only outside production. */
  phone: { defaultCountry: CountryCode; allowFictional: boolean };
  careTeam: { name: string; phone: string | undefined };
  scheduler: {
    enabled: boolean;
    cron: string;
    firstCheckinAfterDays: number;
    refineWeeks: { from: number; to: number };
    reassessWeek: number;
    staleCheckinHours: number;
  };
  /** Staff sign-in through the clinic's OpenID provider; null: email and password only. */
  oidc: { issuerUrl: string; clientId: string; clientSecret: string } | null;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    channel: string | undefined;
    apiUrl: string | undefined;
    appToken: string | undefined;
    urgentMention: string;
    patientIdentity: 'label' | 'name';
    patientLinkTemplate: string | undefined;
    urgentRepostMinutes: number;
    enabled: boolean;
  };
}

type Parsed = { [K in SettingName]: unknown };

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

export function buildConfig(p: Parsed): Config {
  const sending = Boolean(p.TWILIO_ACCOUNT_SID && p.TWILIO_AUTH_TOKEN);
  const quiet = String(p.QUIET_HOURS);
  const [qs, qe] = quiet.split('-');
  const [rf, rt] = String(p.REFINE_WEEKS).split('-').map(Number);
  return {
    env: p.NODE_ENV as Config['env'],
    http: { port: Number(p.PORT), host: String(p.HOST), publicUrl: str(p.PUBLIC_URL)?.replace(/\/+$/, '') },
    log: { level: String(p.LOG_LEVEL) },
    db: { url: str(p.DATABASE_URL), dataDir: String(p.DATA_DIR), autoMigrate: Boolean(p.AUTO_MIGRATE) },
    conversationsDir: String(p.CONVERSATIONS_DIR),
    api: { token: str(p.API_TOKEN) },
    twilio: {
      accountSid: str(p.TWILIO_ACCOUNT_SID),
      authToken: str(p.TWILIO_AUTH_TOKEN),
      fromNumber: str(p.TWILIO_FROM_NUMBER),
      messagingServiceSid: str(p.TWILIO_MESSAGING_SERVICE_SID),
      apiBaseUrl: str(p.TWILIO_API_BASE_URL),
      sending,
      handlesKeywords: p.TWILIO_HANDLES_KEYWORDS === undefined ? sending : Boolean(p.TWILIO_HANDLES_KEYWORDS),
    },
    sms: {
      ratePerSecond: Number(p.SMS_RATE_PER_SECOND),
      quietHours: quiet === 'off' || !qs || !qe ? null : { start: qs, end: qe },
      defaultTimezone: String(p.DEFAULT_TIMEZONE),
      sendTimeoutMs: Math.round(Number(p.SMS_SEND_TIMEOUT_SECONDS) * 1000),
    },
    phone: { defaultCountry: String(p.PHONE_DEFAULT_COUNTRY) as CountryCode, allowFictional: p.NODE_ENV !== 'production' },
    careTeam: { name: String(p.CARE_TEAM_NAME), phone: str(p.CARE_TEAM_PHONE) },
    scheduler: {
      enabled: Boolean(p.SCHEDULER_ENABLED),
      cron: String(p.SCHEDULER_CRON),
      firstCheckinAfterDays: Number(p.FIRST_CHECKIN_AFTER_DAYS),
      refineWeeks: { from: rf ?? 4, to: rt ?? 6 },
      reassessWeek: Number(p.REASSESS_WEEK),
      staleCheckinHours: Number(p.STALE_CHECKIN_HOURS),
    },
    oidc: p.OIDC_ISSUER_URL && p.OIDC_CLIENT_ID && p.OIDC_CLIENT_SECRET ? { issuerUrl: String(p.OIDC_ISSUER_URL), clientId: String(p.OIDC_CLIENT_ID), clientSecret: String(p.OIDC_CLIENT_SECRET) } : null,
    slack: {
      botToken: str(p.SLACK_BOT_TOKEN),
      signingSecret: str(p.SLACK_SIGNING_SECRET),
      channel: str(p.SLACK_ESCALATION_CHANNEL),
      apiUrl: str(p.SLACK_API_URL),
      appToken: str(p.SLACK_APP_TOKEN),
      urgentMention: String(p.SLACK_URGENT_MENTION),
      patientIdentity: p.SLACK_PATIENT_IDENTITY as 'label' | 'name',
      patientLinkTemplate: str(p.PATIENT_LINK_TEMPLATE),
      urgentRepostMinutes: Number(p.URGENT_REPOST_MINUTES),
      enabled: Boolean(p.SLACK_BOT_TOKEN && p.SLACK_SIGNING_SECRET && p.SLACK_ESCALATION_CHANNEL),
    },
  };
}

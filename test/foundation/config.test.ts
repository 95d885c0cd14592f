import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.name);
    throw err;
  }
  return [];
}

describe('config', () => {
  it('when nothing is set, then development defaults run in simulator mode', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.db.url).toBeUndefined();
    expect(config.twilio.sending).toBe(false);
    expect(config.sms.quietHours).toEqual({ start: '21:00', end: '08:00' });
    expect(config.scheduler.refineWeeks).toEqual({ from: 4, to: 6 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when no care team name is set, then the default reads as a name in English and Spanish texts', () => {
    expect(loadConfig({}).careTeam.name).toBe('CareLoop');
  });

  it('when the care team name is longer than the texts allow (30), then it is reported', () => {
    expect(problemsOf({ CARE_TEAM_NAME: 'R'.repeat(31) })).toEqual(['CARE_TEAM_NAME']);
    expect(problemsOf({ CARE_TEAM_NAME: 'R'.repeat(30) })).toEqual([]);
  });

  it('when several values are wrong, then every bad variable is reported at once', () => {
    expect(problemsOf({ DATABASE_URL: 'not-a-url', PORT: 'abc', QUIET_HOURS: '9pm', SMS_RATE_PER_SECOND: '-1' }).sort()).toEqual(
      ['DATABASE_URL', 'PORT', 'QUIET_HOURS', 'SMS_RATE_PER_SECOND'].sort(),
    );
  });

  it('when a problem is reported, then the message names it, says what is wrong and gives an example', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'abc' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err.message).toContain('PORT must be a whole number');
    expect(err.message).toContain('example: PORT=3000');
  });

  it('when production lacks Twilio, a token, a public URL and a database, then it refuses to start', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).sort()).toEqual(['API_TOKEN', 'DATABASE_URL', 'PUBLIC_URL', 'TWILIO_ACCOUNT_SID'].sort());
  });

  it('when Twilio credentials are set without a sender, then the sender is asked for', () => {
    expect(problemsOf({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token' })).toEqual(['TWILIO_FROM_NUMBER']);
  });

  it('when only the auth token is set, then webhooks are verified but outbound stays simulated', () => {
    const config = loadConfig({ TWILIO_AUTH_TOKEN: 'secret-token' });
    expect(config.twilio.authToken).toBe('secret-token');
    expect(config.twilio.sending).toBe(false);
    expect(config.twilio.handlesKeywords).toBe(false);
  });

  it('when PHONE_DEFAULT_COUNTRY is not a country, then it is reported; by default phones are US and fictional numbers work outside production', () => {
    expect(problemsOf({ PHONE_DEFAULT_COUNTRY: 'USA' })).toEqual(['PHONE_DEFAULT_COUNTRY']);
    expect(loadConfig({}).phone).toEqual({ defaultCountry: 'US', allowFictional: true });
    expect(loadConfig({ PHONE_DEFAULT_COUNTRY: 'CA', NODE_ENV: 'test' }).phone).toEqual({ defaultCountry: 'CA', allowFictional: true });
    const production = {
      NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db.example.com:5432/careloop', PUBLIC_URL: 'https://careloop.example.org', API_TOKEN: 'a-long-random-api-token',
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM_NUMBER: '+13125550200',
    };
    expect(loadConfig(production).phone).toEqual({ defaultCountry: 'US', allowFictional: false });
  });

  it('when only part of the Slack settings is present, then that is an error', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(['SLACK_BOT_TOKEN']);
  });
});

describe('.env.example', () => {
  it('documents every setting the config reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const { settings } = await import('../../src/config/schema.js');
    const example = await readFile('.env.example', 'utf8');
    const missing = Object.keys(settings).filter((name) => !example.includes(`${name}=`));
    expect(missing).toEqual([]);
  });
});

// Every place a person types a phone number reads it the same way (one reader,
// src/app/phone.ts, default country US): the API, the Slack enroll modal, the
// Slack /careloop command and the CLI's `chat --phone`. Each accepts
// (312) 555-0123, 312.555.0123 and +1 312 555 0123 and refuses +1234567.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newPatient } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { STAFF, startSlackService, type SlackTestService } from '../slack/slack-service.js';

const TYPED = ['(312) 555-0123', '312.555.0123', '+1 312 555 0123'];
const E164 = '+13125550123';
const TOO_SHORT = '+1234567';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;

beforeAll(async () => {
  slack = fakeSlack();
  twilio = fakeTwilio();
  s = await startSlackService();
});
afterAll(async () => {
  await s.close();
  twilio.done();
  slack.done();
});
beforeEach(() => {
  slack.clear();
  slack.users[STAFF] = 'Nurse Kim';
});

describe('POST /api/patients', () => {
  it('when the phone is typed in each common way, then it is stored once as E.164 and the others are the same patient', async () => {
    const first = await s.svc.api().post('/api/patients', newPatient({ phone: TYPED[0] }));
    expect(first.status).toBe(201);
    expect(first.body.phone).toBe(E164);
    for (const typed of TYPED) {
      const again = await s.svc.api().post('/api/patients', newPatient({ phone: typed }));
      expect(again.status, typed).toBe(409);
    }
    const stored = await s.svc.t.db.selectFrom('patients').select('phone').where('id', '=', first.body.id).executeTakeFirstOrThrow();
    expect(stored.phone).toBe(E164);
  });

  it('when the phone is too short, then 400 says so on the phone field', async () => {
    const res = await s.svc.api().post('/api/patients', newPatient({ phone: TOO_SHORT }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.phone).toContain('too short');
    expect(res.body.error.fields.phone).toContain('+1 312 555 0123');
  });
});

describe('/careloop <verb> <phone>', () => {
  it.each(TYPED)('when staff name the patient as %j, then the status is theirs', async (typed) => {
    const label = (await s.svc.t.db.selectFrom('patients').select('label').where('phone', '=', E164).executeTakeFirstOrThrow()).label;
    const res = await s.command(`status ${typed}`);
    expect(res.body.response_type).toBe('ephemeral');
    expect(`${res.body.text ?? ''} ${JSON.stringify(res.body.blocks ?? [])}`).toContain(label);
  });

  it('when the phone is too short, then the answer says what is wrong with it', async () => {
    const res = await s.command(`status ${TOO_SHORT}`);
    expect(res.body.text).toContain('too short');
    expect(res.body.text).not.toContain('not found');
  });
});

describe('the Slack enroll modal', () => {
  const v = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const opt = (value: string) => ({ value: { type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } } });
  const form = (phone: string, name: string) => ({
    name: v(name), phone: v(phone), timezone: v('America/Chicago'), language: opt('en'), consent: opt('confirmed'),
    plan_action: v('walk 10 minutes'), plan_days: { value: { type: 'number_input', value: '3' } }, plan_confidence: { value: { type: 'number_input', value: '8' } },
    plan_start: { value: { type: 'datepicker', selected_date: null } }, checkin_weekday: opt('tuesday'),
    checkin_time: { value: { type: 'timepicker', selected_time: '17:30' } }, care_team: { value: { type: 'plain_text_input', value: null } },
  });

  it.each([['(312) 555-0141', '+13125550141'], ['312.555.0142', '+13125550142'], ['+1 312 555 0143', '+13125550143']])(
    'when the number is typed as %j, then the patient is enrolled as %s',
    async (typed, stored) => {
      const res = await s.submit('patient.enroll.submit', '', form(typed, `Ana ${stored.slice(-2)}`));
      expect(res.body.response_action).toBe('update');
      expect((await s.svc.t.db.selectFrom('patients').select('name').where('phone', '=', stored).executeTakeFirst())?.name).toBe(`Ana ${stored.slice(-2)}`);
    },
  );

  it('when the number is too short, then the modal shows the error on the phone field', async () => {
    const res = await s.submit('patient.enroll.submit', '', form(TOO_SHORT, 'Ana Short'));
    expect(res.body).toEqual({ response_action: 'errors', errors: { phone: expect.stringContaining('too short') } });
  });
});

describe('careloop chat --phone', () => {
  /** A loopback stand-in for a running careloop server that records what the CLI sends. */
  let server: Server;
  let base: string;
  const seen: { path: string; from?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        seen.push({ path: url.pathname, from: url.searchParams.get('phone') ?? new URLSearchParams(body).get('From') ?? undefined });
        res.setHeader('content-type', 'application/json');
        res.end(url.pathname === '/simulator/messages' ? '[]' : '{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The real CLI in a child process (asynchronous: the stand-in server runs in this process). */
  const chat = (phone: string) =>
    new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/careloop.js', 'chat', '--phone', phone, '--url', base], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', API_TOKEN: 'test-api-token-0123456789' },
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
      child.stdin.end('hello\n/quit\n');
    });

  it.each(TYPED)('when the phone is %j, then the CLI texts the server as +13125550123', async (typed) => {
    seen.length = 0;
    const result = await chat(typed);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(seen.find((r) => r.path === '/twilio/sms')?.from).toBe(E164);
    expect(seen.filter((r) => r.path === '/simulator/messages').every((r) => r.from === E164)).toBe(true);
  });

  it('when the phone is too short, then the CLI exits 2 saying why and sends nothing', async () => {
    seen.length = 0;
    const result = await chat(TOO_SHORT);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--phone is too short');
    expect(seen).toEqual([]);
  });
});

// Delivery failures by Twilio error code (adapters/twilio/error-codes.ts and
// app/outbox/delivery-failures.ts): the patient's status follows, the care
// team sees it, account errors alert operators; Slack errors that can never
// succeed are not retried forever; the metrics count all of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffChannel, StaffJob } from '../../src/app/staff-outbox.js';
import { newPatient, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let fake: TwilioFake;
let n = 0;
/** The staff channel: delivers, or refuses like Slack does when the app is not in the channel. */
const channel = { delivered: [] as StaffJob[], refuse: null as string | null };
const staffChannel: StaffChannel = {
  deliver: async (job) => {
    if (channel.refuse) throw Object.assign(new Error('An API error occurred'), { data: { ok: false, error: channel.refuse } });
    channel.delivered.push(job);
  },
};

beforeAll(async () => {
  svc = await startTestService({ overrides: { staffChannel } });
});
afterAll(async () => svc.close());
afterEach(() => {
  fake?.done();
  channel.refuse = null;
});

async function enroll() {
  const phone = `+1555552${String(n++).padStart(4, '0')}`;
  const res = await svc.api().post('/api/patients', newPatient({ phone }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, phone };
}
const patient = async (id: string) => (await svc.api().get(`/api/patients/${id}`)).body as { status: string; nextCheckin: unknown };
const escalations = async (id: string) => (await svc.api().get(`/api/escalations?patientId=${id}`)).body as { urgency: string; category: string; reason: string; notifyError?: string }[];
const metric = async (name: string) => (await svc.metrics.registry.getSingleMetricAsString(name)) ?? '';
const statusCallback = async (patientId: string, status: string, errorCode: string) => {
  const row = await svc.t.db.selectFrom('messages').select(['id', 'provider_sid']).where('patient_id', '=', patientId).where('direction', '=', 'outbound').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return svc.sms({ MessageSid: row.provider_sid!, MessageStatus: status, ErrorCode: errorCode }, { path: `/twilio/status?m=${row.id}` });
};

describe('delivery failures by error code', () => {
  it('when an undelivered callback says 30006 (landline), then the patient is paused, stops being scheduled, and staff get a routine escalation', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    expect((await patient(id)).nextCheckin).not.toBeNull();
    expect((await statusCallback(id, 'undelivered', '30006')).status).toBe(204);
    expect(await patient(id)).toMatchObject({ status: 'paused', nextCheckin: null });
    const [esc] = await escalations(id);
    expect(esc).toMatchObject({ urgency: 'routine', category: 'delivery_landline' });
    expect(esc!.reason).toContain('landline');
    expect(await metric('careloop_sms_failures_total')).toContain('code="30006",kind="landline"');
    expect(await metric('careloop_escalations_total')).toMatch(/urgency="routine"} [1-9]/);
  });

  it('when a send is refused with 21211 (invalid number), then the text fails, the patient is paused and staff see it', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    fake.failNext(400, 21211);
    await svc.sender.drain();
    expect((await patient(id)).status).toBe('paused');
    expect((await escalations(id))[0]).toMatchObject({ category: 'delivery_invalid_number' });
  });

  it('when a send is refused with 21408 (region not enabled on our account), then operators are alerted and the patient is not flagged', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    fake.failNext(400, 21408);
    await svc.sender.drain();
    expect((await patient(id)).status).toBe('active');
    expect(await escalations(id)).toEqual([]);
    const audit = await svc.t.db.selectFrom('audit_log').select('action').where('patient_id', '=', id).execute();
    expect(audit.map((a) => a.action)).not.toContain('phone.invalid');
    expect(await metric('careloop_operator_alerts_total')).toMatch(/reason="sms_account"} [1-9]/);
  });

  it('when a failed callback says 21610, then the patient is opted out', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    await statusCallback(id, 'failed', '21610');
    expect((await patient(id)).status).toBe('opted_out');
  });

  it('when a delivered callback arrives, then nothing changes for the patient', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    await statusCallback(id, 'delivered', '');
    expect((await patient(id)).status).toBe('active');
    expect(await escalations(id)).toEqual([]);
  });
});

describe('Slack errors that can never succeed', () => {
  it('when Slack says not_in_channel, then the post is not retried, operators are alerted and the API shows the escalation as not posted', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    await svc.staff.drain();
    channel.refuse = 'not_in_channel';
    await statusCallback(id, 'undelivered', '30003');
    expect(await svc.staff.drain()).toBe(1);
    svc.clock.advance(2 * 3_600_000);
    expect(await svc.staff.drain()).toBe(0); // failed for good, not retried
    const [esc] = await escalations(id);
    expect(esc).toMatchObject({ category: 'delivery_unreachable', notifyError: 'slack: not_in_channel' });
    expect(await metric('careloop_operator_alerts_total')).toMatch(/reason="slack_not_in_channel"} 1/);
  });

  it('when Slack is rate limiting, then the post is retried later', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    await svc.staff.drain();
    channel.refuse = 'ratelimited';
    await statusCallback(id, 'undelivered', '30003');
    expect(await svc.staff.drain()).toBe(1);
    channel.refuse = null;
    svc.clock.advance(10_000);
    expect(await svc.staff.drain()).toBe(1);
    expect((await escalations(id))[0]!.notifyError).toBeUndefined();
  });
});

describe('queue metrics', () => {
  it('when texts are due and a check-in is overdue, then /metrics shows outbox depth, its age and the scheduler lag', async () => {
    fake = fakeTwilio();
    await enroll();
    svc.clock.advance(90_000);
    const text = (await svc.metrics.registry.metrics()).split('\n');
    expect(text.find((l) => l.startsWith('careloop_outbox_due{kind="sms"}'))).toMatch(/ [1-9]\d*$/);
    expect(Number(text.find((l) => l.startsWith('careloop_outbox_oldest_due_age_seconds{kind="sms"}'))?.split(' ')[1])).toBeGreaterThanOrEqual(90);
    expect(text).toContain('careloop_scheduler_lag_seconds 0');
    await svc.sender.drain();
    expect(await metric('careloop_sms_sends_total')).toMatch(/outcome="sent"} [1-9]/);
    const after = (await svc.metrics.registry.metrics()).split('\n');
    expect(after.find((l) => l.startsWith('careloop_outbox_due{kind="sms"}'))).toBe('careloop_outbox_due{kind="sms"} 0');
    // No scheduler tick runs here: a week and a day later, the first check-in is overdue.
    svc.clock.advance(8 * 86_400_000);
    const late = (await svc.metrics.registry.metrics()).split('\n');
    expect(Number(late.find((l) => l.startsWith('careloop_scheduler_lag_seconds '))?.split(' ')[1])).toBeGreaterThan(3600);
  });
});

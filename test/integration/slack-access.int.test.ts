// Slack users act only through linked staff accounts, within their role and
// care teams: /careloop commands and the escalation buttons.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { startSlackService, type SlackTestService } from '../slack/slack-service.js';
import { seedCareTeam, seedPatient, THIRTEEN_WEEKS } from '../support/seed-history.js';

let s: SlackTestService;
let slack: SlackFake;
let northLabel: string;
let northEscalation: string;

const VIEWER = 'U0VIEWER';
const SOUTH_NURSE = 'U0SOUTH';
const STRANGER = 'U0STRANGER';

beforeAll(async () => {
  slack = fakeSlack();
  s = await startSlackService();
  const db = s.svc.t.db;
  const north = await seedCareTeam(db, 'North');
  const south = await seedCareTeam(db, 'South');
  const patient = await seedPatient(db, { name: 'Nora North', phone: '+15555554001', careTeamId: north, weeks: THIRTEEN_WEEKS.slice(0, 2), start: new Date('2026-02-02T12:00:00Z') });
  northLabel = (await db.selectFrom('patients').select('label').where('id', '=', patient).executeTakeFirstOrThrow()).label;
  northEscalation = randomUUID();
  const now = s.svc.clock.now();
  await db.insertInto('escalations').values({ id: northEscalation, patient_id: patient, urgency: 'routine', reason: 'asked for a person', status: 'open', created_at: now, updated_at: now }).execute();
  for (const [slackUserId, role, team] of [[VIEWER, 'viewer', north], [SOUTH_NURSE, 'nurse', south]] as const) {
    const row = await db.insertInto('staff').values({ email: `${slackUserId.toLowerCase()}@clinic.test`, name: slackUserId, role, password_hash: null, oidc_subject: null, slack_user_id: slackUserId, disabled_at: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('staff_care_teams').values({ staff_id: row.id, care_team_id: team, created_at: now }).execute();
  }
});
afterAll(async () => {
  await s.close();
  slack.done();
});
beforeEach(() => slack.clear());

const text = (res: { body: { text?: string; blocks?: unknown } }) => `${res.body.text ?? ''} ${JSON.stringify(res.body.blocks ?? [])}`;
const statusOf = async () => (await s.svc.t.db.selectFrom('escalations').select('status').where('id', '=', northEscalation).executeTakeFirstOrThrow()).status;

describe('/careloop and linked staff', () => {
  it('when a Slack user is not linked to a staff account, then nothing is shown and they are told how to get linked', async () => {
    const res = await s.command(`status ${northLabel}`, STRANGER);
    expect(text(res)).toContain('not linked to a careloop staff account');
    expect(text(res)).not.toContain('Adherence');
    expect(text(await s.command('enroll', STRANGER))).toContain('not linked');
    expect(slack.of('views.open')).toEqual([]);
  });

  it('when a viewer asks for status, then it is shown; when they pause, then they are refused', async () => {
    expect(text(await s.command(`status ${northLabel}`, VIEWER))).toContain(northLabel);
    expect(text(await s.command(`pause ${northLabel}`, VIEWER))).toContain('a viewer cannot do this');
    const patient = await s.svc.t.db.selectFrom('patients').select('status').where('label', '=', northLabel).executeTakeFirstOrThrow();
    expect(patient.status).toBe('active');
  });

  it('when a nurse of another care team asks about the patient, then the patient is not found', async () => {
    expect(text(await s.command(`status ${northLabel}`, SOUTH_NURSE))).toContain('patient not found');
    expect(text(await s.command(`checkin now ${northLabel}`, SOUTH_NURSE))).toContain('patient not found');
  });
});

describe('escalation buttons and linked staff', () => {
  it('when an unlinked user or a nurse of another team clicks Claim, then it stays open and they are told why', async () => {
    await s.click('escalation.claim', northEscalation, STRANGER);
    await s.click('escalation.claim', northEscalation, SOUTH_NURSE);
    await s.click('escalation.claim', northEscalation, VIEWER);
    expect(await statusOf()).toBe('open');
    const notices = slack.of('chat.postEphemeral').map((c) => [c.args.user, c.args.text]);
    expect(notices).toEqual([
      [STRANGER, expect.stringContaining('not linked')],
      [SOUTH_NURSE, 'patient not found'],
      [VIEWER, expect.stringContaining('a viewer cannot do this')],
    ]);
  });

  it('when a linked admin clicks Claim, then it is claimed and the audit log names their staff account', async () => {
    await s.click('escalation.claim', northEscalation);
    expect(await statusOf()).toBe('claimed');
    const audit = await s.svc.t.db.selectFrom('audit_log').select('actor').where('action', '=', 'escalation.claimed').execute();
    expect(audit.map((a) => a.actor)).toEqual(['staff:kim@clinic.test']);
  });
});

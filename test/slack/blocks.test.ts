// Block Kit builders and text helpers: pure functions, no Slack, no database.
import { describe, expect, it } from 'vitest';
import type { EscalationCard } from '../../src/app/escalations/card.js';
import { escalationMessage, repostText, strongerMention } from '../../src/adapters/slack/blocks/escalation-message.js';
import { patientRef, threadMessageText } from '../../src/adapters/slack/blocks/presentation.js';
import { enrollErrors, enrollFields } from '../../src/adapters/slack/enroll-form.js';
import { escapeMrkdwn, redactName, slackToPlainText } from '../../src/adapters/slack/mrkdwn.js';

const at = new Date('2026-03-02T15:00:00Z');
const LABEL_ONLY = { patientIdentity: 'label' as const, patientLinkTemplate: undefined };

function card(overrides: Partial<EscalationCard> = {}): EscalationCard {
  return {
    id: 'e1',
    urgency: 'routine',
    reason: 'The patient asked to talk to a person',
    status: 'open',
    createdAt: at,
    claimedBy: null,
    claimedAt: null,
    firstReplyAt: null,
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    thread: null,
    route: { channel: null, urgentMention: null },
    patient: { id: 'p-1', label: 'MG-3F9A2C', name: 'Maria Garcia' },
    plan: { action: 'walk 10 minutes after dinner', daysPerWeek: 5, confidence: 8 },
    trigger: { id: 'm2', author: 'patient', body: 'I want to talk to someone <!channel>', staffName: null, at },
    recent: [{ id: 'm1', author: 'bot', body: 'Hi Maria! How many days did you walk?', staffName: null, at }],
    ...overrides,
  };
}

const json = (x: unknown) => JSON.stringify(x);

describe('escalation message', () => {
  it('shows label, reason, the reply, plan, recent messages, status and the three buttons', () => {
    const m = escalationMessage(card(), LABEL_ONLY, null);
    const all = json(m.blocks);
    for (const part of ['MG-3F9A2C', 'talk to a person', 'I want to talk to someone', 'walk 10 minutes after dinner, 5 days a week (confidence 8/10)', 'Hi [name]!', 'escalation.claim', 'escalation.reply', 'escalation.resolve', '*Open*']) {
      expect(all).toContain(part);
    }
    expect(all).not.toContain('Maria');
    expect(m.text).toBe('Escalation for MG-3F9A2C: The patient asked to talk to a person');
  });

  it("escapes the patient's words so they cannot mention @channel or fake a link", () => {
    const all = json(escalationMessage(card(), LABEL_ONLY, null).blocks);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toContain('<!channel>');
  });

  it('mentions only when told to (first post of an urgent escalation)', () => {
    const m = escalationMessage(card({ urgency: 'urgent' }), LABEL_ONLY, '<!here>');
    expect(m.text.startsWith('<!here> Urgent escalation')).toBe(true);
    expect(json(m.blocks[0])).toContain('<!here> :rotating_light: *Urgent escalation*');
    expect(escalationMessage(card({ urgency: 'urgent' }), LABEL_ONLY, null).text).not.toContain('<!here>');
  });

  it('drops Claim once claimed and every button once resolved', () => {
    const claimed = json(escalationMessage(card({ status: 'claimed', claimedBy: 'Nurse Kim', claimedAt: at }), LABEL_ONLY, null).blocks);
    expect(claimed).toContain('*Claimed* by Nurse Kim');
    expect(claimed).not.toContain('escalation.claim');
    expect(claimed).toContain('escalation.reply');
    const resolved = json(escalationMessage(card({ status: 'resolved', resolvedBy: 'Nurse Kim', resolvedAt: at, resolutionNote: 'called' }), LABEL_ONLY, null).blocks);
    expect(resolved).toContain('*Resolved* by Nurse Kim');
    expect(resolved).toContain('called');
    expect(resolved).not.toContain('"actions"');
  });

  it('links the label to the record when a template is set, and shows the name only when configured', () => {
    expect(patientRef(card().patient, { patientIdentity: 'label', patientLinkTemplate: 'https://ehr.example/p/{id}' })).toBe('<https://ehr.example/p/p-1|MG-3F9A2C>');
    expect(patientRef(card().patient, { patientIdentity: 'name', patientLinkTemplate: undefined })).toBe('Maria Garcia (MG-3F9A2C)');
  });

  it('makes the re-post mention stronger', () => {
    expect(strongerMention('<!here>')).toBe('<!channel>');
    expect(strongerMention('<!subteam^S1|@nurses>')).toBe('<!subteam^S1|@nurses> <!channel>');
    expect(strongerMention('<!channel>')).toBe('<!channel>');
    expect(repostText(card({ urgency: 'urgent' }), LABEL_ONLY, '<!here>', 15)).toMatch(/^<!channel> .*15 minutes.*MG-3F9A2C/);
  });
});

describe('thread messages', () => {
  it("quotes the patient's words as they are, and careloop's texts without the name", () => {
    const patient = card().patient;
    expect(threadMessageText({ id: 'm', author: 'patient', body: 'ok, Maria here', staffName: null, at }, patient, LABEL_ONLY)).toBe(':speech_balloon: *MG-3F9A2C* texted:\n>ok, Maria here');
    expect(threadMessageText({ id: 'm', author: 'bot', body: 'Thanks, Maria.', staffName: null, at }, patient, LABEL_ONLY)).toContain('>Thanks, [name].');
    expect(threadMessageText({ id: 'm', author: 'staff', body: 'Nurse Kim: hi', staffName: 'Nurse Kim', at }, patient, LABEL_ONLY)).toBe(':outbox_tray: Sent to MG-3F9A2C by SMS:\n>Nurse Kim: hi');
  });
});

describe('text helpers', () => {
  it.each([
    ['Hi <@U123>, see <https://a.example|the page>', 'Hi , see the page (https://a.example)'],
    ['<https://a.example>', 'https://a.example'],
    ['5 &lt; 7 &amp; 3 &gt; 1', '5 < 7 & 3 > 1'],
    ['call <tel:+15555550100|the clinic>', 'call the clinic (+15555550100)'],
    ['hey <!here|here>', 'hey here'],
  ])('slackToPlainText(%j) = %j', (input, expected) => {
    expect(slackToPlainText(input)).toBe(expected);
  });

  it('redacts each part of a name, whole words only, any case, accents included', () => {
    expect(redactName('Hi MARIA, Garcia family! Mariachi', 'Maria Garcia')).toBe('Hi [name], [name] family! Mariachi');
    expect(redactName('Hola José', 'José Núñez')).toBe('Hola [name]');
  });

  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('<a> & b')).toBe('&lt;a&gt; &amp; b');
  });
});

describe('enroll form', () => {
  it('maps the modal state to the API fields and the API errors back to blocks', () => {
    const fields = enrollFields({
      name: { value: { type: 'plain_text_input', value: 'Ana Ruiz' } },
      phone: { value: { type: 'plain_text_input', value: '+1 (555) 555-0100' } },
      plan_days: { value: { type: 'number_input', value: '4' } },
      checkin_weekday: { value: { type: 'static_select', selected_option: { value: 'friday', text: { type: 'plain_text', text: 'Friday' } } } },
      checkin_time: { value: { type: 'timepicker', selected_time: '09:15' } },
    });
    // The phone goes as typed: the API's one phone reader (src/app/phone.ts) reads it.
    expect(fields).toMatchObject({ name: 'Ana Ruiz', phone: '+1 (555) 555-0100', plan: { daysPerWeek: 4 }, checkin: { weekday: 'friday', time: '09:15' } });
    expect(fields).not.toHaveProperty('careTeam');
    expect(enrollErrors({ 'plan.daysPerWeek': 'must be between 1 and 7', timezone: 'bad' })).toEqual({ plan_days: 'must be between 1 and 7', timezone: 'bad' });
  });
});

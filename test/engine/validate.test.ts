// `careloop validate` rules: the shipped files pass, and each broken
// definition fails with the right message (one case per rule).
import { describe, expect, it } from 'vitest';
import { SYSTEM_MESSAGE_KEYS } from '../../src/engine/system-messages.js';
import { loadConversationSources } from '../../src/adapters/definitions/conversation-sources.js';
import { loadConversations } from '../../src/adapters/definitions/load-conversations.js';
import { CONVERSATIONS_DIR } from './support/env.js';

const VALID = `
id: sample
version: 1
title: Sample
start: ask
steps:
  ask:
    say: { en: "Did you {{plan.action}}? Reply YES or NO.", es: "¿Pudo {{plan.action}}? Responda SI o NO." }
    expect: { type: yes_no }
    save: did_it
    retry: { en: "Reply YES or NO.", es: "Responda SI o NO." }
    fallback: { goto: done }
    timeout: { goto: done }
    routes:
      - if: did_it == yes
        goto: done
      - goto: done
  done:
    say: { en: "Thanks!", es: "¡Gracias!" }
    end: completed
`;

function problemsOf(text: string, file = 'conversations/sample.yaml') {
  return loadConversationSources([{ file, text }], null).problems;
}

/** Applies a text replacement to VALID; fails loudly if the anchor is not there. */
function broken(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`anchor not found: ${from}`);
  return VALID.replace(from, to);
}

const LONG_EN = 'word '.repeat(62);

describe('validate', () => {
  it('accepts every shipped conversation and the system messages', async () => {
    const loaded = await loadConversations(CONVERSATIONS_DIR);
    expect(loaded.problems).toEqual([]);
    expect([...loaded.definitions.keys()].sort()).toEqual(
      ['barrier-solving', 'catch-up', 'daily-log', 'enrollment', 'mood-check', 'reassess', 'refine', 'setback', 'weekly-checkin'],
    );
  });

  it('accepts the sample', () => {
    expect(problemsOf(VALID)).toEqual([]);
  });

  it.each([
    ['unknown key', broken('    save: did_it', '    save: did_it\n    sav: x'), 'ask', 'unknown key "sav"'],
    ['missing translation', broken('es: "¡Gracias!" }', '}'), 'done', 'missing Spanish (es) translation at "say"'],
    ['unknown step target', broken('        goto: done\n      - goto: done', '        goto: finish\n      - goto: done'), 'ask', 'goes to unknown step "finish"'],
    ['unreachable step', `${VALID}  orphan:\n    end: x\n`, 'orphan', 'unreachable'],
    ['no way out', broken('    end: completed', '    log_day: true'), 'done', 'no way out: add goto'],
    ['never finishes', broken('    end: completed', '    goto: ask').replace('fallback: { goto: done }', 'fallback: { goto: ask }'), 'ask', 'can never reach an end'],
    ['wait with no timeout', broken('    timeout: { goto: done }\n', ''), 'ask', 'no timeout'],
    ['wait with no retry', broken('    retry: { en: "Reply YES or NO.", es: "Responda SI o NO." }\n', ''), 'ask', 'no retry text'],
    ['wait with no fallback', broken('    fallback: { goto: done }\n', ''), 'ask', 'no fallback'],
    ['unknown template variable', broken('{{plan.action}}? Reply', '{{plan.activity}}? Reply'), 'ask', 'unknown variable "{{plan.activity}}"'],
    ['unknown result in a template', broken('"Thanks!"', '"Thanks {{results.mood}}!"'), 'done', 'unknown variable "{{results.mood}}"'],
    ['stray braces', broken('"Thanks!"', '"Thanks {{name!"'), 'done', 'unmatched "{{"'],
    ['too long (GSM-7)', broken('"Thanks!"', `"${LONG_EN}"`), 'done', '3 SMS segments'],
    ['too long once UCS-2 (one á)', broken('es: "¡Gracias!"', `es: "${'Gracias '.repeat(17)}está"`), 'done', '"á" makes it UCS-2'],
    ['too long once rendered', broken('"Thanks!"', `"${'Thanks '.repeat(35)}{{plan.action}} {{plan.action}}"`), 'done', 'with the longest fill-ins'],
    ['unreadable condition', broken('if: did_it == yes', 'if: did_it === yes'), 'ask', 'cannot be read'],
    ['condition with unknown variable', broken('if: did_it == yes', 'if: mood > 3'), 'ask', 'unknown variable "mood"'],
    ['routes without otherwise', broken('      - goto: done\n  done', '      - if: did_it == no\n        goto: done\n  done'), 'ask', 'no "otherwise"'],
    ['routes after otherwise', broken('      - if: did_it == yes\n        goto: done', '      - goto: done\n      - if: did_it == yes\n        goto: done'), 'ask', 'can never be taken'],
    ['loop without waiting', broken('    end: completed', '    goto: again\n  again:\n    goto: done'), 'done', 'loops without waiting'],
    ['unknown conversation', broken('    end: completed', '    handoff: nowhere'), 'done', 'unknown conversation "nowhere"'],
    ['calls itself', broken('    end: completed', '    call: { conversation: sample, then: done }'), 'done', 'cannot call or hand off to itself'],
    ['more than one way out', broken('    end: completed', '    end: completed\n    goto: ask'), 'done', 'more than one way out'],
    ['bad duration', broken('timeout: { goto: done }', 'timeout: { after: 2 days, goto: done }'), 'ask', 'ISO-8601 duration'],
    ['min above max', broken('expect: { type: yes_no }', 'expect: { type: number, min: 7, max: 0 }'), 'ask', 'min 7 is larger than max 0'],
    ['retry on a step that does not wait', broken('    end: completed', '    retry: { en: "x", es: "x" }\n    end: completed'), 'done', '"retry" only makes sense'],
    ['question after a hand-over', broken('    say: { en: "Thanks!", es: "¡Gracias!" }\n    end: completed', '    escalate: { urgency: routine, reason: "x" }\n    say: { en: "Thanks!", es: "¡Gracias!" }\n    goto: ask'), 'ask', 'can follow the hand-over at "done"'],
    ['question on the hand-over step', broken('    expect: { type: yes_no }', '    escalate: { urgency: routine, reason: "x" }\n    expect: { type: yes_no }'), 'ask', 'asks a question after handing over'],
    ['question after a fallback hand-over', broken('fallback: { goto: done }', 'fallback: { goto: ask, escalate: { urgency: routine, reason: "x" } }'), 'ask', 'can follow the hand-over at "ask"'],
  ])('%s', (_rule, text, step, message) => {
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'conversations/sample.yaml', step, message: expect.stringContaining(message) }));
  });

  it('when an escalation says then: continue, then a question after it is fine', () => {
    const text = broken('    say: { en: "Thanks!", es: "¡Gracias!" }\n    end: completed', '    escalate: { urgency: routine, reason: "x", then: continue }\n    say: { en: "Thanks!", es: "¡Gracias!" }\n    goto: again\n  again:\n    say: { en: "More?", es: "¿Más?" }\n    expect: { type: text }\n    timeout: { goto: bye }\n    goto: bye\n  bye:\n    end: completed');
    expect(problemsOf(text)).toEqual([]);
  });

  it('requires the id to equal the file name', () => {
    expect(problemsOf(VALID, 'conversations/other.yaml')).toContainEqual({ file: 'conversations/other.yaml', message: 'id "sample" must equal the file name "other"' });
  });

  it('reports YAML syntax errors with the file', () => {
    expect(problemsOf('id: [unclosed')[0]?.message).toMatch(/^not valid YAML/);
  });

  it('finds a synonym shared by two choices', () => {
    const text = broken(
      'expect: { type: yes_no }',
      'expect: { type: choice, options: [{ key: a, synonyms: { en: [time], es: [tiempo] } }, { key: b, synonyms: { en: [Time], es: [otro] } }] }',
    ).replace('if: did_it == yes', "if: did_it == 'a'");
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ message: 'synonym "Time" is used by both "a" and "b"' }));
  });

  it('checks system messages: translations, variables and size', () => {
    const messages = (body: string) => loadConversationSources([], { file: 'messages.yaml', text: body }).problems.map((p) => `${p.step}: ${p.message}`);
    const all = [...SYSTEM_MESSAGE_KEYS];
    const good = all.map((k) => `${k}: { en: "ok", es: "ok" }`).join('\n');
    expect(messages(good)).toEqual([]);
    expect(messages(good.replace('help: { en: "ok", es: "ok" }', 'help: { en: "ok" }'))).toEqual(['help: missing Spanish (es) translation']);
    expect(messages(good.replace('unknown_sender: { en: "ok"', 'unknown_sender: { en: "Hi {{patient.firstName}}"'))).toContain('unknown_sender: unknown_sender (en): unknown variable "{{patient.firstName}}"');
  });
});

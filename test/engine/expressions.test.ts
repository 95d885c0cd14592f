import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/engine/context.js';
import { evaluateCondition, parseCondition } from '../../src/engine/expressions.js';
import { renderTemplate, templateNames } from '../../src/engine/template.js';

const vars: Record<string, Value> = { days_done: 3, 'plan.daysPerWeek': 3, confidence: 6, barrier: 'time', logged: null, ok: true, note: 'unclear text' };
const resolve = (path: string) => vars[path];

describe('conditions', () => {
  it.each([
    ['days_done >= plan.daysPerWeek', true],
    ['days_done > plan.daysPerWeek', false],
    ['days_done == 3 and confidence < 7', true],
    ['days_done == 0 or confidence >= 7', false],
    ['not (confidence >= 7)', true],
    ["barrier == 'time'", true],
    ['barrier == "TIME"', true],
    ['barrier != "pain"', true],
    ['logged != null', false],
    ['logged == null', true],
    ['ok == yes', true],
    ['ok == no', false],
    ['note >= 3', false],
    ['note < 3', false],
    ['missing > 0', false],
    ['days_done', true],
    ['logged', false],
  ])('%s -> %s', (text, expected) => {
    const parsed = parseCondition(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(evaluateCondition(parsed.value, resolve)).toBe(expected);
  });

  it.each(['days_done === 3', 'days_done >=', 'and x', '(a == 1', 'a == 1)', '', 'a + 1 > 2'])('rejects "%s"', (text) => {
    expect(parseCondition(text).ok).toBe(false);
  });
});

describe('templates', () => {
  it('renders names and leaves no braces', () => {
    expect(renderTemplate('Hi {{ name }}, {{days_done}} days', (n) => (n === 'name' ? 'Ana' : vars[n]))).toBe('Hi Ana, 3 days');
    expect(templateNames('{{a}} and {{ plan.action }}')).toEqual(['a', 'plan.action']);
  });
});

// A tiny, safe condition language for routes: comparisons of variables,
// numbers and quoted strings joined with and / or / not, and parentheses.
//   days_done >= plan.daysPerWeek
//   confidence < 7 and plan.daysPerWeek > 1
//   barrier == 'time' or barrier == 'pain'
//   loggedDays != null
// yes/no/true/false are booleans. Ordering (<, >) is false unless both sides
// are numbers, so a missing answer never "passes" a threshold. Never eval.
import type { Value } from './context.js';

export type Operand = { kind: 'literal'; value: Value } | { kind: 'path'; path: string };
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; op: Comparison; left: Operand; right: Operand }
  | { kind: 'truthy'; operand: Operand };

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|(==|!=|<=|>=|<|>|\(|\))|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*))/y;
type Token = { type: 'num'; value: number } | { type: 'str'; value: string } | { type: 'op'; value: string } | { type: 'word'; value: string };

function tokenize(text: string): ParseOutcome<Token[]> {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) return { ok: false, error: `cannot read "${text.slice(at).trim()}"` };
    if (m[1] !== undefined) tokens.push({ type: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ type: 'str', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ type: 'str', value: m[3] });
    else if (m[4] !== undefined) tokens.push({ type: 'op', value: m[4] });
    else tokens.push({ type: 'word', value: m[5] ?? '' });
  }
  return { ok: true, value: tokens };
}

const LITERAL_WORDS: Record<string, Value> = { yes: true, no: false, true: true, false: false, null: null };
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const condition = this.or();
    if (this.at < this.tokens.length) throw new Error(`unexpected "${String(this.tokens[this.at]?.value)}"`);
    return condition;
  }
  private peekWord(word: string): boolean {
    const t = this.tokens[this.at];
    return t?.type === 'word' && t.value.toLowerCase() === word;
  }
  private or(): Condition {
    let left = this.and();
    while (this.peekWord('or')) { this.at++; left = { kind: 'or', left, right: this.and() }; }
    return left;
  }
  private and(): Condition {
    let left = this.not();
    while (this.peekWord('and')) { this.at++; left = { kind: 'and', left, right: this.not() }; }
    return left;
  }
  private not(): Condition {
    if (this.peekWord('not')) { this.at++; return { kind: 'not', operand: this.not() }; }
    return this.comparison();
  }
  private comparison(): Condition {
    const t = this.tokens[this.at];
    if (t?.type === 'op' && t.value === '(') {
      this.at++;
      const inner = this.or();
      const close = this.tokens[this.at++];
      if (!(close?.type === 'op' && close.value === ')')) throw new Error('missing ")"');
      return inner;
    }
    const left = this.operand();
    const op = this.tokens[this.at];
    if (op?.type === 'op' && COMPARISONS.has(op.value)) {
      this.at++;
      return { kind: 'compare', op: op.value as Comparison, left, right: this.operand() };
    }
    return { kind: 'truthy', operand: left };
  }
  private operand(): Operand {
    const t = this.tokens[this.at++];
    if (!t) throw new Error('the condition ends too early');
    if (t.type === 'num' || t.type === 'str') return { kind: 'literal', value: t.value };
    if (t.type === 'word') {
      const lower = t.value.toLowerCase();
      if (lower in LITERAL_WORDS) return { kind: 'literal', value: LITERAL_WORDS[lower] ?? null };
      if (['and', 'or', 'not'].includes(lower)) throw new Error(`"${t.value}" needs something before it`);
      return { kind: 'path', path: t.value };
    }
    throw new Error(`unexpected "${t.value}"`);
  }
}

export function parseCondition(text: string): ParseOutcome<Condition> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0) return { ok: false, error: 'the condition is empty' };
  try {
    return { ok: true, value: new Parser(tokens.value).parse() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** A value expression (in set, update_plan, call.with): one variable or literal. */
export function parseValueExpression(input: string | number): ParseOutcome<Operand> {
  if (typeof input === 'number') return { ok: true, value: { kind: 'literal', value: input } };
  const parsed = parseCondition(input);
  if (!parsed.ok) return parsed;
  if (parsed.value.kind !== 'truthy') return { ok: false, error: 'expected one variable or value, not a comparison' };
  return { ok: true, value: parsed.value.operand };
}

export function operandPaths(operand: Operand): string[] {
  return operand.kind === 'path' ? [operand.path] : [];
}

export function conditionPaths(condition: Condition): string[] {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...conditionPaths(condition.left), ...conditionPaths(condition.right)];
    case 'not':
      return conditionPaths(condition.operand);
    case 'compare':
      return [...operandPaths(condition.left), ...operandPaths(condition.right)];
    case 'truthy':
      return operandPaths(condition.operand);
  }
}

export type Resolver = (path: string) => Value | undefined;

export function evaluateOperand(operand: Operand, resolve: Resolver): Value {
  return operand.kind === 'literal' ? operand.value : (resolve(operand.path) ?? null);
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b.trim();
  if (typeof a === 'string' && typeof b === 'number') return a.trim() === String(b);
  return a === b;
}

export function evaluateCondition(condition: Condition, resolve: Resolver): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, resolve) && evaluateCondition(condition.right, resolve);
    case 'or':
      return evaluateCondition(condition.left, resolve) || evaluateCondition(condition.right, resolve);
    case 'not':
      return !evaluateCondition(condition.operand, resolve);
    case 'truthy': {
      const v = evaluateOperand(condition.operand, resolve);
      return v !== null && v !== false && v !== 0 && v !== '';
    }
    case 'compare': {
      const a = evaluateOperand(condition.left, resolve);
      const b = evaluateOperand(condition.right, resolve);
      if (condition.op === '==') return equal(a, b);
      if (condition.op === '!=') return !equal(a, b);
      if (typeof a !== 'number' || typeof b !== 'number') return false;
      if (condition.op === '<') return a < b;
      if (condition.op === '<=') return a <= b;
      if (condition.op === '>') return a > b;
      return a >= b;
    }
  }
}

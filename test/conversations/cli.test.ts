// The dialogue tools as the CLI runs them, with captured output.
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/conversation/chat.js';
import { runDiagram } from '../../src/cli/conversation/diagram.js';
import type { Output } from '../../src/cli/conversation/output.js';
import { runTests } from '../../src/cli/conversation/test.js';
import { runValidate } from '../../src/cli/conversation/validate.js';
import { CONVERSATIONS_DIR } from '../engine/support/env.js';

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) };
}

describe('careloop validate', () => {
  it('passes on the shipped conversations', async () => {
    const output = capture();
    expect(await runValidate([], CONVERSATIONS_DIR, output)).toBe(0);
    expect(output.lines.join('\n')).toMatch(/OK: 9 conversations valid/);
  });

  it('fails with file, step and message on a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'id: broken\nversion: 1\ntitle: b\nstart: a\nsteps:\n  a:\n    say: { en: "hi" }\n    goto: b\n');
    const output = capture();
    expect(await runValidate([file], CONVERSATIONS_DIR, output)).toBe(1);
    expect(output.lines).toContain(`ERR ${file} [step a]: missing Spanish (es) translation at "say"`);
  });
});

describe('careloop diagram', () => {
  it('prints a Mermaid state diagram for weekly-checkin', async () => {
    const output = capture();
    expect(await runDiagram('weekly-checkin', CONVERSATIONS_DIR, false, output)).toBe(0);
    expect(output.lines[0]).toMatch(/^stateDiagram-v2/);
    expect(await runDiagram('weekly-checkin', CONVERSATIONS_DIR, true, output)).toBe(0);
    expect(output.lines[1]).toContain('<pre class="mermaid">');
  });

  it('fails on an unknown conversation', async () => {
    expect(await runDiagram('nope', CONVERSATIONS_DIR, false, capture())).toBe(1);
  });
});

describe('careloop test', () => {
  it('exits 1 with a readable diff when a scenario fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-'));
    writeFileSync(join(dir, 'wrong.yaml'), 'conversation: weekly-checkin\nsteps:\n  - reply: "3"\n  - says: "Terrible job"\n');
    const output = capture();
    expect(await runTests([dir], CONVERSATIONS_DIR, output)).toBe(1);
    const text = output.lines.join('\n');
    expect(text).toContain('step 2 ({"says":"Terrible job"}): expected a message matching "Terrible job", but the messages were:');
    expect(text).toContain('"Great job! You did it 3 days.');
    expect(text).toContain('0 passed, 1 failed, 1 scenarios.');
  });
});

describe('careloop test --update', () => {
  it('when a scenario is pinned and a text then changes, then it fails naming the line, and --update pins it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-'));
    const file = join(dir, 'pinned.yaml');
    writeFileSync(file, '# kept comment\nconversation: weekly-checkin\nsteps:\n  - reply: "3"\n  - says: "3 days"\n');
    expect(await runTests([file], CONVERSATIONS_DIR, capture(), { update: true })).toBe(0);
    const pinned = readFileSync(file, 'utf8');
    expect(pinned).toContain('# kept comment');
    expect(pinned).toContain('  - patient> 3');
    expect(await runTests([file], CONVERSATIONS_DIR, capture())).toBe(0);

    // An extra text in the pinned transcript (or one the dialogue no longer sends) fails.
    writeFileSync(file, `${pinned}  - careloop> one text too many\n`);
    const output = capture();
    expect(await runTests([file], CONVERSATIONS_DIR, output)).toBe(1);
    expect(output.lines.join('\n')).toMatch(/pinned transcript differs .*is missing: "careloop> one text too many"/);
  });
});

describe('careloop chat', () => {
  it('plays a conversation with a virtual clock', async () => {
    const output = capture();
    const input = Readable.from(['3\n', '/wait 4h\n', '/timers\n', '/quit\n']);
    expect(await runChat('weekly-checkin', { dir: CONVERSATIONS_DIR, lang: 'es' }, output, input)).toBe(0);
    const text = output.lines.join('\n');
    expect(text).toContain('careloop> ¡Hola Maria! ¿Cuántos días pudo');
    expect(text).toContain('[result days_done = 3 (met_target)]');
    expect(text).toContain('-- now 2025-03-03T21:00:00.000Z');
    expect(text.match(/¿Cuánta confianza tiene/g)).toHaveLength(2);
  });
});

// The real `bin/careloop.js` as CI runs it, in a child process: each tool's
// exit status must say whether it passed, or CI cannot catch a broken dialogue.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const careloop = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/careloop.js', ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 60_000,
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'careloop-exit-'));
  writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nversion: 1\nstart: nowhere\nsteps: {}\n');
  writeFileSync(
    join(dir, 'failing.yaml'),
    [
      'name: a scenario that must fail',
      'conversation: daily-log',
      'patient: { firstName: Maria }',
      'plan: { action: walk 10 minutes after dinner, daysPerWeek: 5, confidence: 7 }',
      'steps:',
      '  - says: "This is not what daily-log says."',
      '',
    ].join('\n'),
  );
});

describe('careloop exit codes', () => {
  it('when every shipped conversation is valid, then validate exits 0', () => {
    expect(careloop('validate').status).toBe(0);
  });

  it('when a conversation file is broken, then validate exits 1', () => {
    const result = careloop('validate', join(dir, 'broken.yaml'));
    expect(result.stdout + result.stderr).toMatch(/problem/);
    expect(result.status).toBe(1);
  });

  it('when a scenario fails, then test exits 1; a passing one exits 0', () => {
    expect(careloop('test', join(dir, 'failing.yaml')).status).toBe(1);
    expect(careloop('test', 'conversations/scenarios/daily-log-en-done.yaml').status).toBe(0);
  });

  it('when the conversation to draw does not exist, then diagram exits non-zero; a real one exits 0', () => {
    expect(careloop('diagram', 'no-such-dialogue').status).not.toBe(0);
    expect(careloop('diagram', 'daily-log').status).toBe(0);
  });

  it('when the command is unknown, then careloop exits non-zero', () => {
    expect(careloop('no-such-command').status).not.toBe(0);
  });

  it('when asked for --version, then careloop prints the package version and exits 0', () => {
    const { status, stdout } = careloop('--version');
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

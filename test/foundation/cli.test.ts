import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['bin/careloop.js', 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });

describe('careloop serve with bad configuration', () => {
  it('when DATABASE_URL and PORT are invalid, then it exits non-zero naming both, without a stack trace', () => {
    const result = run({ DATABASE_URL: 'not-a-url', PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must be a URL like postgres:');
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

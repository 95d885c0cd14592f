import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startService } from '../../src/main.js';

describe('careloop serve with zero configuration', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('when started twice on the same data folder, then it is ready each time, keeps the data and prints the first admin once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'careloop-serve-'));
    dirs.push(dataDir);
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' });
    const logger = createLogger({ level: 'silent' });

    const printed: string[] = [];
    const first = await startService(config, logger, (t) => printed.push(t));
    const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`);
    expect(ready.status).toBe(200);
    await first.close();

    const second = await startService(config, logger, (t) => printed.push(t));
    try {
      expect((await fetch(`http://127.0.0.1:${second.port}/readyz`)).status).toBe(200);
      expect(printed[0]).toContain(`careloop dashboard: http://127.0.0.1:${first.port}/dashboard`);
      expect(printed[0]).toMatch(/sign in as admin@careloop\.local with the one-time password [a-z2-9-]{19}/);
      // The password is printed once, when the admin is created; later starts print only the address.
      expect(printed[1]).toBe(`careloop dashboard: http://127.0.0.1:${second.port}/dashboard\n`);
      // The migrations table from the first start is still there: nothing re-applied.
      expect(second.migrationsApplied).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

// The node-cron ticker only keeps time: ticks never overlap and stop() waits
// for the one running. Driven by hand (runOnce), never by real waiting.
import { describe, expect, it } from 'vitest';
import { CronTicker } from '../../src/adapters/scheduler/cron-ticker.js';
import { createLogger } from '../../src/adapters/log/logger.js';

const logger = createLogger({ level: 'silent' });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('CronTicker', () => {
  it('when a tick is still running, then the next one does not start a second run', async () => {
    const g = gate();
    let runs = 0;
    const ticker = new CronTicker('* * * * *', async () => {
      runs += 1;
      await g.opened;
    }, logger);
    const first = ticker.runOnce();
    const second = ticker.runOnce();
    expect(runs).toBe(1);
    g.open();
    await Promise.all([first, second]);
    await ticker.runOnce();
    expect(runs).toBe(2);
  });

  it('when stopped during a tick, then stop() resolves only after that tick finished', async () => {
    const g = gate();
    let finished = false;
    const ticker = new CronTicker('*/5 * * * *', async () => {
      await g.opened;
      finished = true;
    }, logger);
    ticker.start();
    const running = ticker.runOnce();
    const stopped = ticker.stop();
    g.open();
    await stopped;
    expect(finished).toBe(true);
    await running;
  });

  it('when a tick fails, then the error is logged and the next tick runs', async () => {
    let calls = 0;
    const ticker = new CronTicker('* * * * *', async () => {
      calls += 1;
      if (calls === 1) throw new Error('database went away');
    }, logger);
    await expect(ticker.runOnce()).resolves.toBeUndefined();
    await ticker.runOnce();
    expect(calls).toBe(2);
  });

  it('when the cron expression is invalid, then it fails at construction naming SCHEDULER_CRON', () => {
    expect(() => new CronTicker('every minute', async () => undefined, logger)).toThrow(/SCHEDULER_CRON/);
  });
});

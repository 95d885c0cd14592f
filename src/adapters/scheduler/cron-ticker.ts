// Runs the scheduler's tick on a node-cron expression. The ticker only keeps
// time: all due work lives in Postgres, so no `distributed` mode is needed
// (every instance may tick; the claims keep the work exactly-once). A tick
// never overlaps the previous one, and stop() waits for the one running.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../app/ports.js';

export class CronTicker {
  private task: ScheduledTask | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly expression: string,
    private readonly tick: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {
    if (!cron.validate(expression)) throw new Error(`SCHEDULER_CRON "${expression}" is not a valid cron expression`);
  }

  start(): void {
    if (this.task) return;
    this.task = cron.schedule(this.expression, () => this.runOnce(), { name: 'careloop-scheduler' });
  }

  /** Runs one tick now unless one is running (then that one's promise). */
  runOnce(): Promise<void> {
    if (this.running) {
      this.logger.warn('scheduler tick still running; skipping this one');
      return this.running;
    }
    this.running = this.tick()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err }, 'scheduler tick failed; the next tick retries'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.running;
  }
}

// Bolt's logger interface over careloop's pino logger (which masks phone numbers).
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../app/ports.js';

export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  // Bolt logs strings and objects mixed: one line, as text. `unknown[]` is Bolt's own `any[]`.
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => logger.debug({ component: 'slack' }, line(msg)),
    info: (...msg: unknown[]) => logger.info({ component: 'slack' }, line(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: 'slack' }, line(msg)),
    error: (...msg: unknown[]) => logger.error({ component: 'slack' }, line(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

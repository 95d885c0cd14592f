// The real clock and id source: the only place that reads the system time.
import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../../app/ports.js';

export const systemClock: Clock = { now: () => new Date(Date.now()) };
export const randomIds: IdGenerator = { uuid: () => randomUUID() };

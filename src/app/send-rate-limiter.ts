// The send rate shared by every instance: slots `interval` apart on one
// global grid kept in PostgreSQL (send_rate_limits). Each instance claims a
// few consecutive slots at a time in one atomic statement and sends each text
// at its slot, so all instances together never send more than the rate in any
// second, however many there are, and one instance may keep several sends in
// flight.
//
// Why in PostgreSQL and not a Twilio Messaging Service queue: careloop already
// needs PostgreSQL, the limit then holds with a plain From number too, and it
// is our side that decides order and quiet hours; a Messaging Service queue
// would accept bursts and delay them out of our sight (and drop texts queued
// beyond its 4-hour validity).
//
// Guarantee: slots are spaced for the rate less 2% (HEADROOM), and a slot
// whose time passed by more than TOLERANCE_MS (a late timer, a slow database)
// is dropped and a fresh one claimed. A text then goes out within
// [slot, slot + 20 ms], and rate + 1 consecutive slots span more than
// 1000 ms + 20 ms, so no 1-second window holds more than the rate. Slots are
// claimed from "now plus the last claim's round trip", so a fresh slot is
// not already late when the claim returns.
import type { Db } from '../adapters/db/connect.js';
import { claimSendSlots } from '../adapters/db/repositories/rate-limit.js';
import type { Clock } from './ports.js';

export const HEADROOM = 0.02;
export const TOLERANCE_MS = 20;

export interface RateLimiter {
  /** Resolves when this caller may send one text. */
  acquire(): Promise<void>;
}

export interface SharedRateLimiterDeps {
  db: Db;
  clock: Clock;
  sleep(ms: number): Promise<void>;
  ratePerSecond: number;
  /** Channel name: instances sharing one name share one rate. */
  name?: string;
}

export class SharedRateLimiter implements RateLimiter {
  readonly intervalMs: number;
  private slots: number[] = [];
  private waiting = 0;
  private claiming: Promise<void> | null = null;
  /** How long the last claim took (ms), at most 50: fresh slots start that far ahead. */
  private leadMs = 0;

  constructor(private readonly deps: SharedRateLimiterDeps) {
    this.intervalMs = 1000 / (deps.ratePerSecond * (1 - HEADROOM));
  }

  async acquire(): Promise<void> {
    this.waiting += 1;
    try {
      for (;;) {
        const now = this.deps.clock.now().getTime();
        while (this.slots.length > 0 && this.slots[0]! < now - TOLERANCE_MS) this.slots.shift();
        const slot = this.slots.shift();
        if (slot !== undefined) {
          if (slot > now) await this.deps.sleep(slot - now);
          // Woken too late (a busy event loop, or other sleepers moved a test clock): that slot is gone.
          if (this.deps.clock.now().getTime() <= slot + TOLERANCE_MS) return;
          continue;
        }
        this.claiming ??= this.claim().finally(() => {
          this.claiming = null;
        });
        await this.claiming;
      }
    } finally {
      this.waiting -= 1;
    }
  }

  /** Claims as many slots as callers wait for, at most 50 ms of sending (one at 20/s or less). */
  private async claim(): Promise<void> {
    const count = Math.max(1, Math.min(this.waiting, Math.ceil(this.deps.ratePerSecond / 20)));
    const now = this.deps.clock.now();
    const ahead = new Date(now.getTime() + this.leadMs);
    // Room for about 100 instances' outstanding claims before a far-ahead slot counts as a clock that moved back.
    const horizonMs = 5_000 + 100 * this.intervalMs;
    const first = (await claimSendSlots(this.deps.db, this.deps.name ?? 'sms', ahead, count, this.intervalMs, horizonMs)).getTime();
    this.leadMs = Math.min(50, Math.max(0, this.deps.clock.now().getTime() - now.getTime()));
    for (let i = 0; i < count; i++) this.slots.push(first + i * this.intervalMs);
  }
}

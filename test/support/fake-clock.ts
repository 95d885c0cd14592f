// A clock tests move by hand: no test waits for real time.
import type { Clock, IdGenerator } from '../../src/app/ports.js';

export class FakeClock implements Clock {
  private current: number;

  constructor(start: string | Date) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: string | Date): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  /** A sleep that advances this clock instead of waiting. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.advance(ms);
  };
}

/** Real UUIDs (Postgres checks the format) from a seeded sequence, so runs are repeatable. */
export function sequentialIds(seed = 1): IdGenerator {
  let n = seed;
  return {
    uuid: () => {
      const hex = (n++).toString(16).padStart(12, '0');
      return `00000000-0000-4000-8000-${hex}`;
    },
  };
}

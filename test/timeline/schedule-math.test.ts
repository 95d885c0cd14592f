// The care timeline as pure date maths: first check-in, weekly rhythm, kinds,
// and local wall-clock times across DST in both hemispheres.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkinTime, firstWeekAfter, kindOfWeek, localDate, type Slot, type TimelineRules } from '../../src/engine/schedule/schedule-math.js';
import { nextSendableTime } from '../../src/engine/schedule/quiet-hours.js';

const rules: TimelineRules = { firstCheckinAfterDays: 7, refineWeeks: { from: 4, to: 6 }, reassessWeek: 12 };
const slot = (weekday: number, time: string, timezone = 'America/New_York'): Slot => ({ weekday, time, timezone });
const iso = (at: Date) => at.toISOString();
const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("ccc yyyy-LL-dd HH:mm ZZ");

describe('first check-in', () => {
  it('when the plan starts on the chosen weekday, then the first check-in is exactly 7 days later at the chosen local time', () => {
    // 2026-03-02 is a Monday; US DST starts 2026-03-08, so 18:00 on the 9th is EDT.
    expect(iso(checkinTime('2026-03-02', 1, slot(1, '18:00'), rules))).toBe('2026-03-09T22:00:00.000Z');
  });

  it('when the plan starts mid-week, then the first check-in is the first chosen weekday at least 7 days later', () => {
    // Wednesday 4 March: 7 days later is Wednesday 11 March, the next Monday is the 16th.
    expect(local(checkinTime('2026-03-04', 1, slot(1, '18:00'), rules), 'America/New_York')).toBe('Mon 2026-03-16 18:00 -04:00');
    // The chosen weekday falling on day 7 itself counts.
    expect(local(checkinTime('2026-03-04', 1, slot(3, '09:30'), rules), 'America/New_York')).toBe('Wed 2026-03-11 09:30 -04:00');
  });

  it('when the wait is configured to 10 days, then the first check-in is the first slot at least 10 days after the start', () => {
    const ten = { ...rules, firstCheckinAfterDays: 10 };
    // Monday 2 March + 10 days = Thursday 12 March; next Monday is the 16th, a Thursday slot is the 12th.
    expect(local(checkinTime('2026-03-02', 1, slot(1, '18:00'), ten), 'America/New_York')).toBe('Mon 2026-03-16 18:00 -04:00');
    expect(local(checkinTime('2026-03-02', 1, slot(4, '18:00'), ten), 'America/New_York')).toBe('Thu 2026-03-12 18:00 -04:00');
  });
});

describe('weekly rhythm and kinds', () => {
  it('when counting 13 weeks, then every check-in is 7 local days after the previous one, at the same local time', () => {
    const zone = 'America/New_York';
    const times = Array.from({ length: 13 }, (_, i) => DateTime.fromJSDate(checkinTime('2026-02-02', i + 1, slot(1, '18:00'), rules), { zone }));
    for (const [i, t] of times.entries()) {
      expect(t.toFormat('ccc HH:mm')).toBe('Mon 18:00');
      if (i > 0) expect(t.startOf('day').diff(times[i - 1]!.startOf('day'), 'days').days).toBe(7);
    }
  });

  it('when the week is 1-3, 4-6, 7-11 or 12, then the kind is weekly, refine (until one is done), weekly, reassess', () => {
    const kinds = Array.from({ length: 12 }, (_, i) => kindOfWeek(i + 1, rules, false));
    expect(kinds).toEqual(['weekly-checkin', 'weekly-checkin', 'weekly-checkin', 'refine', 'refine', 'refine', 'weekly-checkin', 'weekly-checkin', 'weekly-checkin', 'weekly-checkin', 'weekly-checkin', 'reassess']);
    expect(kindOfWeek(5, rules, true)).toBe('weekly-checkin');
    expect(kindOfWeek(3, { ...rules, refineWeeks: { from: 3, to: 3 } }, false)).toBe('refine');
  });

  it('when asking for the first week ahead, then past weeks are skipped and an ended cycle answers reassessWeek + 1', () => {
    const s = slot(1, '18:00');
    expect(firstWeekAfter('2026-03-02', s, rules, new Date('2026-03-01T00:00:00Z'))).toBe(1);
    expect(firstWeekAfter('2026-03-02', s, rules, new Date('2026-03-09T22:00:00Z'))).toBe(2); // exactly at week 1: week 1 is not ahead
    expect(firstWeekAfter('2026-03-02', s, rules, new Date('2026-03-09T21:59:00Z'))).toBe(1);
    expect(firstWeekAfter('2026-03-02', s, rules, new Date('2026-12-01T00:00:00Z'))).toBe(13);
  });

  it('when a slot falls in quiet hours, then the adjusted time is when they end and the week is still ahead until then', () => {
    const s = slot(1, '22:30');
    const quiet = (at: Date) => nextSendableTime(at, 'America/New_York', { start: '21:00', end: '08:00' });
    const week1 = checkinTime('2026-03-02', 1, s, rules);
    expect(local(quiet(week1), 'America/New_York')).toBe('Tue 2026-03-10 08:00 -04:00');
    const justAfterSlot = new Date(week1.getTime() + 60_000);
    expect(firstWeekAfter('2026-03-02', s, rules, justAfterSlot)).toBe(2);
    expect(firstWeekAfter('2026-03-02', s, rules, justAfterSlot, quiet)).toBe(1);
  });
});

describe('DST, America/New_York', () => {
  const zone = 'America/New_York';

  it('when the clocks spring forward, then an 18:00 check-in stays at 18:00 local on both sides (the UTC time moves)', () => {
    // Sundays 1 and 8 March 2026; DST starts 8 March at 02:00.
    const before = checkinTime('2026-02-22', 1, slot(7, '18:00', zone), rules);
    const after = checkinTime('2026-02-22', 2, slot(7, '18:00', zone), rules);
    expect(iso(before)).toBe('2026-03-01T23:00:00.000Z');
    expect(iso(after)).toBe('2026-03-08T22:00:00.000Z');
    expect(after.getTime() - before.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });

  it('when the slot time does not exist that day (02:30 on spring-forward day), then it moves forward to 03:30 EDT', () => {
    expect(local(checkinTime('2026-02-22', 2, slot(7, '02:30', zone), rules), zone)).toBe('Sun 2026-03-08 03:30 -04:00');
    // The week after, 02:30 exists again.
    expect(local(checkinTime('2026-02-22', 3, slot(7, '02:30', zone), rules), zone)).toBe('Sun 2026-03-15 02:30 -04:00');
  });

  it('when the clocks fall back, then 18:00 stays 18:00 local and an ambiguous 01:30 is one instant, the first', () => {
    // Sundays 25 October and 1 November 2026; DST ends 1 November at 02:00.
    expect(iso(checkinTime('2026-10-11', 1, slot(7, '18:00', zone), rules))).toBe('2026-10-18T22:00:00.000Z');
    expect(iso(checkinTime('2026-10-11', 2, slot(7, '18:00', zone), rules))).toBe('2026-10-25T22:00:00.000Z');
    expect(iso(checkinTime('2026-10-11', 3, slot(7, '18:00', zone), rules))).toBe('2026-11-01T23:00:00.000Z');
    expect(iso(checkinTime('2026-10-11', 3, slot(7, '01:30', zone), rules))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
  });
});

describe('DST, southern hemisphere', () => {
  it('when Sydney leaves DST in April, then 18:00 stays 18:00 local (07:00Z, then 08:00Z) and ambiguous 02:30 is the first', () => {
    const zone = 'Australia/Sydney';
    // Sundays 29 March and 5 April 2026; DST ends 5 April at 03:00 (back to 02:00).
    expect(iso(checkinTime('2026-03-15', 1, slot(7, '18:00', zone), rules))).toBe('2026-03-22T07:00:00.000Z');
    expect(iso(checkinTime('2026-03-15', 2, slot(7, '18:00', zone), rules))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(checkinTime('2026-03-15', 3, slot(7, '18:00', zone), rules))).toBe('2026-04-05T08:00:00.000Z');
    expect(iso(checkinTime('2026-03-15', 3, slot(7, '02:30', zone), rules))).toBe('2026-04-04T15:30:00.000Z'); // 02:30 +11:00
  });

  it('when Sydney enters DST in October, then 18:00 stays local and the missing 02:30 moves to 03:30', () => {
    const zone = 'Australia/Sydney';
    // Sunday 4 October 2026: 02:00 becomes 03:00.
    expect(local(checkinTime('2026-09-20', 1, slot(7, '18:00', zone), rules), zone)).toBe('Sun 2026-09-27 18:00 +10:00');
    expect(local(checkinTime('2026-09-20', 2, slot(7, '18:00', zone), rules), zone)).toBe('Sun 2026-10-04 18:00 +11:00');
    expect(local(checkinTime('2026-09-20', 2, slot(7, '02:30', zone), rules), zone)).toBe('Sun 2026-10-04 03:30 +11:00');
  });

  it('when Santiago skips midnight (DST starts at 00:00), then the cycle start still counts and 00:30 moves to 01:30', () => {
    const zone = 'America/Santiago';
    // Sunday 6 September 2026 has no 00:00-00:59.
    expect(local(checkinTime('2026-08-30', 1, slot(7, '00:30', zone), rules), zone)).toBe('Sun 2026-09-06 01:30 -03:00');
    expect(local(checkinTime('2026-08-30', 1, slot(7, '18:00', zone), rules), zone)).toBe('Sun 2026-09-06 18:00 -03:00');
    // A cycle starting on the day without midnight still puts week 1 seven days later.
    expect(local(checkinTime('2026-09-06', 1, slot(7, '18:00', zone), rules), zone)).toBe('Sun 2026-09-13 18:00 -03:00');
    // April: 23:30 on Saturday 4 April occurs twice; the first (-03:00) is used.
    expect(local(checkinTime('2026-03-21', 1, slot(6, '23:30', zone), rules), zone)).toBe('Sat 2026-03-28 23:30 -03:00');
    expect(iso(checkinTime('2026-03-21', 2, slot(6, '23:30', zone), rules))).toBe('2026-04-05T02:30:00.000Z');
  });

  it('when any zone is checked over a year, then every check-in is at the slot time or, if that does not exist, just after', () => {
    for (const zone of ['America/New_York', 'Australia/Sydney', 'America/Santiago', 'Europe/London', 'Australia/Lord_Howe']) {
      for (const time of ['00:30', '02:30', '18:00']) {
        for (let week = 1; week <= 52; week += 1) {
          const at = DateTime.fromJSDate(checkinTime('2026-01-05', week, slot(7, time, zone), rules), { zone });
          const [h, m] = time.split(':').map(Number);
          const minutes = at.hour * 60 + at.minute - (h! * 60 + m!);
          expect(minutes === 0 || minutes === 30 || minutes === 60, `${zone} ${time} week ${week}: ${at.toISO()}`).toBe(true);
          expect(at.weekday).toBe(7);
        }
      }
    }
  });
});

describe('localDate', () => {
  it('when an instant is late evening in New York, then its local date is that day, not the UTC one', () => {
    expect(localDate(new Date('2026-03-10T02:30:00Z'), 'America/New_York')).toBe('2026-03-09');
  });
});

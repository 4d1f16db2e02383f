import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { businessDayOf, nextDailySlot } from './business-day.ts';
import { scheduleSettlement } from './settlement-scheduler.ts';

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('local time in a zone', () => {
  it('Bahrain is UTC+3: 23:30 local is 20:30 UTC, and the business day is the local date', () => {
    const now = Date.UTC(2026, 10, 23, 9, 0);
    expect(nextDailySlot(now, '23:30', 'Asia/Bahrain')).toEqual({ at: Date.UTC(2026, 10, 23, 20, 30), businessDay: '2026-11-23' });
    // 22:00 UTC is already 01:00 the next day in Bahrain.
    expect(businessDayOf(Date.UTC(2026, 10, 23, 22, 0), 'Asia/Bahrain')).toBe('2026-11-24');
    expect(nextDailySlot(Date.UTC(2026, 10, 23, 20, 30), '23:30', 'Asia/Bahrain')).toEqual({ at: Date.UTC(2026, 10, 24, 20, 30), businessDay: '2026-11-24' });
    expect(nextDailySlot(Date.UTC(2026, 11, 31, 21, 0), '23:30', 'Asia/Bahrain')).toEqual({ at: Date.UTC(2027, 0, 1, 20, 30), businessDay: '2027-01-01' });
  });

  it('follows daylight saving in a zone that has it (Berlin: UTC+1 in winter, UTC+2 in summer)', () => {
    expect(nextDailySlot(Date.UTC(2026, 0, 10, 0, 0), '23:30', 'Europe/Berlin').at).toBe(Date.UTC(2026, 0, 10, 22, 30));
    expect(nextDailySlot(Date.UTC(2026, 6, 10, 0, 0), '23:30', 'Europe/Berlin').at).toBe(Date.UTC(2026, 6, 10, 21, 30));
    // Across the spring change (29 March 2026): the day before is +1, the day itself +2.
    expect(nextDailySlot(Date.UTC(2026, 2, 28, 23, 0), '23:30', 'Europe/Berlin')).toEqual({ at: Date.UTC(2026, 2, 29, 21, 30), businessDay: '2026-03-29' });
  });
});

describe('scheduleSettlement', () => {
  it('fires at 23:30 Bahrain on the manual clock, once, and re-arms for the next day', () => {
    const clock = createManualClock(Date.UTC(2026, 10, 23, 9, 0)); // 12:00 in Bahrain
    const days: string[] = [];
    const schedule = scheduleSettlement({ clock, dailyAt: '23:30', timeZone: 'Asia/Bahrain', run: (day) => (days.push(day), Promise.resolve()) });
    expect(schedule.next()).toEqual({ at: Date.UTC(2026, 10, 23, 20, 30), businessDay: '2026-11-23' });

    clock.advance(11 * HOUR + 29 * MINUTE + 59_000); // 23:29:59
    expect(days).toEqual([]);
    clock.advance(1000); // 23:30:00
    expect(days).toEqual(['2026-11-23']);
    expect(clock.now()).toBe(Date.UTC(2026, 10, 23, 20, 30));
    expect(schedule.next()).toEqual({ at: Date.UTC(2026, 10, 24, 20, 30), businessDay: '2026-11-24' });
    expect(clock.pendingTimers()).toBe(1);

    clock.advance(23 * HOUR + 59 * MINUTE); // the next day, 23:29
    expect(days).toEqual(['2026-11-23']);
    clock.advance(MINUTE);
    expect(days).toEqual(['2026-11-23', '2026-11-24']);
    clock.advance(24 * HOUR);
    expect(days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });

  it('a clock set back after a run does not run the same business day again', () => {
    const clock = createManualClock(Date.UTC(2026, 10, 23, 20, 0)); // 23:00 Bahrain
    const days: string[] = [];
    let wallOffset = 0;
    const skewed = { ...clock, now: () => clock.now() + wallOffset };
    const schedule = scheduleSettlement({ clock: skewed, dailyAt: '23:30', timeZone: 'Asia/Bahrain', run: (day) => (days.push(day), Promise.resolve()) });
    clock.advance(30 * MINUTE);
    expect(days).toEqual(['2026-11-23']);
    wallOffset = -20 * MINUTE; // the technician sets the clock back to 23:10
    clock.advance(15 * MINUTE); // wakes (15-minute naps), re-reads the clock
    clock.advance(30 * MINUTE);
    expect(days).toEqual(['2026-11-23']);
    expect(schedule.next()?.businessDay).toBe('2026-11-24');
  });

  it('a run that fails or hangs does not stop the next day', () => {
    const clock = createManualClock(Date.UTC(2026, 10, 23, 9, 0));
    const days: string[] = [];
    scheduleSettlement({
      clock,
      dailyAt: '23:30',
      timeZone: 'Asia/Bahrain',
      run: (day) => {
        days.push(day);
        if (day === '2026-11-23') return new Promise(() => {}); // never settles
        throw new Error('terminal on fire');
      },
    });
    clock.advance(3 * 24 * HOUR);
    expect(days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });

  it('stop() cancels the pending timer and nothing fires afterwards', () => {
    const clock = createManualClock(Date.UTC(2026, 10, 23, 9, 0));
    const days: string[] = [];
    const schedule = scheduleSettlement({ clock, dailyAt: '23:30', timeZone: 'Asia/Bahrain', run: (day) => (days.push(day), Promise.resolve()) });
    expect(clock.pendingTimers()).toBe(1);
    schedule.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(schedule.next()).toBeNull();
    clock.advance(3 * 24 * HOUR);
    expect(days).toEqual([]);
  });

  it('refuses a bad time or zone at start', () => {
    const clock = createManualClock();
    const run = () => Promise.resolve();
    expect(() => scheduleSettlement({ clock, dailyAt: '24:00', timeZone: 'Asia/Bahrain', run })).toThrow(/HH:MM/);
    expect(() => scheduleSettlement({ clock, dailyAt: '23:30', timeZone: 'Asia/Atlantis', run })).toThrow(/time zone/);
  });
});

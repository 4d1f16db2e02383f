import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import { nextDailySlot, parseDailyAt, isValidTimeZone } from './business-day.ts';

export interface SettlementScheduleOptions {
  clock: Clock;
  /** Local time, HH:MM 24-hour (config `settlement.dailyAt`). */
  dailyAt: string;
  /** IANA zone (config `settlement.timeZone`), e.g. Asia/Bahrain. */
  timeZone: string;
  /** Runs one settlement for the business day of the slot; usually `settle(deps, { reason: 'scheduled', businessDay })`. */
  run: (businessDay: string) => Promise<unknown>;
  logger?: Logger;
}

export interface SettlementSchedule {
  /** The slot the schedule waits for, or null once stopped. */
  next(): { at: number; businessDay: string } | null;
  stop(): void;
}

/**
 * A wall clock may be corrected while a long timer waits (NTP, the technician
 * setting the time); waking at least this often re-reads the clock so the run
 * happens at the local time, not after a stale delay.
 */
const MAX_SLEEP_MS = 15 * 60_000;

/**
 * Fires `run` once per business day at `dailyAt` local time in `timeZone`,
 * on the injected clock. The next day's slot is armed as soon as a run
 * starts, so a slow or hanging terminal cannot stop tomorrow's settlement; a
 * business day fires at most once per schedule, and across restarts the
 * settlement's own idempotency key (one successful settlement per business
 * day, in the journal) refuses a second run. A slot missed while the kiosk
 * was off is not caught up: the next slot's period covers it, because a
 * settlement always covers everything since the last successful one.
 */
export function scheduleSettlement(options: SettlementScheduleOptions): SettlementSchedule {
  const { clock, dailyAt, timeZone, run, logger } = options;
  parseDailyAt(dailyAt);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);

  let stopped = false;
  let timer: TimerHandle | undefined;
  let slot = nextDailySlot(clock.now(), dailyAt, timeZone);
  let lastFiredDay: string | null = null;

  const arm = () => {
    if (stopped) return;
    const wait = Math.max(0, slot.at - clock.now());
    timer = clock.setTimeout(wake, Math.min(wait, MAX_SLEEP_MS));
  };

  function wake(): void {
    timer = undefined;
    if (stopped) return;
    const now = clock.now();
    if (now < slot.at) {
      // Woke early (long wait split in pieces, or the clock was set back): keep waiting for the same slot,
      // unless the clock was set back so far that an earlier slot is now the next one.
      const fresh = nextDailySlot(now, dailyAt, timeZone);
      if (fresh.at < slot.at && fresh.businessDay !== lastFiredDay) slot = fresh;
      arm();
      return;
    }
    const due = slot;
    slot = nextDailySlot(now, dailyAt, timeZone);
    arm();
    if (due.businessDay === lastFiredDay) return;
    lastFiredDay = due.businessDay;
    logger?.info({ businessDay: due.businessDay, dailyAt, timeZone }, 'scheduled settlement');
    const failed = (error: unknown) => logger?.error({ err: (error as Error).message, businessDay: due.businessDay }, 'scheduled settlement failed');
    try {
      run(due.businessDay).catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  arm();
  return {
    next: () => (stopped ? null : { ...slot }),
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}

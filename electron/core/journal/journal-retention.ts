import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { JournalStore } from './journal-store.ts';

const DAY_MS = 86_400_000;

/**
 * Retention: the journal keeps finished records for `retentionDays` and then
 * deletes them, so an unattended kiosk never fills its disk (the store also
 * refuses writes past its size cap, which would take the kiosk out of
 * service). Two things are never deleted: an unfinished intent (the store's
 * rule) and anything the last successful end-of-day settlement has not yet
 * covered — the next settlement reconciles against those rows, so a kiosk
 * whose settlement keeps failing keeps its money records until one succeeds.
 */
export function retentionCutoff(journal: JournalStore, now: number, retentionDays: number): number {
  const byAge = now - retentionDays * DAY_MS;
  const settled = journal
    .search({ action: 'settlement', limit: 1000 })
    .filter((row) => row.outcome?.result === 'success')
    .reduce<number | null>((latest, row) => (latest === null || row.at > latest ? row.at : latest), null);
  // Strictly before the settlement row: the row itself stays as the start of the next period.
  return settled === null ? Math.min(byAge, firstMoneyRecord(journal) ?? byAge) : Math.min(byAge, settled);
}

/** With no settlement ever: keep every money record (the first settlement needs them all). */
function firstMoneyRecord(journal: JournalStore): number | null {
  const money = [...journal.search({ action: 'authorise', limit: 1000 }), ...journal.search({ action: 'qr-payment', limit: 1000 }), ...journal.search({ action: 'reversal', limit: 1000 })];
  return money.length === 0 ? null : Math.min(...money.map((row) => row.at));
}

export interface RetentionOptions {
  journal: JournalStore;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
}

/** Prunes once now, then once a day on the injected clock; each run is an event in the journal. */
export function scheduleJournalRetention(options: RetentionOptions): { stop(): void; runNow(): { intents: number; events: number } } {
  const { journal, clock, retentionDays, logger } = options;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const runNow = () => {
    const before = retentionCutoff(journal, clock.now(), retentionDays);
    const removed = journal.prune(before);
    if (removed.intents + removed.events > 0) {
      journal.recordEvent({ type: 'journal-pruned', sessionId: null, serviceId: null, detail: { before, intents: removed.intents, events: removed.events, retentionDays } });
      logger.info({ ...removed, retentionDays }, 'journal retention: old finished records deleted');
    }
    return removed;
  };
  const tick = () => {
    if (stopped) return;
    try {
      runNow();
    } catch (error) {
      // A journal that fails here fails for payments too; the guarded journal takes the kiosk out of service.
      logger.error({ err: (error as Error).message }, 'journal retention failed');
    }
    timer = clock.setTimeout(tick, DAY_MS);
  };
  tick();
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
    runNow,
  };
}

import type { JournalStore } from './journal-store.ts';
import { JournalUnavailableError } from './journal-errors.ts';

/**
 * Wraps the journal so that the first time it cannot be written (full,
 * corrupt, gone) the kiosk is told at once and goes out of service before
 * it can take money. The failing call still throws, so the caller stops.
 */
export function guardJournal(journal: JournalStore, onUnavailable: (error: JournalUnavailableError) => void): JournalStore {
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        if (error instanceof JournalUnavailableError) onUnavailable(error);
        throw error;
      }
    };
  return {
    recordIntent: guard(journal.recordIntent),
    recordOutcome: guard(journal.recordOutcome),
    recordEvent: guard(journal.recordEvent),
    unfinished: guard(journal.unfinished),
    intent: guard(journal.intent),
    intentsByKey: guard(journal.intentsByKey),
    search: guard(journal.search),
    events: guard(journal.events),
    prune: guard(journal.prune),
    checkIntegrity: guard(journal.checkIntegrity),
    close: () => journal.close(),
  };
}

/** Stands in for a journal that could not be opened: every call refuses, so nothing irreversible can start. */
export function unavailableJournal(error: JournalUnavailableError): JournalStore {
  const refuse = (): never => {
    throw error;
  };
  return {
    recordIntent: refuse,
    recordOutcome: refuse,
    recordEvent: refuse,
    unfinished: refuse,
    intent: refuse,
    intentsByKey: refuse,
    search: refuse,
    events: refuse,
    prune: refuse,
    checkIntegrity: refuse,
    close: () => {},
  };
}

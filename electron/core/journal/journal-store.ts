import type { EventInput, EventRow, IntentInput, IntentRow, OutcomeResult, Detail, JournalAction } from './journal-types.ts';

/**
 * The small interface everything else uses, so the SQLite engine behind it
 * (node:sqlite today) can change without touching payments or recovery.
 * Every write is durable when the call returns.
 */
export interface JournalStore {
  /** Write an intent before the irreversible action; returns its id. */
  recordIntent(intent: IntentInput): number;
  /** Write how an intent ended (several outcomes may follow one intent, e.g. in-doubt then reversed). */
  recordOutcome(intentId: number, result: OutcomeResult, detail?: Detail): void;
  recordEvent(event: EventInput): number;
  /** Intents whose latest outcome is missing or not final (in-doubt). */
  unfinished(): IntentRow[];
  intent(id: number): IntentRow | null;
  intentsByKey(idempotencyKey: string): IntentRow[];
  /** Technician search; personal data is already minimised in the store. */
  search(filter: { from?: number; to?: number; action?: JournalAction; serviceId?: string; idempotencyKey?: string; limit?: number }): IntentRow[];
  events(filter: { from?: number; to?: number; type?: string; limit?: number }): EventRow[];
  /** Finished records older than `before` are deleted; unfinished intents are never deleted. */
  prune(before: number): { intents: number; events: number };
  /** SQLite's own integrity check; throws JournalUnavailableError when it fails. */
  checkIntegrity(): void;
  close(): void;
}

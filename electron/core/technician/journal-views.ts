import type { LocalizedText, TechnicianContent } from '../../contract/index.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import type { IntentRow } from '../journal/journal-types.ts';
import { businessDayOf, zonedTime } from '../settlement/business-day.ts';

type Counters = Omit<Extract<TechnicianContent, { section: 'counters' }>, 'section'>;
type JournalSearch = Omit<Extract<TechnicianContent, { section: 'journal' }>, 'section'>;

/** Receipts a roll of thermal paper holds, for the estimate (80 mm × 80 m rolls, about 250 receipts). */
export const RECEIPTS_PER_ROLL = 250;
const LIMIT = 1000;

/** Start of the local day `YYYY-MM-DD` in `timeZone`, as epoch ms. */
function dayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTime(y, m, d, 0, 0, timeZone);
}

/**
 * The acknowledgement event that resets a counter. It records the last
 * record it covers by id, not by time: two records in the same millisecond
 * (or on a test's stopped clock) must still fall on the right side.
 */
export function acknowledgementDetail(journal: JournalStore, what: 'paper-refilled' | 'capture-bin-emptied'): { upTo: number } {
  if (what === 'paper-refilled') return { upTo: journal.search({ action: 'print', limit: LIMIT }).reduce((max, r) => Math.max(max, r.id), 0) };
  return { upTo: journal.events({ type: 'card-retained', limit: LIMIT }).reduce((max, e) => Math.max(max, e.id), 0) };
}

/** The id up to which the latest acknowledgement of this kind counted (0: never). */
function acknowledgedUpTo(journal: JournalStore, type: string): number {
  const latest = journal.events({ type, limit: LIMIT }).sort((a, b) => b.id - a.id)[0];
  return typeof latest?.detail.upTo === 'number' ? latest.detail.upTo : 0;
}

/**
 * The counters, derived from the journal (never a second store that could
 * disagree with it): receipts since the last paper refill, cards captured
 * since the bin was last emptied, services completed and payments today.
 */
export function countersFrom(journal: JournalStore, input: { now: number; timeZone: string; binCapacity: number; title: (serviceId: string) => LocalizedText }): Counters {
  const refilledUpTo = acknowledgedUpTo(journal, 'paper-refilled');
  const emptiedUpTo = acknowledgedUpTo(journal, 'capture-bin-emptied');
  const today = dayStart(businessDayOf(input.now, input.timeZone), input.timeZone);
  const receiptsPrinted = journal.search({ action: 'print', limit: LIMIT }).filter((r) => r.id > refilledUpTo && r.detail.document === 'receipt' && r.outcome?.result === 'success').length;
  const captures = journal.events({ type: 'card-retained', limit: LIMIT }).filter((e) => e.id > emptiedUpTo);
  const reasons = new Map<string, number>();
  for (const e of captures) reasons.set(String(e.detail.reason ?? 'unknown'), (reasons.get(String(e.detail.reason ?? 'unknown')) ?? 0) + 1);
  const completed = new Map<string, number>();
  for (const e of journal.events({ type: 'service-completed', from: today, limit: LIMIT })) if (e.serviceId) completed.set(e.serviceId, (completed.get(e.serviceId) ?? 0) + 1);
  const charges = journal.search({ action: 'authorise', from: today, limit: LIMIT }).filter((r) => r.outcome?.result === 'success');
  const reversals = journal.search({ action: 'reversal', from: today, limit: LIMIT }).filter((r) => r.outcome?.result === 'success');
  const sum = (rows: IntentRow[]) => rows.reduce((total, r) => total + (r.amountFils ?? 0), 0);
  return {
    receiptsPrinted,
    paperLeftEstimate: Math.max(0, RECEIPTS_PER_ROLL - receiptsPrinted),
    cardsCaptured: captures.length,
    captureBinCapacity: input.binCapacity,
    captureReasons: [...reasons].map(([reason, count]) => ({ reason: reason.slice(0, 64), count })),
    servicesToday: [...completed].map(([serviceId, count]) => ({ serviceId, title: input.title(serviceId), count })),
    paymentsToday: { count: charges.length, totalFils: sum(charges), reversedCount: reversals.length, reversedFils: sum(reversals) },
  };
}

/**
 * Journal search for the technician: by local date range and by reference
 * (an application reference or a run id), newest first, at most 200 rows.
 * Each row is summarised without personal data: no CPR hash, no names, no
 * mobile numbers; a card number only as the store keeps it (first 6 / last 4).
 */
export function searchJournal(journal: JournalStore, query: { from?: string; to?: string; reference?: string }, timeZone: string, now: number): JournalSearch {
  const from = query.from ? dayStart(query.from, timeZone) : undefined;
  const to = query.to ? dayStart(query.to, timeZone) + 86_400_000 : undefined;
  const needle = query.reference?.trim().toUpperCase() ?? '';
  const rows = journal
    .search({ ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), limit: LIMIT })
    .filter((r) => !needle || r.idempotencyKey.toUpperCase().includes(needle) || String(r.outcome?.detail.reference ?? '').toUpperCase().includes(needle))
    .sort((a, b) => b.id - a.id);
  const entries = rows.slice(0, 200).map((r) => {
    const reference = typeof r.outcome?.detail.reference === 'string' ? r.outcome.detail.reference : (r.idempotencyKey.split(':')[2]?.slice(0, 8) ?? '');
    const parts = [
      r.serviceId ?? '',
      r.outcome ? r.outcome.result : 'unfinished',
      r.amountFils !== null ? `BHD ${(r.amountFils / 1000).toFixed(3)}` : '',
      r.maskedPan ?? (typeof r.outcome?.detail.maskedPan === 'string' ? r.outcome.detail.maskedPan : ''),
    ].filter(Boolean);
    return { id: r.id, at: new Date(r.at).toISOString(), type: r.action, reference: reference.slice(0, 64), summary: parts.join(' · ').slice(0, 300) };
  });
  return { today: businessDayOf(now, timeZone), query: { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), ...(query.reference ? { reference: query.reference } : {}) }, entries, truncated: rows.length > 200 };
}

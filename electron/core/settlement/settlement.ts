import type { Clock } from '../clock/clock.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { JournalUnavailableError } from '../journal/journal-errors.ts';
import type { IntentRow, JournalAction } from '../journal/journal-types.ts';
import type { Logger } from '../log/logger.ts';
import { businessDayOf } from './business-day.ts';
import type { EndOfDayResult, TerminalTotals } from './settlement-port.ts';
import type { SettlementPort } from './settlement-port.ts';

export interface SettlementDeps {
  journal: JournalStore;
  terminal: SettlementPort;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** IANA zone the business day is read in (config `settlement.timeZone`). */
  timeZone: string;
}

export interface SettleOptions {
  reason: 'scheduled' | 'on-demand';
  /** The business day being closed (YYYY-MM-DD); by default the local date of now. The scheduler passes the day of its slot. */
  businessDay?: string;
  signal?: AbortSignal;
}

export interface Totals {
  count: number;
  amountFils: number;
}

export interface ServiceTotals extends Totals {
  serviceId: string | null;
}

/** The journal's view of the period: approved card authorisations minus successful reversals of them. */
export interface JournalTotals extends Totals {
  approved: Totals;
  reversed: Totals;
  byService: ServiceTotals[];
}

/** An authorisation or reversal in the period whose result nobody knows yet. No personal data. */
export interface OpenItem {
  intentId: number;
  action: 'authorise' | 'reversal';
  serviceId: string | null;
  amountFils: number | null;
  at: number;
  state: 'in-doubt' | 'no-outcome';
}

export type Discrepancy =
  | { kind: 'count'; journal: number; terminal: number; difference: number }
  | { kind: 'amount'; journalFils: number; terminalFils: number; differenceFils: number }
  | { kind: 'in-doubt-open'; item: OpenItem }
  /** A successful reversal whose authorisation is not in this period (terminal receipt number, not personal). */
  | { kind: 'unmatched-reversal'; intentId: number; receiptNo: string | null; amountFils: number | null }
  /** An earlier end-of-day of this period timed out or was interrupted: the terminal may have closed a batch we have no totals for. */
  | { kind: 'earlier-end-of-day-unknown'; intentId: number; at: number }
  | { kind: 'terminal-failed'; reason: string };

export interface SettlementReport {
  status: 'settled' | 'terminal-failed';
  /** The 'settlement' intent of this run. */
  intentId: number;
  businessDay: string;
  reason: SettleOptions['reason'];
  at: number;
  /** Intents after the last successful settlement's intent and before this one (ids are the journal's order). */
  period: { fromIntentId: number; toIntentId: number; from: number | null; to: number };
  journal: JournalTotals;
  /** `null` when the end-of-day failed. */
  terminal: TerminalTotals | null;
  /** The terminal's own end-of-day printout (PANs already masked by the driver). */
  terminalReceipt: string[];
  /** The terminal answered, totals agree and nothing in the period is open or unexplained. */
  matched: boolean;
  discrepancies: Discrepancy[];
  inDoubtOpen: number;
  openItems: OpenItem[];
}

export interface SettlementRefusal {
  status: 'refused';
  why: 'already-settled' | 'in-progress' | 'journal-unavailable';
  businessDay: string;
  reason: SettleOptions['reason'];
  /** The settlement intent that already closed this day. */
  settledBy?: number;
  detail: string;
}

export type SettlementResult = SettlementReport | SettlementRefusal;

export const settlementKey = (businessDay: string) => `settlement:${businessDay}`;

/** Settlements running in this process, per journal: a scheduled run and a technician's press never overlap. */
const running = new WeakSet<JournalStore>();

const PAGE = 1000;

/** Every intent of one action recorded at or after `from` (the store returns at most 1000 per call; page backwards by time). */
function intentsSince(journal: JournalStore, action: JournalAction, from: number | undefined): IntentRow[] {
  const seen = new Map<number, IntentRow>();
  let to: number | undefined;
  for (;;) {
    const page = journal.search({ action, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), limit: PAGE });
    let added = 0;
    for (const row of page) {
      if (!seen.has(row.id)) {
        seen.set(row.id, row);
        added++;
      }
    }
    if (page.length < PAGE || added === 0) break;
    // Rows at the oldest time of this page may continue on the next: include that millisecond again.
    to = Math.min(...page.map((r) => r.at)) + 1;
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

function lastSuccessfulSettlement(settlements: readonly IntentRow[]): IntentRow | undefined {
  return settlements.filter((r) => r.outcome?.result === 'success').at(-1);
}

/** Amount the terminal actually approved: the journal notes a different amount as `amountMismatch`. */
function approvedAmount(row: IntentRow): number {
  const mismatch = row.outcome?.detail.amountMismatch;
  return typeof mismatch === 'number' ? mismatch : (row.amountFils ?? 0);
}

function openState(row: IntentRow): OpenItem['state'] | null {
  if (!row.outcome) return 'no-outcome';
  return row.outcome.result === 'in-doubt' ? 'in-doubt' : null;
}

interface JournalView {
  totals: JournalTotals;
  openItems: OpenItem[];
  unmatchedReversals: Extract<Discrepancy, { kind: 'unmatched-reversal' }>[];
}

/** The journal's totals for card intents with fromId < id < toId. */
export function journalView(journal: JournalStore, period: { fromIntentId: number; from: number | null; toIntentId: number }): JournalView {
  const inPeriod = (r: IntentRow) => r.id > period.fromIntentId && r.id < period.toIntentId;
  const from = period.from ?? undefined;
  const charges = intentsSince(journal, 'authorise', from).filter(inPeriod);
  const reversals = intentsSince(journal, 'reversal', from).filter(inPeriod);

  const openItems: OpenItem[] = [];
  const approved: IntentRow[] = [];
  for (const row of charges) {
    const state = openState(row);
    if (state) openItems.push({ intentId: row.id, action: 'authorise', serviceId: row.serviceId, amountFils: row.amountFils, at: row.at, state });
    else if (row.outcome?.result === 'success') approved.push(row);
  }

  // Each successful reversal takes back the latest approval before it with the same terminal receipt number (they wrap at 9999).
  const reversedIds = new Set<number>();
  const unmatchedReversals: JournalView['unmatchedReversals'] = [];
  for (const row of reversals) {
    const state = openState(row);
    if (state) {
      openItems.push({ intentId: row.id, action: 'reversal', serviceId: row.serviceId, amountFils: row.amountFils, at: row.at, state });
      continue;
    }
    if (row.outcome?.result !== 'success') continue;
    const receiptNo = typeof row.detail.receiptNo === 'string' ? row.detail.receiptNo : null;
    const original = approved.filter((c) => c.id < row.id && !reversedIds.has(c.id) && receiptNo !== null && c.outcome?.detail.receiptNo === receiptNo).at(-1);
    if (original) reversedIds.add(original.id);
    else unmatchedReversals.push({ kind: 'unmatched-reversal', intentId: row.id, receiptNo, amountFils: row.amountFils });
  }

  const byService = new Map<string | null, ServiceTotals>();
  let count = 0;
  let amountFils = 0;
  let reversedAmount = 0;
  for (const row of approved) {
    const amount = approvedAmount(row);
    if (reversedIds.has(row.id)) {
      reversedAmount += amount;
      continue;
    }
    count++;
    amountFils += amount;
    const service = byService.get(row.serviceId) ?? { serviceId: row.serviceId, count: 0, amountFils: 0 };
    service.count++;
    service.amountFils += amount;
    byService.set(row.serviceId, service);
  }
  return {
    totals: {
      count,
      amountFils,
      approved: { count: approved.length, amountFils: amountFils + reversedAmount },
      reversed: { count: reversedIds.size, amountFils: reversedAmount },
      byService: [...byService.values()].sort((a, b) => String(a.serviceId).localeCompare(String(b.serviceId))),
    },
    openItems,
    unmatchedReversals,
  };
}

function compare(journal: JournalTotals, terminal: TerminalTotals): Discrepancy[] {
  const out: Discrepancy[] = [];
  if (terminal.count !== null && terminal.count !== journal.count) {
    out.push({ kind: 'count', journal: journal.count, terminal: terminal.count, difference: terminal.count - journal.count });
  }
  if (terminal.amountFils !== journal.amountFils) {
    out.push({ kind: 'amount', journalFils: journal.amountFils, terminalFils: terminal.amountFils, differenceFils: terminal.amountFils - journal.amountFils });
  }
  return out;
}

/**
 * End-of-day settlement: journal an intent (one key per business day), run
 * the terminal's end-of-day, journal the outcome, reconcile the terminal's
 * totals against the journal's view of the period since the last successful
 * settlement, and record the report as a 'settlement-report' event.
 *
 * A day that already has a successful settlement is refused (that guard is
 * in the journal, so it holds across restarts). A failed attempt may be
 * retried the same day. An attempt that has no outcome and is not running in
 * this process was cut short by a crash: it is closed as failed (its
 * end-of-day may or may not have reached the terminal) and the next report
 * says so.
 */
export async function settle(deps: SettlementDeps, options: SettleOptions): Promise<SettlementResult> {
  const { journal, clock, logger } = deps;
  const businessDay = options.businessDay ?? businessDayOf(clock.now(), deps.timeZone);
  const refuse = (why: SettlementRefusal['why'], detail: string, settledBy?: number): SettlementRefusal => {
    logger.warn({ businessDay, reason: options.reason, why }, 'settlement refused');
    return { status: 'refused', why, businessDay, reason: options.reason, detail, ...(settledBy === undefined ? {} : { settledBy }) };
  };
  if (running.has(journal)) return refuse('in-progress', 'a settlement is already running');
  running.add(journal);
  try {
    return await settleLocked(deps, options, businessDay, refuse);
  } catch (error) {
    if (error instanceof JournalUnavailableError) return refuse('journal-unavailable', error.message.slice(0, 200));
    throw error;
  } finally {
    running.delete(journal);
  }
}

async function settleLocked(
  deps: SettlementDeps,
  options: SettleOptions,
  businessDay: string,
  refuse: (why: SettlementRefusal['why'], detail: string, settledBy?: number) => SettlementRefusal,
): Promise<SettlementResult> {
  const { journal, terminal, clock, logger } = deps;
  const key = settlementKey(businessDay);
  const done = journal.intentsByKey(key).find((r) => r.action === 'settlement' && r.outcome?.result === 'success');
  if (done) return refuse('already-settled', `business day ${businessDay} was settled at ${new Date(done.outcome!.at).toISOString()}`, done.id);

  // Attempts cut short by a crash (no outcome, nothing running here): close them, noting the batch may have been closed.
  for (const row of journal.search({ action: 'settlement', limit: 1000 })) {
    if (!row.outcome || row.outcome.result === 'in-doubt') {
      journal.recordOutcome(row.id, 'failed', { why: 'interrupted before the outcome was recorded', batchMayBeClosed: true });
    }
  }

  const settlements = intentsSince(journal, 'settlement', undefined);
  const previous = lastSuccessfulSettlement(settlements);

  const intentId = journal.recordIntent({
    action: 'settlement',
    sessionId: null,
    serviceId: null,
    idempotencyKey: key,
    amountFils: null,
    cpr: null,
    maskedPan: null,
    detail: { reason: options.reason, businessDay },
  });
  logger.info({ businessDay, reason: options.reason, intentId }, 'settlement: terminal end-of-day');

  let result: EndOfDayResult;
  try {
    result = await terminal.endOfDay(options.signal ?? new AbortController().signal);
  } catch (error) {
    result = { kind: 'failed', reason: `end-of-day threw: ${(error as Error).message}`.slice(0, 200), batchMayBeClosed: true };
  }
  if (result.kind === 'ok') {
    journal.recordOutcome(intentId, 'success', { terminalCount: result.totals.count, terminalAmountFils: result.totals.amountFils });
  } else {
    journal.recordOutcome(intentId, 'failed', { why: result.reason.slice(0, 200), batchMayBeClosed: result.batchMayBeClosed });
  }

  const period = { fromIntentId: previous?.id ?? 0, from: previous?.at ?? null, toIntentId: intentId, to: clock.now() };
  const view = journalView(journal, period);
  const discrepancies: Discrepancy[] = [];
  if (result.kind === 'ok') discrepancies.push(...compare(view.totals, result.totals));
  else discrepancies.push({ kind: 'terminal-failed', reason: result.reason });
  for (const item of view.openItems) discrepancies.push({ kind: 'in-doubt-open', item });
  discrepancies.push(...view.unmatchedReversals);
  for (const earlier of settlements) {
    if (earlier.id <= period.fromIntentId || earlier.outcome?.result !== 'failed' || earlier.outcome.detail.batchMayBeClosed !== true) continue;
    discrepancies.push({ kind: 'earlier-end-of-day-unknown', intentId: earlier.id, at: earlier.at });
  }

  const report: SettlementReport = {
    status: result.kind === 'ok' ? 'settled' : 'terminal-failed',
    intentId,
    businessDay,
    reason: options.reason,
    at: clock.now(),
    period,
    journal: view.totals,
    terminal: result.kind === 'ok' ? result.totals : null,
    terminalReceipt: result.kind === 'ok' ? [...result.terminalReceipt] : [],
    matched: result.kind === 'ok' && discrepancies.length === 0,
    discrepancies,
    inDoubtOpen: view.openItems.length,
    openItems: view.openItems,
  };

  journal.recordEvent({
    type: 'settlement-report',
    sessionId: null,
    serviceId: null,
    detail: {
      intentId,
      businessDay,
      reason: options.reason,
      status: report.status,
      matched: report.matched,
      journalCount: report.journal.count,
      journalAmountFils: report.journal.amountFils,
      terminalCount: report.terminal?.count ?? null,
      terminalAmountFils: report.terminal?.amountFils ?? null,
      inDoubtOpen: report.inDoubtOpen,
      discrepancies: discrepancies.length,
      kinds: [...new Set(discrepancies.map((d) => d.kind))].join(',').slice(0, 200),
      fromIntentId: period.fromIntentId,
    },
  });
  const log = report.matched ? logger.info.bind(logger) : logger.warn.bind(logger);
  log(
    { businessDay, status: report.status, matched: report.matched, journal: { count: report.journal.count, amountFils: report.journal.amountFils }, terminal: report.terminal, discrepancies: discrepancies.length },
    'settlement report',
  );
  return report;
}

/**
 * The simulated terminal's journal: every authorisation it saw, with trace and
 * receipt numbers, amount, the masked PAN of the fictional test card and its
 * state. It is the truth the crash harness checks the kiosk's journal against
 * ("every approved charge has exactly one submission or one reversal"), so it
 * survives power cuts (a real terminal keeps its journal in flash) and is only
 * cleared by an end-of-day batch close (entries stay, marked settled).
 */

export type LedgerState = 'approved' | 'declined' | 'aborted' | 'reversed';

export interface LedgerEntry {
  readonly traceNumber: number;
  readonly receiptNumber: number;
  readonly amountFils: number;
  readonly currencyCode: number;
  readonly maskedPan: string;
  readonly authCode: string;
  state: LedgerState;
  readonly resultCode: number;
  /** Simulator clock time. */
  readonly at: number;
  batch: number;
  settled: boolean;
  /** Why the ECR may not know: 'answer lost', 'auto-reversed: no ECR ack'. */
  note?: string;
  /** For a reversal entry: the receipt number it reversed. */
  readonly reversalOf?: number;
}

export interface LedgerTotals {
  readonly batch: number;
  readonly count: number;
  readonly amountFils: number;
}

/** The fictional test card: a PAN in no issuer's range (99…), only ever shown masked. */
export const TEST_CARD = { maskedPan: '999999******0119', cardName: 'KHIDMA TEST CARD', expiry: '2912' } as const;

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  #trace = 0;
  #receipt = 0;
  #batch = 1;

  get batch(): number {
    return this.#batch;
  }

  /** Trace numbers are 6 digits (BMP 0B), receipt numbers 4 (BMP 87); both wrap like real counters. */
  nextTrace(): number {
    this.#trace = (this.#trace % 999_999) + 1;
    return this.#trace;
  }

  nextReceipt(): number {
    this.#receipt = (this.#receipt % 9999) + 1;
    return this.#receipt;
  }

  record(entry: Omit<LedgerEntry, 'batch' | 'settled'>): LedgerEntry {
    const full: LedgerEntry = { ...entry, batch: this.#batch, settled: false };
    this.entries.push(full);
    return full;
  }

  /** The original entry of an approved authorisation still in this batch. */
  findByReceipt(receiptNumber: number): LedgerEntry | undefined {
    return this.entries.find((e) => e.receiptNumber === receiptNumber && e.reversalOf === undefined && (e.state === 'approved' || e.state === 'reversed'));
  }

  last(): LedgerEntry | undefined {
    return this.entries.at(-1);
  }

  /** Charges that count: approved, not reversed, not yet settled. */
  totals(): LedgerTotals {
    const open = this.entries.filter((e) => !e.settled && e.state === 'approved' && e.reversalOf === undefined);
    return { batch: this.#batch, count: open.length, amountFils: open.reduce((n, e) => n + e.amountFils, 0) };
  }

  closeBatch(): LedgerTotals {
    const totals = this.totals();
    for (const e of this.entries) if (e.batch === this.#batch) e.settled = true;
    this.#batch++;
    return totals;
  }

  /** JSON-safe copy for state() snapshots. */
  snapshot(): LedgerEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Everything needed to continue after a restart: entries and the counters. */
  toJSON(): LedgerFile {
    return { version: 1, trace: this.#trace, receipt: this.#receipt, batch: this.#batch, entries: this.snapshot() };
  }

  /** Restore from toJSON() output (the simulator's flash surviving a power cycle). */
  restore(file: LedgerFile): void {
    if (file.version !== 1) throw new Error(`unknown ledger file version ${String(file.version)}`);
    this.entries.splice(0, this.entries.length, ...file.entries.map((e) => ({ ...e })));
    this.#trace = file.trace;
    this.#receipt = file.receipt;
    this.#batch = file.batch;
  }
}

export interface LedgerFile {
  readonly version: 1;
  readonly trace: number;
  readonly receipt: number;
  readonly batch: number;
  readonly entries: readonly LedgerEntry[];
}

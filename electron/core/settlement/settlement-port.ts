/**
 * What settlement needs from the card payment terminal: its end-of-day (batch
 * close) and the totals it reports. The ZVT driver is adapted onto this in
 * zvt-settlement-adapter.ts; tests use a scripted fake.
 */

export interface CardTypeTotals {
  readonly cardType: string;
  readonly count: number;
  readonly amountFils: number;
}

export interface TerminalTotals {
  /**
   * Number of charges in the closed batch. `null` when the terminal did not
   * report a count (the amount is always reported, else the end-of-day failed).
   */
  readonly count: number | null;
  /** Net amount of the closed batch (approvals minus reversals), integer fils. */
  readonly amountFils: number;
  readonly perCardType?: readonly CardTypeTotals[];
}

export type EndOfDayResult =
  | { readonly kind: 'ok'; readonly totals: TerminalTotals; readonly terminalReceipt: readonly string[] }
  | {
      readonly kind: 'failed';
      /** Technician words: completion code and description; never personal data. */
      readonly reason: string;
      /**
       * The command may have reached the terminal (time-out, link lost after
       * sending): the batch may be closed even though we have no totals. The
       * next settlement's report then says its period spans an unknown close.
       */
      readonly batchMayBeClosed: boolean;
    };

export interface SettlementPort {
  endOfDay(signal: AbortSignal): Promise<EndOfDayResult>;
}

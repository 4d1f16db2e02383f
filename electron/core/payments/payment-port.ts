/**
 * The card payment terminal as the payments layer sees it. The ZVT driver is
 * adapted onto this; tests use a scripted fake. Amounts are integer fils.
 */
export type TerminalPrompt = 'insertCard' | 'enterPin' | 'pleaseWait' | 'removeCard' | 'approved' | 'declined' | 'other';

export interface CardTransaction {
  /** Terminal receipt number: what a reversal names. */
  receiptNo: string;
  trace: string;
  amountFils: number;
  maskedPan: string | null;
  authCode: string | null;
}

export type AuthoriseResult =
  | { kind: 'approved'; transaction: CardTransaction }
  | { kind: 'declined'; reason: 'declined' | 'insufficientFunds' | 'cardRemoved' | 'cardNotReadable' | 'other'; resultCode: string | null }
  | { kind: 'canceled' }
  /** The terminal never answered: the charge may or may not have happened. */
  | { kind: 'in-doubt'; seen: Partial<CardTransaction> }
  | { kind: 'device-fault' };

export type ReversalResult = { kind: 'reversed' } | { kind: 'failed'; resultCode: string | null } | { kind: 'in-doubt' };

/** What the terminal says about the last transaction it did (ZVT status enquiry / repeat receipt). */
export type LastTransaction = { kind: 'found'; transaction: CardTransaction; state: 'approved' | 'reversed' } | { kind: 'none' } | { kind: 'unreachable' };

export interface PaymentTerminalPort {
  authorise(amountFils: number, onPrompt: (prompt: TerminalPrompt) => void, signal: AbortSignal): Promise<AuthoriseResult>;
  reverse(receiptNo: string, signal: AbortSignal): Promise<ReversalResult>;
  lastTransaction(signal: AbortSignal): Promise<LastTransaction>;
}

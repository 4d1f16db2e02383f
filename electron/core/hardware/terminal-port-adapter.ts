import type { ZvtTerminal, PaymentCompletion } from '../../devices/payment/zvt/driver/zvt-terminal.ts';
import type { TransactionRecord } from '../../devices/payment/zvt/driver/transaction-record.ts';
import type { AuthoriseResult, CardTransaction, LastTransaction, PaymentTerminalPort, ReversalResult, TerminalPrompt } from '../payments/payment-port.ts';

const PROMPTS: Partial<Record<string, TerminalPrompt>> = {
  insertCard: 'insertCard',
  enterPin: 'enterPin',
  pleaseWait: 'pleaseWait',
  removeCard: 'removeCard',
  confirmAmount: 'pleaseWait',
};

function toTransaction(record: TransactionRecord | undefined, fallbackAmount: number): CardTransaction | null {
  if (!record || record.receiptNumber === undefined) return null;
  return {
    receiptNo: String(record.receiptNumber).padStart(4, '0'),
    trace: record.traceNumber === undefined ? '' : String(record.traceNumber).padStart(6, '0'),
    amountFils: record.amountFils ?? fallbackAmount,
    maskedPan: record.maskedPan ? record.maskedPan.replace(/[^0-9*]/g, '').slice(0, 19) || null : null,
    authCode: record.authCode ?? null,
  };
}

const DECLINE_REASONS: Record<string, Extract<AuthoriseResult, { kind: 'declined' }>['reason']> = {
  insufficientFunds: 'insufficientFunds',
  cardNotReadable: 'cardNotReadable',
  declined: 'declined',
  cardExpired: 'declined',
  cardBlocked: 'declined',
  pinFailed: 'declined',
};

/**
 * The ZVT driver in the payments layer's words. The driver already refuses
 * to authorise twice and reports "in doubt"; this adapter only renames, and
 * turns status enquiry + repeat receipt into "what was the last transaction".
 */
export function terminalPortFor(terminal: ZvtTerminal): PaymentTerminalPort {
  return {
    async authorise(amountFils, onPrompt, signal) {
      const completion: PaymentCompletion = await terminal.authorise({
        amountFils,
        signal,
        onEvent: ({ event }) => {
          if (event.kind === 'prompt') onPrompt(PROMPTS[event.prompt] ?? 'other');
        },
      });
      const payload = completion.payload;
      if (completion.completionCode === 'success') {
        const tx = toTransaction(payload?.transaction, amountFils);
        if (tx) return { kind: 'approved', transaction: tx };
        return { kind: 'in-doubt', seen: {} };
      }
      if (completion.completionCode === 'canceled' || completion.errorCode === 'abortedAtTerminal') return { kind: 'canceled' };
      if (completion.errorCode === 'inDoubt') {
        const seen = toTransaction(payload?.transaction, amountFils);
        return { kind: 'in-doubt', seen: seen ? { trace: seen.trace, receiptNo: seen.receiptNo } : {} };
      }
      if (completion.errorCode === 'amountMismatch' || completion.errorCode === 'lateApproval' || completion.errorCode === 'duplicateCompletion') {
        // Something was approved that is not our payment as asked: hand it up as approved-for-another-amount so it is reversed.
        const tx = toTransaction(payload?.transaction, amountFils);
        return tx ? { kind: 'approved', transaction: tx } : { kind: 'in-doubt', seen: {} };
      }
      const reason = completion.errorCode ? DECLINE_REASONS[completion.errorCode] : undefined;
      if (completion.completionCode === 'commandErrorCode' || completion.completionCode === 'userError') {
        return { kind: 'declined', reason: reason ?? 'other', resultCode: payload?.transaction?.resultCode?.toString(16) ?? null };
      }
      return { kind: 'device-fault' };
    },
    async reverse(receiptNo, signal): Promise<ReversalResult> {
      const completion = await terminal.reverse({ receiptNumber: Number(receiptNo), signal });
      if (completion.completionCode === 'success' || completion.errorCode === 'alreadyReversed') return { kind: 'reversed' };
      if (completion.errorCode === 'inDoubt' || completion.completionCode === 'timeOut') return { kind: 'in-doubt' };
      return { kind: 'failed', resultCode: completion.errorCode ?? null };
    },
    async lastTransaction(signal): Promise<LastTransaction> {
      const completion = await terminal.repeatReceipt({ signal });
      if (completion.completionCode !== 'success') {
        return completion.completionCode === 'commandErrorCode' ? { kind: 'none' } : { kind: 'unreachable' };
      }
      const record = completion.payload?.transactions.at(-1);
      const tx = toTransaction(record, record?.amountFils ?? 0);
      if (!tx) return { kind: 'none' };
      return { kind: 'found', transaction: tx, state: 'approved' };
    },
  };
}

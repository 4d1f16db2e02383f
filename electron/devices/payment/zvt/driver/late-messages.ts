/**
 * Messages from the PT that arrive when no command is running: a duplicate
 * completion, or an approval that comes after the command already ended
 * (aborted, in doubt). They belong to no command, so they cannot change a
 * completion already given; they become anomalies the payments layer must act
 * on (reverse, reconcile), and are kept in a short list it can read back.
 */
import type { ZvtMessage } from '../messages.ts';
import { recordFromFields, sameTransaction, type TransactionRecord } from './transaction-record.ts';

export type AnomalyKind = 'duplicateCompletion' | 'lateApproval' | 'unexpectedMessage';

export interface PaymentAnomaly {
  readonly kind: AnomalyKind;
  /** Injected clock time. */
  readonly at: number;
  /** The requestId of the last money command, for correlation in the journal. */
  readonly relatedRequestId?: string;
  readonly transaction?: TransactionRecord;
  /** Technician detail; never a PAN (records carry only masked PANs). */
  readonly detail: string;
}

/** What the driver remembers of the last money command once it has ended. */
export interface LastMoneyCommand {
  readonly requestId: string;
  /** 'approved' only for a success completion; everything else counts as not approved. */
  readonly ended: 'approved' | 'notApproved' | 'inDoubt' | 'canceled';
  /** Completed with 06 0F (so a second 06 0F is a duplicate). */
  readonly completed: boolean;
  readonly transactions: readonly TransactionRecord[];
}

/** Classify an unsolicited PT message; undefined when it needs no attention (prompts, print lines). */
export function classifyLateMessage(message: ZvtMessage, last: LastMoneyCommand | undefined, at: number): PaymentAnomaly | undefined {
  const related = last ? { relatedRequestId: last.requestId } : {};
  switch (message.type) {
    case 'statusInformation': {
      const record = recordFromFields(message.fields);
      if (record.resultCode !== 0x00) return { kind: 'unexpectedMessage', at, ...related, transaction: record, detail: `late status information with result ${record.resultCode ?? 'none'}` };
      const known = last?.transactions.some((t) => sameTransaction(t, record)) ?? false;
      if (known && last?.ended === 'approved') return { kind: 'duplicateCompletion', at, ...related, transaction: record, detail: 'the terminal repeated an approval we already completed' };
      return { kind: 'lateApproval', at, ...related, transaction: record, detail: `approval after the command ended (${last?.ended ?? 'no command'}): reverse or reconcile` };
    }
    case 'completion':
      if (last?.completed) return { kind: 'duplicateCompletion', at, ...related, detail: 'a second completion (06 0F) for a command already completed' };
      return { kind: 'unexpectedMessage', at, ...related, detail: 'completion (06 0F) with no command running' };
    case 'abort':
      return { kind: 'unexpectedMessage', at, ...related, detail: `abort (06 1E ${message.resultCode.toString(16)}) with no command running` };
    default:
      return undefined;
  }
}

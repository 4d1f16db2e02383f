/**
 * Outcomes of the non-money commands: registration, status enquiry, repeat
 * receipt, end-of-day. Pure, like payment-evaluation.ts. None of these moves
 * money, so a lost answer is a plain timeOut, not "in doubt".
 */
import type { CommandOutcome } from '../../../contract/completion.ts';
import { transactionData } from '../bmp.ts';
import { outcomeForResultCode } from './result-outcome.ts';
import type { TransactionRecord } from './transaction-record.ts';
import type { ZvtErrorCode } from './zvt-errors.ts';
import type { ExchangeEnd } from './zvt-exchange.ts';

export interface AdminPayload {
  readonly operation: 'registration' | 'statusEnquiry' | 'repeatReceipt' | 'endOfDay';
  /** Status enquiry: PA00P015 chapter 11 terminal status code (00 = ready). */
  readonly terminalStatus?: number;
  readonly terminalId?: string;
  /** Repeat receipt: the last transaction as the PT reports it. End-of-day: the totals. */
  readonly transactions: readonly TransactionRecord[];
  readonly terminalReceipt: readonly string[];
}

type Outcome = CommandOutcome<AdminPayload, ZvtErrorCode>;

export function evaluateAdmin(payload: AdminPayload, end: ExchangeEnd): Outcome {
  const what = payload.operation;
  switch (end.kind) {
    case 'notSent':
      return { completionCode: 'deviceNotReady', errorCode: 'terminalNotReady', payload, description: `${what}: link down` };
    case 'refused':
      return { completionCode: 'hardwareError', errorCode: 'linkError', payload, description: `${what}: the terminal NAKed every transmission` };
    case 'noAcknowledge':
      return { completionCode: 'timeOut', payload, description: `${what}: no acknowledgement from the terminal` };
    case 'silence':
      return { completionCode: 'timeOut', payload, description: `${what}: the terminal went silent (T4)` };
    case 'linkLost':
      return { completionCode: 'hardwareError', errorCode: 'terminalFault', payload, description: `${what}: link lost` };
    case 'stopped':
      return { completionCode: 'timeOut', payload, description: `${what}: stopped` };
    case 'rejected':
      return outcomeForResultCode(end.errorCode, payload, `${what} refused`);
    case 'aborted':
      return outcomeForResultCode(end.resultCode, payload, `${what} aborted`);
    case 'completed': {
      if (end.message.type === 'statusEnquiryCompletion') return { completionCode: 'success', payload: { ...payload, terminalStatus: end.message.terminalStatus } };
      const data = transactionData(end.message.fields);
      if (data.resultCode !== undefined && data.resultCode !== 0) return outcomeForResultCode(data.resultCode, payload, what);
      return { completionCode: 'success', payload: { ...payload, ...(data.terminalId === undefined ? {} : { terminalId: data.terminalId }) } };
    }
  }
}

/**
 * Turns what happened in one money conversation (authorisation or reversal)
 * into exactly one contract outcome. Pure, so every rule below has a unit test.
 *
 * The rules, most important first:
 *  - never report success unless the PT sent an approved Status-Information (04 0F,
 *    result 00) for exactly the requested amount and currency, then Completion;
 *  - anything that leaves "did the card get charged?" open is `inDoubt`, with every
 *    trace and receipt number we saw, so the payments layer can ask the PT
 *    (status enquiry / repeat receipt) and reverse or complete — never authorise again;
 *  - a PT that contradicts itself (approved, then aborted; two different approvals;
 *    an approval after we asked it to abort) gets a defined error code, not a guess.
 */
import type { CommandOutcome } from '../../../contract/completion.ts';
import { outcomeForResultCode } from './result-outcome.ts';
import type { TransactionRecord } from './transaction-record.ts';
import type { ZvtErrorCode } from './zvt-errors.ts';
import type { ExchangeEnd } from './zvt-exchange.ts';

export interface MoneyPayload {
  readonly operation: 'authorisation' | 'reversal';
  readonly requestedAmountFils?: number;
  /** The approved (or declined) transaction the PT reported, if any. */
  readonly transaction?: TransactionRecord;
  /** Every distinct Status-Information of this conversation, in arrival order. */
  readonly transactions: readonly TransactionRecord[];
  /** The terminal's own receipt (print lines / text blocks), for the technician and the journal. */
  readonly terminalReceipt: readonly string[];
  /** The command reached the PT (transport-acknowledged): the reason a payment can be in doubt. */
  readonly reachedTerminal: boolean;
  readonly abortRequested: boolean;
}

export interface MoneyConversation {
  readonly operation: 'authorisation' | 'reversal';
  readonly requestedAmountFils?: number;
  readonly currencyCode: number;
  readonly transactions: readonly TransactionRecord[];
  readonly terminalReceipt: readonly string[];
  readonly reachedTerminal: boolean;
  readonly abortRequested: boolean;
  /** The completion's own result code (BMP 27 in 06 0F), when it carries one. */
  readonly completionResultCode?: number;
}

type Outcome = CommandOutcome<MoneyPayload, ZvtErrorCode>;

const isApproved = (t: TransactionRecord) => t.resultCode === 0x00;

export function moneyPayload(c: MoneyConversation): MoneyPayload {
  const transaction = c.transactions.find(isApproved) ?? c.transactions[0];
  return {
    operation: c.operation,
    ...(c.requestedAmountFils === undefined ? {} : { requestedAmountFils: c.requestedAmountFils }),
    ...(transaction === undefined ? {} : { transaction }),
    transactions: c.transactions,
    terminalReceipt: c.terminalReceipt,
    reachedTerminal: c.reachedTerminal,
    abortRequested: c.abortRequested,
  };
}

export function inDoubt(c: MoneyConversation, description: string, completionCode: 'timeOut' | 'commandErrorCode' = 'timeOut'): Outcome {
  return completionCode === 'timeOut'
    ? { completionCode, errorCode: 'inDoubt', payload: moneyPayload(c), description }
    : { completionCode, errorCode: 'inDoubt', payload: moneyPayload(c), description };
}

const mapped = (code: number, c: MoneyConversation, prefix: string): Outcome => outcomeForResultCode(code, moneyPayload(c), prefix);

export function evaluateMoney(c: MoneyConversation, end: ExchangeEnd): Outcome {
  const approved = c.transactions.filter(isApproved);
  // An approval seen in a conversation that then "never started" is a contradiction: ask the PT.
  if (approved.length > 0 && (end.kind === 'notSent' || end.kind === 'refused' || end.kind === 'rejected')) {
    return inDoubt(c, `approval seen, then ${end.kind}: ask the terminal`, 'commandErrorCode');
  }
  switch (end.kind) {
    case 'notSent':
      return { completionCode: 'deviceNotReady', errorCode: 'terminalNotReady', payload: moneyPayload(c), description: 'link down: the command was not sent' };
    case 'refused':
      return { completionCode: 'hardwareError', errorCode: 'linkError', payload: moneyPayload(c), description: 'the terminal refused every transmission (NAK): not executed' };
    case 'rejected':
      return mapped(end.errorCode, c, 'refused by the terminal (84)');
    case 'noAcknowledge':
      return inDoubt(c, 'no acknowledgement from the terminal: it may have started the payment');
    case 'silence':
      return inDoubt(c, 'the terminal went silent (T4) before completing');
    case 'linkLost':
      return inDoubt(c, 'the link dropped before the terminal completed');
    case 'stopped':
      return inDoubt(c, 'command backstop reached before the terminal completed');
    case 'aborted':
      if (approved.length > 0) return inDoubt(c, `approved, then aborted with result ${end.resultCode.toString(16)}: ask the terminal`, 'commandErrorCode');
      if (c.abortRequested && end.resultCode === 0x6c) return { completionCode: 'canceled', payload: moneyPayload(c), description: 'aborted at the kiosk’s request' };
      return mapped(end.resultCode, c, `${c.operation} aborted`);
    case 'completed':
      break;
  }
  const distinctApproved = approved.length;
  if (distinctApproved > 1) {
    return { completionCode: 'commandErrorCode', errorCode: 'duplicateCompletion', payload: moneyPayload(c), description: `${distinctApproved} different approvals in one ${c.operation}` };
  }
  const declined = c.transactions.find((t) => t.resultCode !== undefined && t.resultCode !== 0x00);
  const approval = approved[0];
  if (!approval) {
    if (declined?.resultCode !== undefined) return mapped(declined.resultCode, c, `${c.operation} declined`);
    if (c.completionResultCode !== undefined && c.completionResultCode !== 0) return mapped(c.completionResultCode, c, `${c.operation} declined`);
    return inDoubt(c, 'completion without a status information: outcome unknown', 'commandErrorCode');
  }
  if (c.abortRequested) {
    return { completionCode: 'commandErrorCode', errorCode: 'lateApproval', payload: moneyPayload(c), description: 'approved after the kiosk asked to abort: reverse it' };
  }
  if (c.requestedAmountFils !== undefined && approval.amountFils !== c.requestedAmountFils) {
    return {
      completionCode: 'commandErrorCode',
      errorCode: 'amountMismatch',
      payload: moneyPayload(c),
      description: `terminal reported ${approval.amountFils ?? 'no'} fils for a request of ${c.requestedAmountFils}`,
    };
  }
  if (approval.currencyCode !== undefined && approval.currencyCode !== c.currencyCode) {
    return { completionCode: 'commandErrorCode', errorCode: 'currencyMismatch', payload: moneyPayload(c), description: `terminal reported currency ${approval.currencyCode}, expected ${c.currencyCode}` };
  }
  return { completionCode: 'success', payload: moneyPayload(c) };
}

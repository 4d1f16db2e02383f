import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateMoney, type MoneyConversation } from './payment-evaluation.ts';
import type { ExchangeEnd } from './zvt-exchange.ts';
import { classifyLateMessage } from './late-messages.ts';
import { promptForIntermediateStatus } from './payment-prompts.ts';
import { maskPan, redactPans } from './transaction-record.ts';
import { amountField, byteField } from '../bmp.ts';

const approved = { resultCode: 0, amountFils: 1000, currencyCode: 48, traceNumber: 7, receiptNumber: 3 };
const base: MoneyConversation = { operation: 'authorisation', requestedAmountFils: 1000, currencyCode: 48, transactions: [], terminalReceipt: [], reachedTerminal: true, abortRequested: false };
const completed: ExchangeEnd = { kind: 'completed', message: { type: 'completion', fields: [] } };

describe('money outcome rules', () => {
  it.each<[string, Partial<MoneyConversation>, ExchangeEnd, string, string | undefined]>([
    ['approved for the requested amount', { transactions: [approved] }, completed, 'success', undefined],
    ['completion without status information', {}, completed, 'commandErrorCode', 'inDoubt'],
    ['approval for another amount', { transactions: [{ ...approved, amountFils: 999 }] }, completed, 'commandErrorCode', 'amountMismatch'],
    ['approval in another currency', { transactions: [{ ...approved, currencyCode: 978 }] }, completed, 'commandErrorCode', 'currencyMismatch'],
    ['two different approvals', { transactions: [approved, { ...approved, traceNumber: 8, receiptNumber: 4 }] }, completed, 'commandErrorCode', 'duplicateCompletion'],
    ['approval after we asked to abort', { transactions: [approved], abortRequested: true }, completed, 'commandErrorCode', 'lateApproval'],
    ['approved, then aborted', { transactions: [approved] }, { kind: 'aborted', resultCode: 0x6c }, 'commandErrorCode', 'inDoubt'],
    ['abort we asked for, confirmed', { abortRequested: true }, { kind: 'aborted', resultCode: 0x6c }, 'canceled', undefined],
    ['abort at the terminal (timeout/abort key)', {}, { kind: 'aborted', resultCode: 0x6c }, 'userError', 'abortedAtTerminal'],
    ['host decline', { transactions: [{ ...approved, resultCode: 5 }] }, { kind: 'aborted', resultCode: 5 }, 'commandErrorCode', 'declined'],
    ['refused with 84 9C (busy)', {}, { kind: 'rejected', errorCode: 0x9c }, 'deviceNotReady', 'terminalNotReady'],
    ['never sent', { reachedTerminal: false }, { kind: 'notSent' }, 'deviceNotReady', 'terminalNotReady'],
    ['NAKed every time', { reachedTerminal: false }, { kind: 'refused' }, 'hardwareError', 'linkError'],
    ['no acknowledgement', {}, { kind: 'noAcknowledge' }, 'timeOut', 'inDoubt'],
    ['T4 silence', {}, { kind: 'silence' }, 'timeOut', 'inDoubt'],
    ['link lost', { transactions: [approved] }, { kind: 'linkLost' }, 'timeOut', 'inDoubt'],
  ])('%s', (_name, conversation, end, completionCode, errorCode) => {
    const outcome = evaluateMoney({ ...base, ...conversation }, end);
    expect(outcome.completionCode).toBe(completionCode);
    expect('errorCode' in outcome ? outcome.errorCode : undefined).toBe(errorCode);
  });

  it('in doubt keeps every trace and receipt number seen', () => {
    const outcome = evaluateMoney({ ...base, transactions: [approved] }, { kind: 'silence' });
    expect(outcome.payload).toMatchObject({ transaction: approved, transactions: [approved], reachedTerminal: true });
  });

  it('property: success only ever comes with one approved status for exactly the requested amount and currency, no abort asked', () => {
    const record = fc.record({
      resultCode: fc.constantFrom(0, 5, 0x6c, 0x71),
      amountFils: fc.constantFrom(999, 1000, 1001),
      currencyCode: fc.constantFrom(48, 978),
      traceNumber: fc.integer({ min: 1, max: 5 }),
      receiptNumber: fc.integer({ min: 1, max: 5 }),
    });
    const end = fc.oneof(
      fc.constant<ExchangeEnd>(completed),
      fc.constantFrom<ExchangeEnd>({ kind: 'silence' }, { kind: 'linkLost' }, { kind: 'noAcknowledge' }, { kind: 'notSent' }, { kind: 'refused' }, { kind: 'stopped' }),
      fc.integer({ min: 1, max: 255 }).map<ExchangeEnd>((resultCode) => ({ kind: 'aborted', resultCode })),
      fc.integer({ min: 0, max: 255 }).map<ExchangeEnd>((errorCode) => ({ kind: 'rejected', errorCode })),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 3 }), fc.boolean(), end, (transactions, abortRequested, e) => {
        const outcome = evaluateMoney({ ...base, transactions, abortRequested }, e);
        if (outcome.completionCode === 'success') {
          const approvals = transactions.filter((t) => t.resultCode === 0);
          expect(e.kind).toBe('completed');
          expect(abortRequested).toBe(false);
          expect(approvals).toHaveLength(1);
          expect(approvals[0]).toMatchObject({ amountFils: 1000, currencyCode: 48 });
        }
        // An approval the kiosk did not get as success is always flagged for the payments layer.
        if (transactions.some((t) => t.resultCode === 0) && outcome.completionCode !== 'success') {
          expect(['inDoubt', 'amountMismatch', 'currencyMismatch', 'duplicateCompletion', 'lateApproval']).toContain('errorCode' in outcome ? outcome.errorCode : undefined);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('late messages (no command running)', () => {
  const statusInfo = (resultCode: number) => ({ type: 'statusInformation' as const, fields: [byteField(0x27, resultCode), amountField(1000)] });
  it('an approval after an in-doubt or cancelled payment is a lateApproval', () => {
    const last = { requestId: 'payment-9', ended: 'inDoubt' as const, completed: false, transactions: [] };
    expect(classifyLateMessage(statusInfo(0), last, 5)).toMatchObject({ kind: 'lateApproval', relatedRequestId: 'payment-9', at: 5 });
  });
  it('the same approval again after success is a duplicateCompletion; a second 06 0F too', () => {
    const last = { requestId: 'p', ended: 'approved' as const, completed: true, transactions: [{ resultCode: 0, amountFils: 1000 }] };
    expect(classifyLateMessage(statusInfo(0), last, 0)?.kind).toBe('duplicateCompletion');
    expect(classifyLateMessage({ type: 'completion', fields: [] }, last, 0)?.kind).toBe('duplicateCompletion');
  });
  it('prompts and print lines while idle need no attention', () => {
    expect(classifyLateMessage({ type: 'intermediateStatus', status: 0x0a, fields: [] }, undefined, 0)).toBeUndefined();
  });
});

describe('prompts and PAN hygiene', () => {
  it('maps PA00P015 table 17 codes to words-ready prompts', () => {
    expect([0x0a, 0x01, 0x0e, 0x0b, 0x4b, 0x55, 0x1d, 0x15, 0x00, 0x99].map(promptForIntermediateStatus)).toEqual([
      'insertCard',
      'enterPin',
      'pleaseWait',
      'removeCard',
      'removeCard',
      'removeCard',
      'declined',
      'incorrectPin',
      'confirmAmount',
      'pleaseWait',
    ]);
  });
  it('masks all but the last four digits, in records and in receipt text', () => {
    expect(maskPan('4111111111111111')).toBe('************1111');
    expect(redactPans('CARD 999999******0119')).toBe('CARD ************0119');
    expect(redactPans('PAN 4111 1111 1111 1111 EXP 12/29')).toBe('PAN ************1111 EXP 12/29');
    expect(redactPans('TRACE 000001  RCPT 0001')).toBe('TRACE 000001  RCPT 0001');
    expect(redactPans('AUTH CODE 123456')).toBe('AUTH CODE 123456');
  });
});

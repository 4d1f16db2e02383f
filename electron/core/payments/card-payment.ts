import type { JournalStore } from '../journal/journal-store.ts';
import { JournalUnavailableError } from '../journal/journal-errors.ts';
import type { Logger } from '../log/logger.ts';
import type { CardTransaction, PaymentTerminalPort, TerminalPrompt } from './payment-port.ts';

export interface ChargeRequest {
  amountFils: number;
  /** The service run's key; each attempt gets its own suffix in the journal. */
  idempotencyKey: string;
  attempt: number;
  sessionId: string;
  serviceId: string;
  cpr: string | null;
}

export type ChargeOutcome =
  | { kind: 'approved'; transaction: CardTransaction; intentId: number }
  | { kind: 'declined'; reason: 'declined' | 'insufficientFunds' | 'cardRemoved' | 'cardNotReadable' | 'other' }
  | { kind: 'canceled' }
  /** Confirmed with the terminal that nothing was charged: another attempt is safe. */
  | { kind: 'not-charged' }
  /** Nobody can say whether money was taken; start-up recovery resolves it. */
  | { kind: 'in-doubt'; intentId: number }
  | { kind: 'device-fault' }
  /** The journal cannot record the intent: no money may be taken. */
  | { kind: 'journal-down'; error: JournalUnavailableError };

export interface PaymentDeps {
  terminal: PaymentTerminalPort;
  journal: JournalStore;
  logger: Logger;
}

/**
 * One card charge with the journal around it: intent first (on disk before
 * the terminal is told anything), outcome after. An unanswered terminal is
 * never asked to authorise again blindly: we ask it what it did (status
 * enquiry / repeat receipt) and only a confirmed "nothing was charged"
 * allows another attempt.
 */
export async function chargeCard(deps: PaymentDeps, request: ChargeRequest, onPrompt: (prompt: TerminalPrompt) => void, signal: AbortSignal): Promise<ChargeOutcome> {
  const { journal, terminal, logger } = deps;
  let intentId: number;
  try {
    intentId = journal.recordIntent({
      action: 'authorise',
      sessionId: request.sessionId,
      serviceId: request.serviceId,
      idempotencyKey: `${request.idempotencyKey}:pay:${request.attempt}`,
      amountFils: request.amountFils,
      cpr: request.cpr,
      maskedPan: null,
      detail: { attempt: request.attempt },
    });
  } catch (error) {
    if (error instanceof JournalUnavailableError) return { kind: 'journal-down', error };
    throw error;
  }

  const result = await terminal.authorise(request.amountFils, onPrompt, signal);
  const record = (outcome: Parameters<JournalStore['recordOutcome']>[1], detail: Record<string, string | number | boolean | null> = {}) => journal.recordOutcome(intentId, outcome, detail);

  switch (result.kind) {
    case 'approved': {
      const tx = result.transaction;
      if (tx.amountFils !== request.amountFils) {
        // A completion for another amount is not our payment: give it back at once.
        logger.error({ expected: request.amountFils, got: tx.amountFils }, 'terminal approved a different amount; reversing');
        record('success', { receiptNo: tx.receiptNo, trace: tx.trace, amountMismatch: tx.amountFils });
        await reverseCharge(deps, { ...request, transaction: tx }, signal);
        return { kind: 'device-fault' };
      }
      record('success', { receiptNo: tx.receiptNo, trace: tx.trace, authCode: tx.authCode, maskedPan: tx.maskedPan });
      if (signal.aborted) {
        // The approval arrived after the citizen cancelled: they must not pay for a service they left.
        logger.warn({ service: request.serviceId, receiptNo: tx.receiptNo }, 'approval arrived after cancel; reversing');
        await reverseCharge(deps, { ...request, transaction: tx }, new AbortController().signal);
        return { kind: 'canceled' };
      }
      logger.info({ service: request.serviceId, amountFils: tx.amountFils, receiptNo: tx.receiptNo }, 'card payment approved');
      return { kind: 'approved', transaction: tx, intentId };
    }
    case 'declined':
      record('declined', { reason: result.reason, resultCode: result.resultCode });
      return { kind: 'declined', reason: result.reason };
    case 'canceled':
      record('canceled');
      return { kind: 'canceled' };
    case 'device-fault':
      record('failed', { why: 'device-fault' });
      return { kind: 'device-fault' };
    case 'in-doubt': {
      record('in-doubt', { trace: result.seen.trace ?? null });
      logger.warn({ service: request.serviceId }, 'card payment in doubt; asking the terminal');
      const last = await terminal.lastTransaction(new AbortController().signal);
      if (last.kind === 'found' && last.state === 'approved' && last.transaction.amountFils === request.amountFils && (!result.seen.trace || result.seen.trace === last.transaction.trace)) {
        const tx = last.transaction;
        record('success', { receiptNo: tx.receiptNo, trace: tx.trace, authCode: tx.authCode, maskedPan: tx.maskedPan, resolvedBy: 'status-enquiry' });
        return { kind: 'approved', transaction: tx, intentId };
      }
      if (last.kind === 'none' || (last.kind === 'found' && (last.state === 'reversed' || (result.seen.trace && last.transaction.trace !== result.seen.trace)))) {
        record('failed', { why: 'terminal confirms no charge' });
        return { kind: 'not-charged' };
      }
      return { kind: 'in-doubt', intentId };
    }
  }
}

/** Gives a charge back, journaled as its own intent and outcome. */
export async function reverseCharge(
  deps: PaymentDeps,
  request: Omit<ChargeRequest, 'attempt'> & { transaction: CardTransaction },
  signal: AbortSignal,
): Promise<'reversed' | 'failed' | 'in-doubt'> {
  const intentId = deps.journal.recordIntent({
    action: 'reversal',
    sessionId: request.sessionId,
    serviceId: request.serviceId,
    idempotencyKey: `${request.idempotencyKey}:reversal:${request.transaction.receiptNo}`,
    amountFils: request.transaction.amountFils,
    cpr: request.cpr,
    maskedPan: request.transaction.maskedPan,
    detail: { receiptNo: request.transaction.receiptNo },
  });
  const result = await deps.terminal.reverse(request.transaction.receiptNo, signal);
  const outcome = result.kind === 'reversed' ? 'success' : result.kind === 'failed' ? 'failed' : 'in-doubt';
  deps.journal.recordOutcome(intentId, outcome, result.kind === 'failed' ? { resultCode: result.resultCode } : {});
  deps.logger.warn({ service: request.serviceId, receiptNo: request.transaction.receiptNo, result: result.kind }, 'card payment reversal');
  return result.kind;
}

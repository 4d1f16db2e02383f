import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { citizenCpr, resolveValue } from '../flow-data.ts';
import { refused, whileOnStep, type StepFactory } from '../step-context.ts';
import type { ApplicationReceipt, GatewayFailure, PaymentProof } from '../flow-ports.ts';
import type { FlowData } from '../flow-data.ts';
import type { LocalizedText } from '../../../contract/index.ts';
import { reverseCharge } from '../../payments/card-payment.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/**
 * The irreversible submit. The run's idempotency key goes with it, so the
 * client's retries (and a recovery after a crash) can never make a second
 * application. Journaled: intent before, outcome after. Once started there
 * is no back or cancel: the citizen sees the outcome. When the citizen has
 * paid and the submit finally fails, we ask the gateway whether it arrived
 * after all; if it did not, the money goes back (reversal) and the citizen
 * is told so in plain words.
 */
export const submitStep: StepFactory<Step<'submit'>> = (ctx) => {
  const data: Record<string, string> = {};
  for (const ref of ctx.step.include) data[ref] = resolveValue(ref, ctx.data, ctx.service.feeFils);
  const key = ctx.data.idempotencyKey;
  const cpr = citizenCpr(ctx.data);
  let body: LocalizedText = FLOW_TEXT.submitting;
  ctx.commit();
  const intentId = ctx.journal.recordIntent({
    action: 'submit',
    sessionId: ctx.sessionId,
    serviceId: ctx.service.id,
    idempotencyKey: key,
    amountFils: ctx.data.payment ? ctx.service.feeFils : null,
    cpr: /^\d{9}$/.test(cpr) ? cpr : null,
    maskedPan: null,
    detail: { applicationType: ctx.step.applicationType },
  });
  const succeeded = (receipt: ApplicationReceipt) => {
    ctx.journal.recordOutcome(intentId, 'success', { reference: receipt.reference });
    ctx.data.application = receipt;
    ctx.logger.info({ service: ctx.service.id, reference: receipt.reference }, 'application submitted');
    ctx.advance();
  };
  const giveMoneyBack = () => {
    const payment = ctx.data.payment;
    if (!payment) {
      ctx.journal.recordOutcome(intentId, 'failed');
      return ctx.fail(FLOW_TEXT.gatewayDown);
    }
    if (payment.method === 'qr') {
      // QR refunds go through the payment gateway's own refund process; record it for the technician.
      ctx.journal.recordOutcome(intentId, 'failed', { refund: 'qr-refund-requested' });
      return ctx.fail(FLOW_TEXT.submitFailedRefund);
    }
    body = FLOW_TEXT.refunding;
    ctx.changed();
    whileOnStep(
      ctx,
      reverseCharge({ terminal: ctx.ports.terminal, journal: ctx.journal, logger: ctx.logger }, { amountFils: ctx.service.feeFils, idempotencyKey: key, sessionId: ctx.sessionId, serviceId: ctx.service.id, cpr: cpr || null, transaction: payment.transaction }, new AbortController().signal),
      (reversal) => {
        ctx.journal.recordOutcome(intentId, reversal === 'reversed' ? 'failed' : 'in-doubt', { reversal });
        ctx.fail(reversal === 'reversed' ? FLOW_TEXT.submitFailedRefund : FLOW_TEXT.submitFailedRefundPending);
      },
    );
  };
  whileOnStep(
    ctx,
    ctx.ports.gateway.submitApplication({ serviceId: ctx.service.id, applicationType: ctx.step.applicationType, cpr, data, idempotencyKey: key, sessionId: ctx.sessionId, payment: paymentProof(ctx.data, ctx.service.feeFils) }, ctx.signal),
    (result) => {
      if (result.ok) return succeeded(result.value);
      ctx.logger.warn({ service: ctx.service.id, failure: result.failure.kind, code: result.failure.code }, 'application not submitted');
      if (result.failure.kind === 'rejected') {
        ctx.journal.recordOutcome(intentId, 'failed', { rejected: result.failure.code ?? null });
        return ctx.data.payment ? giveMoneyBack() : ctx.fail(FLOW_TEXT.gatewayRejected);
      }
      // Timeout or unavailable: did it arrive anyway? The same key answers that without a second application.
      whileOnStep(ctx, ctx.ports.gateway.findSubmission(key, ctx.signal), (found) => {
        if (found.ok && found.value.found) return succeeded(found.value.receipt);
        if (found.ok) return giveMoneyBack();
        ctx.journal.recordOutcome(intentId, 'in-doubt', { why: result.failure.kind });
        ctx.fail(ctx.data.payment ? FLOW_TEXT.submitUnsurePaid : FLOW_TEXT.gatewayUnsure);
      });
    },
  );
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body }),
    submit: () => refused('busy'),
  };
};

function paymentProof(data: FlowData, feeFils: number): PaymentProof | null {
  const payment = data.payment;
  if (!payment) return null;
  return payment.method === 'card'
    ? { method: 'card', amountFils: payment.transaction.amountFils, transactionRef: payment.transaction.receiptNo }
    : { method: 'qr', amountFils: feeFils, transactionRef: payment.paymentId };
}

/** A read-only question to the gateway. Not irreversible: a failure just ends the service, in words. */
export const lookupStep: StepFactory<Step<'lookup'>> = (ctx) => {
  const value = (ref: string) => resolveValue(ref, ctx.data, ctx.service.feeFils);
  const query = ctx.step.query;
  const failed = (failure: GatewayFailure) =>
    ctx.fail(failure.kind === 'rejected' && failure.code === 'not-found' ? (query.call === 'application-status' ? FLOW_TEXT.notFound : FLOW_TEXT.addressUnknown) : FLOW_TEXT.gatewayDown);
  switch (query.call) {
    case 'application-status':
      whileOnStep(ctx, ctx.ports.gateway.applicationStatus(value(query.reference), ctx.signal), (result) => {
        if (!result.ok) return failed(result.failure);
        ctx.data.lookup = { ...result.value };
        ctx.advance();
      });
      break;
    case 'address':
      whileOnStep(ctx, ctx.ports.gateway.addressExists({ block: value(query.block), road: value(query.road), building: value(query.building) }, ctx.signal), (result) => {
        if (!result.ok) return failed(result.failure);
        if (!result.value.exists) return ctx.fail(FLOW_TEXT.addressUnknown);
        ctx.advance();
      });
      break;
    case 'registered-address':
      whileOnStep(ctx, ctx.ports.gateway.registeredAddress(ctx.data.card?.cpr ?? '', ctx.signal), (result) => {
        if (!result.ok) return failed(result.failure);
        const { block, road, building, flat } = result.value;
        ctx.data.lookup = { block, road, building, flat: flat ?? '' };
        ctx.advance();
      });
      break;
  }
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.lookingUp }),
    submit: () => refused('busy'),
  };
};

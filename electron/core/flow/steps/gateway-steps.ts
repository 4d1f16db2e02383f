import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { resolveValue } from '../flow-data.ts';
import { refused, whileOnStep, type StepFactory } from '../step-context.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/**
 * The irreversible submit. The run's idempotency key goes with it, so the
 * client's retries (and a recovery after a crash) can never make a second
 * application. Once started there is no back or cancel: the citizen sees
 * the outcome.
 */
export const submitStep: StepFactory<Step<'submit'>> = (ctx) => {
  const card = ctx.data.card;
  const data: Record<string, string> = {};
  for (const ref of ctx.step.include) data[ref] = resolveValue(ref, ctx.data, ctx.service.feeFils);
  ctx.commit();
  whileOnStep(
    ctx,
    ctx.ports.gateway.submitApplication(
      { serviceId: ctx.service.id, applicationType: ctx.step.applicationType, cpr: card?.cpr ?? '', data, idempotencyKey: ctx.data.idempotencyKey, sessionId: ctx.sessionId },
      ctx.signal,
    ),
    (result) => {
      if (result.ok) {
        ctx.data.application = result.value;
        ctx.logger.info({ service: ctx.service.id, reference: result.value.reference }, 'application submitted');
        return ctx.advance();
      }
      ctx.logger.warn({ service: ctx.service.id, failure: result.failure.kind, code: result.failure.code }, 'application not submitted');
      // A timeout leaves us unsure whether the back end got it; say so honestly.
      if (result.failure.kind === 'timeout') return ctx.fail(FLOW_TEXT.gatewayUnsure);
      if (result.failure.kind === 'rejected') return ctx.fail(FLOW_TEXT.gatewayRejected);
      return ctx.fail(FLOW_TEXT.gatewayDown);
    },
  );
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.submitting }),
    submit: () => refused('busy'),
  };
};

/** A read-only question to the gateway (application status). Not irreversible: a failure just ends the service. */
export const lookupStep: StepFactory<Step<'lookup'>> = (ctx) => {
  const reference = resolveValue(ctx.step.input, ctx.data, ctx.service.feeFils);
  whileOnStep(ctx, ctx.ports.gateway.applicationStatus(reference, ctx.signal), (result) => {
    if (result.ok) {
      ctx.data.lookup = result.value;
      return ctx.advance();
    }
    if (result.failure.kind === 'rejected' && result.failure.code === 'not-found') return ctx.fail(FLOW_TEXT.notFound);
    return ctx.fail(FLOW_TEXT.gatewayDown);
  });
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.lookingUp }),
    submit: () => refused('busy'),
  };
};

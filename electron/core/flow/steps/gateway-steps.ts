import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { citizenCpr, resolveValue } from '../flow-data.ts';
import { refused, whileOnStep, type StepFactory } from '../step-context.ts';
import type { GatewayFailure } from '../flow-ports.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/**
 * The irreversible submit. The run's idempotency key goes with it, so the
 * client's retries (and a recovery after a crash) can never make a second
 * application. Once started there is no back or cancel: the citizen sees
 * the outcome.
 */
export const submitStep: StepFactory<Step<'submit'>> = (ctx) => {
  const data: Record<string, string> = {};
  for (const ref of ctx.step.include) data[ref] = resolveValue(ref, ctx.data, ctx.service.feeFils);
  ctx.commit();
  whileOnStep(
    ctx,
    ctx.ports.gateway.submitApplication(
      { serviceId: ctx.service.id, applicationType: ctx.step.applicationType, cpr: citizenCpr(ctx.data), data, idempotencyKey: ctx.data.idempotencyKey, sessionId: ctx.sessionId },
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

import { toLatinDigits, type LocalizedText } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { citizenCpr, resolveValue } from '../flow-data.ts';
import { ok, refused, whileOnStep, type StepFactory } from '../step-context.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/**
 * Fingerprint matched against the card's own reference. Never the only way:
 * the alternative is always on screen, and repeated failures lead to it.
 */
export const fingerprintStep: StepFactory<Step<'fingerprint'>> = (ctx) => {
  let attemptsLeft = ctx.step.maxAttempts;
  let phase: 'place' | 'scanning' = 'place';
  let error: LocalizedText | undefined;
  const reference = ctx.ports.card.fingerprintReference();
  const scan = () => {
    if (!reference) return ctx.advance(ctx.step.alternative);
    phase = 'scanning';
    whileOnStep(ctx, ctx.ports.fingerprint.captureAndMatch(reference, ctx.signal), (result) => {
      phase = 'place';
      if (result.kind === 'match') {
        ctx.data.fingerprintMatched = true;
        return ctx.advance();
      }
      if (result.kind === 'device-fault') {
        ctx.logger.warn({ service: ctx.service.id }, 'fingerprint reader fault; offering the alternative');
        error = FLOW_TEXT.fingerprintUnavailable;
        attemptsLeft = 0;
        return;
      }
      attemptsLeft -= 1;
      error = result.kind === 'poor-quality' ? FLOW_TEXT.fingerprintPoor : result.kind === 'removed' ? FLOW_TEXT.fingerprintRemoved : FLOW_TEXT.fingerprintNoMatch;
      if (attemptsLeft <= 0) return ctx.advance(ctx.step.alternative);
      scan();
    });
  };
  scan();
  return {
    view: () => ({
      kind: 'fingerprint',
      stepId: ctx.step.id,
      phase,
      attemptsLeft,
      alternativeLabel: FLOW_TEXT.fingerprintAlternative,
      ...(error ? { error } : {}),
    }),
    submit: (values) => {
      if (values.alternative === true) {
        ctx.advance(ctx.step.alternative);
        return ok;
      }
      if (values.retry === true && attemptsLeft > 0 && phase === 'place') {
        scan();
        return ok;
      }
      return refused('nothing to submit');
    },
  };
};

const OTP_LENGTH = 6;

/**
 * A one-time code sent by SMS through the gateway: to the mobile number the
 * citizen gave, or (no `mobile` in the service file) to the number on record.
 * The verified code's id stays in the run for the eKey change that quotes it.
 */
export const otpStep: StepFactory<Step<'otp'>> = (ctx) => {
  const mobile = ctx.step.mobile ? resolveValue(ctx.step.mobile, ctx.data, ctx.service.feeFils) : null;
  let sentTo = mobile ? `••••${mobile.slice(-4)}` : '••••';
  let otpId: string | null = null;
  let attemptsLeft = 3;
  let busy: LocalizedText | null = FLOW_TEXT.sendingCode;
  let error: LocalizedText | undefined;
  let expired = false;
  const send = () => {
    busy = FLOW_TEXT.sendingCode;
    const cpr = citizenCpr(ctx.data);
    whileOnStep(ctx, ctx.ports.gateway.sendOtp({ cpr, mobile, sessionId: ctx.sessionId, ...(ctx.step.purpose ? { purpose: ctx.step.purpose } : {}) }, ctx.signal), (result) => {
      busy = null;
      if (!result.ok) {
        ctx.logger.warn({ service: ctx.service.id, failure: result.failure.kind, code: result.failure.code ?? null }, 'verification code not sent');
        return ctx.fail(result.failure.code === 'otp-rate-limited' ? FLOW_TEXT.otpRateLimited : FLOW_TEXT.otpNotSent);
      }
      otpId = result.value.otpId;
      if (!mobile && result.value.maskedMobile) sentTo = `••••${result.value.maskedMobile.slice(-4)}`;
      expired = false;
      error = undefined;
    });
  };
  send();
  return {
    view: () =>
      busy
        ? { kind: 'busy', stepId: ctx.step.id, body: busy }
        : {
            kind: 'otp',
            stepId: ctx.step.id,
            sentTo,
            length: OTP_LENGTH,
            attemptsLeft,
            canResend: expired,
            ...(error ? { error } : {}),
          },
    submit: (values) => {
      if (busy || !otpId) return refused('busy');
      if (values.resend === true) {
        if (!expired) return refused('the code has not expired');
        send();
        return ok;
      }
      const code = typeof values.code === 'string' ? toLatinDigits(values.code).trim() : '';
      if (!/^\d{4,8}$/.test(code)) {
        error = FLOW_TEXT.otpWrong;
        return ok;
      }
      busy = FLOW_TEXT.checking;
      whileOnStep(ctx, ctx.ports.gateway.verifyOtp({ otpId, code }, ctx.signal), (result) => {
        busy = null;
        if (!result.ok) return ctx.fail(FLOW_TEXT.gatewayDown);
        if (result.value.verified) {
          ctx.data.otpId = otpId;
          return ctx.advance();
        }
        if (result.value.expired) {
          expired = true;
          error = FLOW_TEXT.otpExpired;
          return;
        }
        attemptsLeft = result.value.attemptsLeft;
        error = FLOW_TEXT.otpWrong;
        if (attemptsLeft <= 0) ctx.fail(FLOW_TEXT.otpTooMany);
      });
      return ok;
    },
  };
};

import type { LocalizedText, PasswordRules, PasswordViolationCode } from '../../../contract/index.ts';
import { PasswordViolationCodeSchema } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { passwordViolations } from '../../gateway/password-policy-check.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { citizenCpr, resolveValue } from '../flow-data.ts';
import type { EkeyAccount, EkeyChange, GatewayFailure } from '../flow-ports.ts';
import { ok, refused, whileOnStep, type StepContext, type StepFactory } from '../step-context.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/**
 * Choosing the eKey password. The rules come from the gateway (its published
 * policy) and the page ticks them off as the citizen types; here the core
 * judges them again, plus what only it knows (the CPR and names on the
 * card). An accepted password is held in the run's secrets until the next
 * eKey step sends it, and is never logged, journaled or put in a view.
 */
export const passwordStep: StepFactory<Step<'password'>> = (ctx) => {
  let rules: PasswordRules | null = null;
  let violations: PasswordViolationCode[] = ctx.data.passwordVerdict?.violations ?? [];
  let error: LocalizedText | undefined = ctx.data.passwordVerdict ? (violations.includes('reused') ? FLOW_TEXT.passwordReused : FLOW_TEXT.passwordBreaksRules) : undefined;
  // The verdict is shown once, on this visit; a new password is judged afresh.
  ctx.data.passwordVerdict = null;
  ctx.data.secrets.password = null;
  whileOnStep(ctx, ctx.ports.gateway.ekeyPasswordPolicy(ctx.signal), (result) => {
    if (!result.ok) return ctx.fail(FLOW_TEXT.gatewayDown);
    rules = result.value;
  });
  return {
    view: () =>
      rules
        ? { kind: 'password', stepId: ctx.step.id, rules, ...(violations.length ? { violations } : {}), ...(error ? { error } : {}) }
        : { kind: 'busy', stepId: ctx.step.id, body: FLOW_TEXT.loadingRules },
    submit: (values) => {
      if (!rules) return refused('the rules are still loading');
      const password = typeof values.password === 'string' ? values.password : '';
      const confirm = typeof values.confirm === 'string' ? values.confirm : '';
      if (password !== confirm) {
        violations = ['mismatch'];
        error = FLOW_TEXT.passwordMismatch;
        return ok;
      }
      const card = ctx.data.card;
      const found = passwordViolations(password, rules, { cpr: citizenCpr(ctx.data), names: card ? [card.nameAr, card.nameEn] : [] });
      if (found.length > 0) {
        violations = found;
        error = FLOW_TEXT.passwordBreaksRules;
        ctx.logger.info({ service: ctx.service.id, violations: found }, 'password refused by the policy');
        return ok;
      }
      ctx.data.secrets.password = password;
      ctx.advance();
      return ok;
    },
  };
};

/** What the citizen is told when the account is not in the state a service needs (or the gateway refuses a change). */
const REFUSALS: Record<string, LocalizedText> = {
  'already-registered': FLOW_TEXT.ekeyAlreadyRegistered,
  'not-registered': FLOW_TEXT.ekeyNotRegistered,
  'account-locked': FLOW_TEXT.ekeyLocked,
  'not-locked': FLOW_TEXT.ekeyNotLocked,
  'already-advanced': FLOW_TEXT.ekeyAlreadyAdvanced,
  'under-age': FLOW_TEXT.ekeyUnderAge,
  'fingerprint-not-verified': FLOW_TEXT.ekeyNeedsFingerprint,
  'otp-not-verified': FLOW_TEXT.ekeyCodeInvalid,
};

/** Why an account does not meet `require`, as a refusal code; null when it does. */
export function accountMismatch(account: EkeyAccount, require: NonNullable<Step<'ekey'>['require']>): string | null {
  const registered = account.status !== 'not-registered';
  switch (require) {
    case 'any':
      return null;
    case 'not-registered':
      return registered ? 'already-registered' : null;
    case 'registered':
      return registered ? null : 'not-registered';
    case 'locked':
      return !registered ? 'not-registered' : account.status === 'locked' ? null : 'not-locked';
    case 'active-basic':
      if (!registered) return 'not-registered';
      if (account.status === 'locked') return 'account-locked';
      return account.level === 'advanced' ? 'already-advanced' : null;
  }
}

/**
 * eKey at the gateway: read the account (`check`), or change it (register,
 * upgrade, reset the password, unlock). A change is journaled — intent
 * before, outcome after, never the password — and each try has its own
 * idempotency key, so a corrected password is a new request and a retry of
 * the same one is not a second change.
 */
export const ekeyStep: StepFactory<Step<'ekey'>> = (ctx) => {
  const cpr = citizenCpr(ctx.data);
  const body = ctx.step.action === 'check' ? FLOW_TEXT.ekeyChecking : FLOW_TEXT.ekeyWorking;
  if (ctx.step.action === 'check') check(ctx, cpr);
  else change(ctx, cpr);
  return {
    view: () => ({ kind: 'busy', stepId: ctx.step.id, body }),
    submit: () => refused('the kiosk is working'),
  };
};

function check(ctx: StepContext<Step<'ekey'>>, cpr: string): void {
  whileOnStep(ctx, ctx.ports.gateway.ekeyAccount(cpr, ctx.signal), (result) => {
    if (!result.ok) return ctx.fail(FLOW_TEXT.gatewayDown);
    ctx.data.ekey = result.value;
    const mismatch = accountMismatch(result.value, ctx.step.require ?? 'any');
    if (mismatch) {
      ctx.logger.info({ service: ctx.service.id, refusal: mismatch }, 'eKey not in the state this service needs');
      return ctx.fail(REFUSALS[mismatch] ?? FLOW_TEXT.gatewayRejected);
    }
    ctx.advance();
  });
}

function change(ctx: StepContext<Step<'ekey'>>, cpr: string): void {
  const action = ctx.step.action as Exclude<Step<'ekey'>['action'], 'check'>;
  // Take the password out of the run at once: whatever happens next, it is not kept.
  const password = ctx.data.secrets.password ?? '';
  ctx.data.secrets.password = null;
  const otpId = ctx.data.otpId ?? '';
  const request: EkeyChange =
    action === 'register'
      ? { action, mobile: ctx.step.mobile ? resolveValue(ctx.step.mobile, ctx.data, 0) : '', otpId, password }
      : action === 'upgrade'
        ? { action, fingerprintVerified: ctx.data.fingerprintMatched, cardSerial: ctx.data.card?.cardSerial ?? '' }
        : action === 'reset-password'
          ? { action, otpId, password }
          : { action, otpId };
  const attempt = (ctx.data.attempts[ctx.step.id] ?? 0) + 1;
  ctx.data.attempts[ctx.step.id] = attempt;
  const idempotencyKey = `${ctx.data.idempotencyKey}:ekey-${action}:${attempt}`;
  ctx.commit();
  const intentId = ctx.journal.recordIntent({
    action: 'ekey',
    sessionId: ctx.sessionId,
    serviceId: ctx.service.id,
    idempotencyKey,
    amountFils: null,
    cpr: /^\d{9}$/.test(cpr) ? cpr : null,
    maskedPan: null,
    detail: { change: action, attempt },
  });
  whileOnStep(ctx, ctx.ports.gateway.changeEkey({ ...request, cpr, sessionId: ctx.sessionId, idempotencyKey }, ctx.signal), (result) => {
    if (result.ok) {
      ctx.journal.recordOutcome(intentId, 'success', { level: result.value.level, status: result.value.status });
      ctx.data.ekey = result.value;
      ctx.logger.info({ service: ctx.service.id, change: action, level: result.value.level }, 'eKey changed');
      return ctx.advance();
    }
    refusedChange(ctx, intentId, result.failure);
  });
}

function refusedChange(ctx: StepContext<Step<'ekey'>>, intentId: number, failure: GatewayFailure): void {
  const code = failure.code ?? failure.kind;
  if (failure.kind === 'timeout') {
    // The change may or may not have happened; the citizen can see which with "eKey status".
    ctx.journal.recordOutcome(intentId, 'resolved', { why: 'timeout', citizenCase: 'eKey change unconfirmed' });
    return ctx.fail(FLOW_TEXT.ekeyUnsure);
  }
  ctx.journal.recordOutcome(intentId, 'failed', { why: code });
  ctx.logger.info({ service: ctx.service.id, change: ctx.step.action, refusal: code }, 'eKey change refused');
  if ((code === 'password-policy' || code === 'password-reused') && ctx.step.passwordStep) {
    const violations = (failure.violations ?? []).flatMap((v) => {
      const parsed = PasswordViolationCodeSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
    ctx.data.passwordVerdict = { violations: violations.length ? violations : code === 'password-reused' ? ['reused'] : [] };
    return ctx.advance(ctx.step.passwordStep);
  }
  if (failure.kind !== 'rejected') return ctx.fail(FLOW_TEXT.gatewayDown);
  ctx.fail(REFUSALS[code] ?? FLOW_TEXT.gatewayRejected);
}

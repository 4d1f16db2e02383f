import type { FictionalPerson } from '../../people/fictional-people.ts';
import { maskMobile, ok, problem } from '../problems.ts';
import { PASSWORD_POLICY, policyViolations } from '../password-policy.ts';
import { ageOn, MINIMUM_AGE_ADVANCED_EKEY } from '../service-rules.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { isPerson, personOr404 } from './citizen-handlers.ts';
import type { Handler, HandlerAnswer } from './handler-types.ts';

/**
 * eKey: status and level, basic registration, upgrade to advanced, password
 * reset, unlock, and the portal's login (which is how accounts get locked).
 * Every rule is checked before the OTP is used up, so a refused password
 * can be corrected without a new SMS.
 */
function accountView(state: SimulatorState, cpr: string) {
  const account = state.ekey.get(cpr);
  if (!account) return { status: 'not-registered', level: null, maskedMobile: null };
  return { status: account.status, level: account.level, maskedMobile: maskMobile(account.mobile) };
}

const personalFacts = (person: FictionalPerson) => ({ cpr: person.cpr, names: [person.nameEn, person.nameAr] });

/** A policy refusal, or null when the password is acceptable. */
function passwordProblem(state: SimulatorState, person: FictionalPerson, password: string, checkHistory: boolean): HandlerAnswer | null {
  const violations = policyViolations(password, personalFacts(person));
  if (violations.length > 0) return problem(422, 'password-policy', { violations });
  if (checkHistory && state.ekey.isRecent(person.cpr, password)) return problem(422, 'password-reused', { violations: ['reused'] });
  return null;
}

export const ekeyHandlers: Record<string, Handler> = {
  getEkeyPasswordPolicy: () => ok({ ...PASSWORD_POLICY }),

  getEkeyAccount: ({ state, pathParams }) => {
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    return ok(accountView(state, person.cpr));
  },

  registerEkey: ({ state, body, now }) => {
    const input = body as { cpr: string; mobile: string; otpId: string; password: string };
    const person = personOr404(state, input.cpr);
    if (!isPerson(person)) return person;
    if (state.ekey.get(person.cpr)) return problem(409, 'already-registered');
    const otp = { cpr: person.cpr, purpose: 'ekey-register' as const, mobile: input.mobile };
    if (!state.otp.usable(input.otpId, otp, now)) return problem(403, 'otp-not-verified');
    const refused = passwordProblem(state, person, input.password, false);
    if (refused) return refused;
    state.otp.consume(input.otpId, otp, now);
    state.ekey.register({ cpr: person.cpr, mobile: input.mobile, password: input.password });
    return ok(accountView(state, person.cpr), 201);
  },

  upgradeEkey: ({ state, pathParams, body, now }) => {
    const input = body as { fingerprintVerified: boolean; cardSerial: string };
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    // Age first: a minor hears the real reason, whatever else is the matter.
    if (ageOn(person.dateOfBirth, now) < MINIMUM_AGE_ADVANCED_EKEY) return problem(422, 'under-age');
    const account = state.ekey.get(person.cpr);
    if (!account) return problem(409, 'not-registered');
    if (account.status === 'locked') return problem(423, 'account-locked');
    if (account.level === 'advanced') return problem(409, 'already-advanced');
    if (!input.fingerprintVerified) return problem(422, 'fingerprint-not-verified');
    state.ekey.upgrade(person.cpr);
    return ok(accountView(state, person.cpr));
  },

  resetEkeyPassword: ({ state, pathParams, body, now }) => {
    const input = body as { otpId: string; newPassword: string };
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    if (!state.ekey.get(person.cpr)) return problem(409, 'not-registered');
    const otp = { cpr: person.cpr, purpose: 'ekey-reset' as const };
    if (!state.otp.usable(input.otpId, otp, now)) return problem(403, 'otp-not-verified');
    const refused = passwordProblem(state, person, input.newPassword, true);
    if (refused) return refused;
    state.otp.consume(input.otpId, otp, now);
    state.ekey.setPassword(person.cpr, input.newPassword);
    return ok(accountView(state, person.cpr));
  },

  unlockEkey: ({ state, pathParams, body, now }) => {
    const input = body as { otpId: string };
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    const account = state.ekey.get(person.cpr);
    if (!account) return problem(409, 'not-registered');
    if (account.status !== 'locked') return problem(409, 'not-locked');
    const otp = { cpr: person.cpr, purpose: 'ekey-unlock' as const };
    if (!state.otp.consume(input.otpId, otp, now)) return problem(403, 'otp-not-verified');
    state.ekey.unlock(person.cpr);
    return ok(accountView(state, person.cpr));
  },

  ekeyLogin: ({ state, pathParams, body }) => {
    const person = personOr404(state, pathParams.cpr!);
    if (!isPerson(person)) return person;
    if (!state.ekey.get(person.cpr)) return problem(404, 'not-found');
    const result = state.ekey.login(person.cpr, (body as { password: string }).password);
    if (result.kind === 'ok') return ok({ authenticated: true });
    if (result.kind === 'locked') return problem(423, 'account-locked');
    return problem(401, 'invalid-credentials', { attemptsLeft: result.attemptsLeft });
  },
};

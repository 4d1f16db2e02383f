import { maskMobile, ok, problem } from '../problems.ts';
import { OTP_TTL_MS, type OtpPurpose } from '../otp-service.ts';
import { isPerson, personOr404 } from './citizen-handlers.ts';
import type { Handler } from './handler-types.ts';

/** OTP send and verify. Neither is idempotent: the kiosk never retries them. */
export const otpHandlers: Record<string, Handler> = {
  sendOtp: ({ state, body, now }) => {
    const input = body as { cpr: string; mobile: string | null; purpose: OtpPurpose };
    const person = personOr404(state, input.cpr);
    if (!isPerson(person)) return person;
    // Without a number, the code goes to the one on record (the eKey's, else the citizen's).
    const mobile = input.mobile ?? state.ekey.get(person.cpr)?.mobile ?? person.mobile;
    const sent = state.otp.send({ cpr: person.cpr, mobile, purpose: input.purpose }, now);
    if (!sent.ok) return problem(429, 'otp-rate-limited', { retryAfterSeconds: sent.retryAfterSeconds });
    return ok({ otpId: sent.record.otpId, expiresInSeconds: OTP_TTL_MS / 1000, maskedMobile: maskMobile(mobile), sendsLeft: sent.sendsLeft }, 201);
  },

  verifyOtp: ({ state, pathParams, body, now }) => {
    const verdict = state.otp.verify(pathParams.otpId!, (body as { code: string }).code, now);
    return verdict ? ok(verdict) : problem(404, 'not-found');
  },
};

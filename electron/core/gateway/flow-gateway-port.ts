import type { Clock } from '../clock/clock.ts';
import type { ApplicationReceipt, GatewayFailure, GatewayPort, GatewayResult as PortResult } from '../flow/flow-ports.ts';
import type { GatewayClient } from './gateway-client.ts';
import type { GatewayResult } from './gateway-error.ts';

/**
 * The gateway client behind the flow runtime's GatewayPort: the runtime's
 * words in, the contract's calls out, failures narrowed to {kind, code}.
 *
 * The port is older than parts of the contract, so three things are filled
 * in here until the port carries them (see docs/gateway.md, "wiring"):
 *  - a session id for the calls the port gives none (status, OTP verify,
 *    recovery look-ups): NO_SESSION, so the gateway can tell them apart;
 *  - the proof of payment on submit: taken from `input.payment` when the
 *    runtime passes it, else null (the gateway then refuses a fee-bearing
 *    service with `payment-required` — never a silent free service);
 *  - the OTP purpose: `input.purpose` when passed, else 'identity-check'.
 */
export const NO_SESSION = 'kiosk-no-session';

export interface PaymentProof {
  method: 'card' | 'qr';
  amountFils: number;
  transactionRef: string;
}

type SubmitInput = Parameters<GatewayPort['submitApplication']>[0] & { payment?: PaymentProof | null };
type OtpInput = Parameters<GatewayPort['sendOtp']>[0];
type QrInput = Parameters<GatewayPort['createQrPayment']>[0] & { serviceId?: string; description?: string };

const narrow = (failure: { kind: GatewayFailure['kind']; code?: string; problem?: { violations?: string[] } }): GatewayFailure => ({
  kind: failure.kind,
  ...(failure.code === undefined ? {} : { code: failure.code }),
  // A refused password says which rules it broke; nothing else of the problem document reaches the flow.
  ...(failure.problem?.violations ? { violations: failure.problem.violations } : {}),
});

/** Maps a client result onto the port's, transforming the value. */
async function map<T, U>(result: Promise<GatewayResult<T>>, to: (value: T) => U): Promise<PortResult<U>> {
  const r = await result;
  return r.ok ? { ok: true, value: to(r.value) } : { ok: false, failure: narrow(r.failure) };
}

export function createFlowGatewayPort(deps: { client: GatewayClient; clock: Clock }): GatewayPort {
  const { client, clock } = deps;
  const receipt = (a: { reference: string; status: string }): ApplicationReceipt => ({ reference: a.reference, status: a.status });
  return {
    submitApplication: (input: SubmitInput, signal) =>
      map(
        client.submitApplication(
          {
            sessionId: input.sessionId,
            idempotencyKey: input.idempotencyKey,
            serviceId: input.serviceId,
            applicationType: input.applicationType,
            cpr: input.cpr,
            data: input.data,
            payment: input.payment ?? null,
          },
          { signal },
        ),
        (created) => receipt(created.value),
      ),
    applicationStatus: (reference, signal) =>
      map(client.getApplicationStatus({ sessionId: NO_SESSION, reference }, { signal }), (s) => ({ reference: s.reference, status: s.status, updatedAt: s.updatedAt })),
    addressExists: (address, signal) => map(client.lookupAddress({ sessionId: NO_SESSION, ...address }, { signal }), (found) => ({ exists: found.matches.length > 0 })),
    registeredAddress: (cpr, signal) => map(client.getCitizen({ sessionId: NO_SESSION, cpr }, { signal }), (citizen) => ({ ...citizen.address })),
    sendOtp: (input: OtpInput, signal) =>
      map(client.sendOtp({ sessionId: input.sessionId, cpr: input.cpr, mobile: input.mobile, purpose: input.purpose ?? 'identity-check' }, { signal }), (sent) => ({
        otpId: sent.otpId,
        expiresInSeconds: sent.expiresInSeconds,
        maskedMobile: sent.maskedMobile,
      })),
    verifyOtp: (input, signal) => map(client.verifyOtp({ sessionId: NO_SESSION, otpId: input.otpId, code: input.code }, { signal }), (v) => ({ ...v })),
    findSubmission: (idempotencyKey, signal) =>
      map(client.findSubmission({ sessionId: NO_SESSION, idempotencyKey }, { signal }), (found) => (found.found ? { found: true as const, receipt: receipt(found.value) } : { found: false as const })),
    createQrPayment: (input: QrInput, signal) =>
      map(
        client.createQrPayment(
          {
            sessionId: input.sessionId,
            idempotencyKey: input.idempotencyKey,
            serviceId: input.serviceId ?? 'kiosk-payment',
            amountFils: input.amountFils,
            description: input.description ?? 'Khidma kiosk payment',
          },
          { signal },
        ),
        (created) => ({
          paymentId: created.value.paymentId,
          qrPayload: created.value.qrPayload,
          // The gateway says when; the port wants how long from now, on our clock.
          expiresInSeconds: Math.max(0, Math.floor((Date.parse(created.value.expiresAt) - clock.now()) / 1000)),
        }),
      ),
    qrPaymentStatus: (paymentId, signal) => map(client.getQrPayment({ sessionId: NO_SESSION, paymentId }, { signal }), (p) => ({ status: p.status, reference: p.transactionRef })),
    sendSmsReceipt: (input, signal) =>
      map(
        client.sendSmsReceipt(
          // One SMS per receipt reference: a retry never texts the citizen twice.
          { sessionId: input.sessionId, idempotencyKey: `${input.sessionId}:sms:${input.reference}`, ...input.to, language: input.language, reference: input.reference, text: input.text },
          { signal },
        ),
        () => null,
      ),
    // The rules as the page and the flow use them; the history size stays the gateway's business.
    ekeyPasswordPolicy: (signal) => map(client.getEkeyPasswordPolicy({ sessionId: NO_SESSION }, { signal }), ({ historySize: _historySize, ...rules }) => rules),
    ekeyAccount: (cpr, signal) => map(client.getEkeyAccount({ sessionId: NO_SESSION, cpr }, { signal }), (a) => ({ ...a })),
    changeEkey: (input, signal) => {
      const keyed = { sessionId: input.sessionId, idempotencyKey: input.idempotencyKey, cpr: input.cpr };
      const options = { signal };
      switch (input.action) {
        case 'register':
          return map(client.registerEkey({ ...keyed, mobile: input.mobile, otpId: input.otpId, password: input.password }, options), (created) => ({ ...created.value }));
        case 'upgrade':
          return map(client.upgradeEkey({ ...keyed, fingerprintVerified: input.fingerprintVerified, cardSerial: input.cardSerial }, options), (a) => ({ ...a }));
        case 'reset-password':
          return map(client.resetEkeyPassword({ ...keyed, otpId: input.otpId, newPassword: input.password }, options), (a) => ({ ...a }));
        case 'unlock':
          return map(client.unlockEkey({ ...keyed, otpId: input.otpId }, options), (a) => ({ ...a }));
      }
    },
    submitRating: (input, signal) =>
      map(
        client.submitRating(
          // One rating per session and service: a retry or a double tap is the same rating.
          { sessionId: input.sessionId, idempotencyKey: `${input.sessionId}:rating:${input.serviceId}`, serviceId: input.serviceId, score: input.score, reason: input.reason, applicationReference: null },
          { signal },
        ),
        () => null,
      ),
  };
}

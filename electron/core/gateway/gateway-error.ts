import type { Problem } from './problem.ts';

/**
 * Every way a gateway call can fail, in five words the flow runtime can act on:
 *
 *  - timeout           no answer in time. For a submit this means "we do not know
 *                      whether it arrived": the journal treats it as in doubt and
 *                      asks again by idempotency key. A call the caller aborted
 *                      (cancel, idle wipe) is reported the same way, code 'aborted',
 *                      because its outcome is just as unknown.
 *  - unavailable       the gateway could not be reached or said it failed (5xx).
 *  - circuit-open      not even tried: the gateway failed too often just now.
 *  - invalid-response  it answered, but not in the contract's shape. Never passed on.
 *  - rejected          it answered with a problem document: a business refusal
 *                      (not eligible, already registered, rate limited…). `code`
 *                      says which; `problem` has the details (attempts left…).
 *
 * `message` is for logs and technicians, never personal, never shown to citizens.
 */
export type GatewayError =
  | { kind: 'timeout'; code?: 'aborted'; message: string }
  | { kind: 'unavailable'; code?: string; status?: number; message: string }
  | { kind: 'circuit-open'; message: string }
  | { kind: 'invalid-response'; status?: number; message: string }
  | { kind: 'rejected'; code: string; status: number; message: string; problem: Problem };

export type GatewayErrorKind = GatewayError['kind'];

export type GatewayResult<T> = { ok: true; value: T } | { ok: false; failure: GatewayError };

export const success = <T>(value: T): GatewayResult<T> => ({ ok: true, value });
export const failure = <T>(error: GatewayError): GatewayResult<T> => ({ ok: false, failure: error });

/** Failures that say something about the gateway's health (a refusal does not: the gateway is working). */
export function countsAgainstGateway(error: GatewayError): boolean {
  if (error.kind === 'timeout') return error.code !== 'aborted';
  return error.kind === 'unavailable' || error.kind === 'invalid-response';
}

/** Failures worth another attempt on an idempotent call. A broken answer will be just as broken next time. */
export function isRetryable(error: GatewayError): boolean {
  return (error.kind === 'timeout' && error.code !== 'aborted') || error.kind === 'unavailable';
}

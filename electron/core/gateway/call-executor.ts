import type { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import { backoffDelay, type BackoffPolicy, type Sleep } from './backoff.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { countsAgainstGateway, failure, isRetryable, success, type GatewayError, type GatewayResult } from './gateway-error.ts';
import { ResponseTooLargeError, type HttpResponse, type HttpTransport } from './http-transport.ts';
import { expandPath, isIdempotent, type OperationSpec } from './operations.ts';
import { ProblemSchema } from './problem.ts';

/**
 * Runs one gateway operation: headers, per-attempt timeout on the injected
 * clock, retries with backoff for idempotent operations only, the circuit
 * breaker, and the mapping of everything that can go wrong onto GatewayError.
 * An answer is passed on only after its schema accepted it.
 *
 * Logging: operation id, attempt, status, outcome, durations and ids only.
 * Never the URL (it can hold a CPR), never a body (it holds personal data).
 */
export interface ExecutorDeps {
  baseUrl: string;
  kioskId: string;
  timeoutMs: number;
  retries: number;
  transport: HttpTransport;
  breaker: CircuitBreaker;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  backoff: BackoffPolicy;
  random: () => number;
  newRequestId: () => string;
}

export interface CallRequest {
  sessionId: string;
  pathParams?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string | null | undefined>>;
  body?: unknown;
  idempotencyKey?: string;
  /** Aborted by the caller (cancel, idle wipe): no more attempts. */
  signal?: AbortSignal;
  /** This call's per-attempt timeout, instead of the configured default. */
  timeoutMs?: number;
}

export interface CallSuccess<T> {
  value: T;
  status: number;
  /** The gateway answered a repeat of an idempotent create with the original result. */
  replayed: boolean;
}

export type CallExecutor = <S extends z.ZodType>(spec: OperationSpec<S>, request: CallRequest) => Promise<GatewayResult<CallSuccess<z.infer<S>>>>;

type AttemptOutcome<T> = { ok: true; value: CallSuccess<T> } | { ok: false; error: GatewayError };

/** Marks an abort as ours (the attempt's timeout) rather than the caller's. */
class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

export function createCallExecutor(deps: ExecutorDeps): CallExecutor {
  const log = deps.logger;
  const base = deps.baseUrl.replace(/\/+$/, '');

  const buildUrl = (spec: OperationSpec, request: CallRequest): string => {
    const url = base + expandPath(spec.path, request.pathParams ?? {});
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined && value !== null) query.set(name, value);
    const qs = query.toString();
    return qs ? `${url}?${qs}` : url;
  };

  const buildHeaders = (spec: OperationSpec, request: CallRequest, requestId: string): Record<string, string> => {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'x-kiosk-id': deps.kioskId,
      'x-session-id': request.sessionId,
      'x-request-id': requestId,
    };
    if (spec.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey!;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  };

  const interpret = (spec: OperationSpec, response: HttpResponse): AttemptOutcome<unknown> => {
    const { status } = response;
    if (spec.successStatuses.includes(status)) {
      const json = parseJson(response.body);
      if (!json.ok) return { ok: false, error: { kind: 'invalid-response', status, message: `${spec.operationId}: body is not JSON` } };
      const parsed = spec.response.safeParse(json.value);
      if (!parsed.success) {
        return { ok: false, error: { kind: 'invalid-response', status, message: `${spec.operationId}: ${describeIssues(parsed.error.issues)}` } };
      }
      return { ok: true, value: { value: parsed.data, status, replayed: response.headers['idempotent-replayed'] === 'true' } };
    }
    if (status >= 500 && status <= 599) {
      const problem = parseProblem(response.body);
      return { ok: false, error: { kind: 'unavailable', status, ...(problem ? { code: problem.code } : {}), message: `${spec.operationId}: gateway answered ${status}` } };
    }
    if (status >= 400 && status <= 499) {
      const problem = parseProblem(response.body);
      if (!problem) return { ok: false, error: { kind: 'invalid-response', status, message: `${spec.operationId}: ${status} without a valid problem document` } };
      return { ok: false, error: { kind: 'rejected', code: problem.code, status, message: `${spec.operationId}: ${problem.title}`, problem } };
    }
    return { ok: false, error: { kind: 'invalid-response', status, message: `${spec.operationId}: unexpected status ${status}` } };
  };

  const attempt = async (spec: OperationSpec, request: CallRequest, requestId: string): Promise<AttemptOutcome<unknown>> => {
    const timeoutMs = request.timeoutMs ?? deps.timeoutMs;
    const timeout = new AbortController();
    const timer = deps.clock.setTimeout(() => timeout.abort(new AttemptTimeout(timeoutMs)), timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout.signal, request.signal]) : timeout.signal;
    try {
      const response = await deps.transport({
        method: spec.method,
        url: buildUrl(spec, request),
        headers: buildHeaders(spec, request, requestId),
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal,
      });
      return interpret(spec, response);
    } catch (error) {
      if (timeout.signal.aborted) return { ok: false, error: { kind: 'timeout', message: `${spec.operationId}: no answer within ${timeoutMs} ms` } };
      if (request.signal?.aborted) return { ok: false, error: { kind: 'timeout', code: 'aborted', message: `${spec.operationId}: aborted by the caller` } };
      if (error instanceof ResponseTooLargeError) return { ok: false, error: { kind: 'invalid-response', message: `${spec.operationId}: ${error.message}` } };
      return { ok: false, error: { kind: 'unavailable', message: `${spec.operationId}: ${networkReason(error)}` } };
    } finally {
      deps.clock.clearTimeout(timer);
    }
  };

  const execute = async <S extends z.ZodType>(spec: OperationSpec<S>, request: CallRequest): Promise<GatewayResult<CallSuccess<z.infer<S>>>> => {
    if (spec.idempotencyKey && !request.idempotencyKey) throw new Error(`${spec.operationId} needs an idempotency key`);
    const maxAttempts = isIdempotent(spec) ? 1 + deps.retries : 1;
    const started = deps.clock.now();
    let last: GatewayError | undefined;
    for (let n = 1; n <= maxAttempts; n++) {
      if (request.signal?.aborted) {
        last = { kind: 'timeout', code: 'aborted', message: `${spec.operationId}: aborted by the caller` };
        break;
      }
      const permit = deps.breaker.tryAcquire();
      if (!permit) {
        last = { kind: 'circuit-open', message: `${spec.operationId}: not sent, the gateway circuit is open` };
        log.warn({ op: spec.operationId, session: request.sessionId, attempt: n }, 'gateway call refused: circuit open');
        break;
      }
      const requestId = deps.newRequestId();
      const attemptStarted = deps.clock.now();
      const outcome = await attempt(spec, request, requestId);
      const fields = { op: spec.operationId, session: request.sessionId, requestId, attempt: n, durationMs: deps.clock.now() - attemptStarted };
      if (outcome.ok) {
        permit.succeeded();
        log.debug({ ...fields, status: outcome.value.status, replayed: outcome.value.replayed, totalMs: deps.clock.now() - started }, 'gateway call succeeded');
        // The response schema accepted the body, so it is a z.infer<S>.
        return success(outcome.value as CallSuccess<z.infer<S>>);
      }
      const error = outcome.error;
      if (countsAgainstGateway(error)) permit.failed();
      else if (error.kind === 'rejected') permit.succeeded();
      else permit.released();
      last = error;
      const retry = n < maxAttempts && isRetryable(error);
      const logFields = { ...fields, kind: error.kind, code: 'code' in error ? error.code : undefined, status: 'status' in error ? error.status : undefined, willRetry: retry };
      if (error.kind === 'rejected') log.info(logFields, 'gateway refused the call');
      else log.warn({ ...logFields, reason: error.message }, 'gateway call failed');
      if (!retry) break;
      await deps.sleep(backoffDelay(n, deps.backoff, deps.random), request.signal);
    }
    return failure(last ?? { kind: 'unavailable', message: `${spec.operationId}: no attempt made` });
  };
  return execute;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function parseProblem(body: string) {
  const json = parseJson(body);
  if (!json.ok) return null;
  const parsed = ProblemSchema.safeParse(json.value);
  return parsed.success ? parsed.data : null;
}

/** Where and what kind of mismatch, never the offending value (it may be personal). */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'} ${issue.code}`)
    .join('; ');
}

/** A short, non-personal reason for a network failure (ECONNREFUSED, socket hang up…). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  return error instanceof Error ? error.message.slice(0, 120) : 'network error';
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppliedFault } from './fault-plan.ts';
import { applicationByKey, applicationHandlers } from './handlers/application-handlers.ts';
import { auditHandlers } from './handlers/audit-handlers.ts';
import { citizenHandlers } from './handlers/citizen-handlers.ts';
import { ekeyHandlers } from './handlers/ekey-handlers.ts';
import type { Handler, HandlerAnswer, HandlerContext } from './handlers/handler-types.ts';
import { otpHandlers } from './handlers/otp-handlers.ts';
import { paymentHandlers } from './handlers/payment-handlers.ts';
import { receiptHandlers } from './handlers/receipt-handlers.ts';
import type { GatewayContract, RouteMatch } from './openapi-contract.ts';
import { problem, type SimAnswer } from './problems.ts';
import type { SimulatorCore } from './simulator-core.ts';

/**
 * One API request, end to end: route by the OpenAPI document, play the
 * active fault, wait the simulated latency, check the request against the
 * contract, answer repeats of an idempotency key from memory, run the
 * handler, and check the answer against the contract before sending it.
 */
export const API_PREFIX = '/kiosk/v1';
const MAX_BODY_BYTES = 64 * 1024;

const HANDLERS: Record<string, Handler> = {
  ...citizenHandlers,
  ...applicationHandlers,
  ...otpHandlers,
  ...paymentHandlers,
  ...receiptHandlers,
  ...ekeyHandlers,
  ...auditHandlers,
};

/** Operations in the document with no handler here would answer 501; the simulator test checks there are none. */
export const handledOperations = (): string[] => Object.keys(HANDLERS);

const delay = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, answer: SimAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
    'cache-control': 'no-store',
    ...answer.headers,
  });
  res.end(body);
}

/** Answers that break the contract on purpose. */
function sendBroken(res: ServerResponse, mode: 'http500' | 'malformed-json' | 'wrong-shape'): void {
  if (mode === 'http500') return send(res, problem(500, 'internal-error'));
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(mode === 'malformed-json' ? '{"reference": "KH26-0000' : JSON.stringify({ unexpected: 'shape', items: [1, 2, 3] }));
}

/** Plays a fault; true when the request is finished with (dropped, held or answered badly). */
function playFault(req: IncomingMessage, res: ServerResponse, fault: AppliedFault): boolean {
  switch (fault.mode) {
    case 'down':
      req.socket.destroy();
      return true;
    case 'timeout':
      // Never answer. The socket stays open until the client gives up or the simulator closes.
      return true;
    case 'http500':
    case 'malformed-json':
    case 'wrong-shape':
      sendBroken(res, fault.mode);
      return true;
    case 'slow':
      return false;
  }
}

function isKeyed(match: RouteMatch): boolean {
  return match.route.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
}

/** Runs the handler once per idempotency key; repeats get the remembered answer. Refusals are not remembered. */
function answerWithIdempotency(match: RouteMatch, handler: Handler, ctx: HandlerContext): HandlerAnswer {
  const { state, now, idempotencyKey: key } = ctx;
  const operationId = match.route.operationId;
  if (!isKeyed(match) || key === null) return handler(ctx);
  const fingerprint = { pathParams: match.pathParams, body: ctx.body };
  const found = state.idempotency.lookup(operationId, key, fingerprint);
  if (found.kind === 'conflict') return problem(409, 'idempotency-key-conflict');
  if (found.kind === 'replay') {
    state.replays.push({ operationId, idempotencyKey: key, at: now });
    if (operationId === 'submitApplication') {
      const application = applicationByKey(state, key);
      if (application) application.submitCount += 1;
    }
    return { status: 200, body: found.answer.current?.() ?? found.answer.body, headers: { 'idempotent-replayed': 'true' } };
  }
  const answer = handler(ctx);
  if (answer.status >= 200 && answer.status < 300) {
    state.idempotency.remember(operationId, key, fingerprint, { status: answer.status, body: answer.body, ...(answer.current ? { current: answer.current } : {}) });
  }
  return answer;
}

export async function dispatchApi(core: SimulatorCore, contract: GatewayContract, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const match = contract.match(req.method ?? '', path);
  if (!match) return send(res, problem(404, 'not-found', { detail: 'no such operation' }));
  if ('methodNotAllowed' in match) return send(res, problem(405, 'method-not-allowed'));
  const operationId = match.route.operationId;
  const state = core.state();
  state.requests[operationId] = (state.requests[operationId] ?? 0) + 1;

  const fault = core.faults.take(operationId);
  if (fault) state.faultsInjected.push({ operationId, mode: fault.mode, phase: fault.phase });
  if (fault?.mode === 'slow') await delay(fault.slowMs);
  await delay(core.latencyMs());
  if (fault && fault.phase === 'before' && playFault(req, res, fault)) return;

  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) return send(res, problem(400, 'validation-failed', { detail: 'body too large' }));
    throw error;
  }
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;

  let answer: HandlerAnswer;
  let body: unknown;
  let bodyIsJson = true;
  try {
    body = raw.length > 0 ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    bodyIsJson = false;
  }
  const check = bodyIsJson ? contract.checkRequest(match, headers, url.searchParams, body) : ({ ok: false, code: 'validation-failed', detail: 'body is not JSON' } as const);
  const handler = HANDLERS[operationId];
  if (!check.ok) answer = problem(400, check.code, { detail: check.detail });
  else if (!handler) answer = problem(501, 'not-implemented');
  else {
    const ctx: HandlerContext = {
      state,
      now: core.clock.now(),
      pathParams: match.pathParams,
      query: url.searchParams,
      body,
      kioskId: headers['x-kiosk-id']!,
      sessionId: headers['x-session-id']!,
      idempotencyKey: headers['idempotency-key'] ?? null,
    };
    answer = answerWithIdempotency(match, handler, ctx);
  }

  // The request took effect; now the answer is lost or broken on its way back.
  if (fault && fault.phase === 'after' && playFault(req, res, fault)) {
    core.changed();
    return;
  }

  const contentType = answer.status >= 400 ? 'application/problem+json' : 'application/json';
  for (const violation of contract.checkResponse(operationId, answer.status, contentType, answer.body)) state.contractViolations.push(violation);
  send(res, answer);
  core.changed();
}

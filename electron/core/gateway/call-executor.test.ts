import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { createCallExecutor } from './call-executor.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { ResponseTooLargeError, type HttpRequest, type HttpResponse, type HttpTransport } from './http-transport.ts';
import { OPERATIONS } from './operations.ts';

/**
 * The executor with a scripted transport, for answers the simulator never
 * gives: odd statuses, 4xx without a problem document, refused connections,
 * oversized bodies, and the exact headers and URL that go out.
 */
const citizen = { cpr: '999000001', nameAr: 'شخص تجريبي ١', nameEn: 'Test Person One', dateOfBirth: '1990-03-14', nationality: 'BHR', maskedMobile: '****0001', address: { block: '999', road: '9901', building: '11', flat: null } };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function setup(script: (request: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>, retries = 2) {
  const clock = createManualClock();
  const sent: HttpRequest[] = [];
  const transport: HttpTransport = async (request) => {
    sent.push(request);
    return script(request, sent.length);
  };
  const breaker = createCircuitBreaker({ failureThreshold: 50, resetAfterMs: 1000, clock });
  const memory = createMemoryLogger();
  const execute = createCallExecutor({
    baseUrl: 'http://127.0.0.1:9/kiosk/v1/',
    kioskId: 'KIOSK-TEST-01',
    timeoutMs: 1000,
    retries,
    transport,
    breaker,
    clock,
    sleep: () => Promise.resolve(),
    logger: memory.logger,
    backoff: { initialMs: 100, maxMs: 1000 },
    random: () => 1,
    newRequestId: () => `req-${sent.length + 1}-abcdef`,
  });
  return { execute, sent, clock, memory };
}

describe('call executor', () => {
  it('sends the contract headers and an encoded URL, never a body on GET', async () => {
    const { execute, sent } = setup(() => json(200, citizen));
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999/000 1' } });
    expect(result.ok).toBe(true);
    expect(sent[0]!.url).toBe('http://127.0.0.1:9/kiosk/v1/citizens/999%2F000%201');
    expect(sent[0]!.headers).toEqual({ accept: 'application/json, application/problem+json', 'x-kiosk-id': 'KIOSK-TEST-01', 'x-session-id': 'session-0001', 'x-request-id': 'req-1-abcdef' });
    expect(sent[0]!.body).toBeUndefined();
  });

  it('leaves out absent query values and adds the idempotency key and JSON body on keyed POSTs', async () => {
    const { execute, sent } = setup((req) =>
      req.method === 'GET' ? json(200, { currency: 'BHD', effectiveFrom: '2026-01-01', fees: [] }) : json(201, { messageId: 'sms-000001', status: 'queued' }),
    );
    await execute(OPERATIONS.getFeeSchedule, { sessionId: 'session-0001', query: { serviceId: undefined, other: null } });
    expect(sent[0]!.url).toBe('http://127.0.0.1:9/kiosk/v1/fees');
    await execute(OPERATIONS.sendSmsReceipt, { sessionId: 'session-0001', idempotencyKey: 'key-00000001', body: { a: 1 } });
    expect(sent[1]!.headers).toMatchObject({ 'idempotency-key': 'key-00000001', 'content-type': 'application/json' });
    expect(sent[1]!.body).toBe('{"a":1}');
  });

  it('refuses to send a keyed operation without its key (a programming error, not a gateway failure)', async () => {
    const { execute, sent } = setup(() => json(201, {}));
    await expect(execute(OPERATIONS.submitApplication, { sessionId: 'session-0001', body: {} })).rejects.toThrow(/idempotency key/);
    expect(sent).toHaveLength(0);
  });

  it('maps a 4xx without a valid problem document to invalid-response, and does not retry it', async () => {
    const { execute, sent } = setup(() => ({ status: 404, headers: {}, body: '<html>not found</html>' }));
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid-response', status: 404 } });
    expect(sent).toHaveLength(1);
  });

  it('maps a status the operation does not answer with (204, 302) to invalid-response', async () => {
    for (const status of [204, 302]) {
      const { execute } = setup(() => ({ status, headers: {}, body: '' }));
      const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
      expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid-response', status } });
    }
  });

  it('keeps the code of a 5xx problem document and calls it unavailable', async () => {
    const { execute } = setup(() => json(503, { type: 'about:blank', title: 'Down', status: 503, code: 'unavailable' }), 0);
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable', status: 503, code: 'unavailable' } });
  });

  it('calls a refused connection unavailable, naming the reason but nothing personal', async () => {
    const { execute, sent, memory } = setup(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })));
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable', message: 'getCitizen: ECONNREFUSED' } });
    expect(sent).toHaveLength(3);
    expect(memory.text()).not.toContain('999000001');
  });

  it('calls an oversized answer invalid-response', async () => {
    const { execute } = setup(() => Promise.reject(new ResponseTooLargeError()));
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid-response' } });
  });

  it('reads the replay header on creates', async () => {
    const { execute } = setup(() => json(200, { messageId: 'sms-000001', status: 'queued' }, { 'idempotent-replayed': 'true' }));
    const result = await execute(OPERATIONS.sendSmsReceipt, { sessionId: 'session-0001', idempotencyKey: 'key-00000001', body: {} });
    expect(result).toMatchObject({ ok: true, value: { status: 200, replayed: true } });
  });

  it('does not pass on an answer that fails its schema, nor quote the bad value in the error', async () => {
    const { execute } = setup(() => json(200, { ...citizen, cpr: 'NOT-A-CPR-SECRET' }));
    const result = await execute(OPERATIONS.getCitizen, { sessionId: 'session-0001', pathParams: { cpr: '999000001' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.kind).toBe('invalid-response');
      expect(result.failure.message).toContain('cpr');
      expect(result.failure.message).not.toContain('NOT-A-CPR-SECRET');
    }
  });
});

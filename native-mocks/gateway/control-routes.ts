import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultRequestSchema } from './fault-plan.ts';
import type { SimulatorCore } from './simulator-core.ts';

/**
 * The simulator's control API, for tests, the e2e suite, the crash harness
 * and people at the control panel. Every call needs the control token in
 * `X-Control-Token`, and must name our exact loopback host (so a web page
 * cannot reach it through DNS rebinding).
 *
 *   POST /__control/faults              {mode, endpoints?, count?, phase?, slowMs?}
 *   GET  /__control/ledger              everything the simulator did (OTP codes included)
 *   POST /__control/clock               {advanceMs}          the simulator's time moves on
 *   POST /__control/latency             {minMs, maxMs}
 *   POST /__control/qr-auto-pay         {afterMs | null}     a simulated citizen pays every QR
 *   POST /__control/payments/:id        {action: pay|expire}
 *   POST /__control/ekey/:cpr           {status: locked|active}
 *   POST /__control/reset               seeded people, empty ledgers, no faults
 */
export const CONTROL_PREFIX = '/__control';
const MAX_BODY = 16 * 1024;

const ClockSchema = z.object({ advanceMs: z.number().int().min(0).max(365 * 86_400_000) }).strict();
const LatencySchema = z.object({ minMs: z.number().int().min(0).max(60_000), maxMs: z.number().int().min(0).max(60_000) }).strict();
const AutoPaySchema = z.object({ afterMs: z.number().int().min(0).max(3_600_000).nullable() }).strict();
const PaymentActionSchema = z.object({ action: z.enum(['pay', 'expire']) }).strict();
const EkeyStatusSchema = z.object({ status: z.enum(['locked', 'active']) }).strict();

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function tokensEqual(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) throw new SyntaxError('body too large');
  }
  return text ? (JSON.parse(text) as unknown) : {};
}

export async function dispatchControl(core: SimulatorCore, token: string, expectedHost: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.headers.host !== expectedHost) return reply(res, 403, { error: 'foreign host' });
  const presented = req.headers['x-control-token'];
  if (!tokensEqual(token, Array.isArray(presented) ? presented[0] : presented)) return reply(res, 401, { error: 'bad token' });

  const parts = url.pathname.slice(CONTROL_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  const route = `${req.method} ${parts[0] ?? ''}`;
  if (route === 'GET ledger' && parts.length === 1) return reply(res, 200, core.ledger());
  if (req.method !== 'POST') return reply(res, 404, { error: 'not found' });

  let json: unknown;
  try {
    json = await readJson(req);
  } catch {
    return reply(res, 400, { error: 'body is not JSON' });
  }
  const parse = <T>(schema: z.ZodType<T>): T | null => {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    reply(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
    return null;
  };

  switch (parts.length === 1 ? parts[0] : parts.length === 2 ? `${parts[0]}/:id` : '') {
    case 'faults': {
      const request = parse(FaultRequestSchema);
      if (request) {
        reply(res, 200, { faults: core.faults.set(request) });
        core.changed();
      }
      return;
    }
    case 'clock': {
      const request = parse(ClockSchema);
      if (request) {
        core.clock.advance(request.advanceMs);
        core.changed();
        reply(res, 200, { now: new Date(core.clock.now()).toISOString() });
      }
      return;
    }
    case 'latency': {
      const request = parse(LatencySchema);
      if (!request) return;
      if (request.maxMs < request.minMs) return reply(res, 400, { error: 'maxMs must be at least minMs' });
      core.setLatency(request);
      return reply(res, 200, { latency: request });
    }
    case 'qr-auto-pay': {
      const request = parse(AutoPaySchema);
      if (request) {
        core.setQrAutoPay(request.afterMs);
        reply(res, 200, request);
      }
      return;
    }
    case 'reset':
      core.reset();
      return reply(res, 200, { reset: true });
    case 'payments/:id': {
      const request = parse(PaymentActionSchema);
      if (!request) return;
      const outcome = core.qrAction(parts[1]!, request.action);
      return outcome.ok ? reply(res, 200, outcome.value) : reply(res, outcome.status, { error: outcome.error });
    }
    case 'ekey/:id': {
      const request = parse(EkeyStatusSchema);
      if (!request) return;
      const outcome = core.setEkeyStatus(parts[1]!, request.status);
      return outcome.ok ? reply(res, 200, outcome.value) : reply(res, outcome.status, { error: outcome.error });
    }
    default:
      return reply(res, 404, { error: 'not found' });
  }
}

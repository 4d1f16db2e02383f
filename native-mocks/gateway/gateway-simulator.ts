import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, dispatchApi, send } from './api-dispatch.ts';
import { CONTROL_PREFIX, dispatchControl } from './control-routes.ts';
import type { FaultRequest, FaultState } from './fault-plan.ts';
import type { GatewayLedger } from './ledger.ts';
import { gatewayContract } from './openapi-contract.ts';
import { problem } from './problems.ts';
import type { TimeSource } from './sim-clock.ts';
import { createSimulatorCore, type Latency, type SimulatorCore } from './simulator-core.ts';

/**
 * The government-gateway simulator: resources/gateway/openapi.yaml served on
 * 127.0.0.1 with the fictional people, in-memory ledgers, realistic latency
 * and faults on demand. Plain HTTP by default; with `tls` it demands a client
 * certificate signed by the given CA, like the real gateway (mutual TLS).
 */
export interface GatewaySimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a random token. */
  controlToken?: string;
  /** Network latency per request; a number is a fixed delay. Default 80–400 ms; pass 0 in unit tests. */
  latencyMs?: number | Latency;
  /** The simulator's base time (default: the system clock). The control API can move it forward. */
  clock?: TimeSource;
  /** A simulated citizen pays each QR this long after it is shown; null (default) = only via the control API. */
  qrAutoPayAfterMs?: number | null;
  /** Server certificate, key and the CA that client certificates must chain to (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer } | null;
  random?: () => number;
}

export interface GatewaySimulator {
  /** API base address, e.g. http://127.0.0.1:41234/kiosk/v1: the kiosk's gateway.baseUrl. */
  url: string;
  /** Where /__control/* lives, e.g. http://127.0.0.1:41234. */
  controlUrl: string;
  controlToken: string;
  close(): Promise<void>;
  ledger(): GatewayLedger;
  /** In-process shortcuts for tests (the same as the control endpoints). */
  setFaults(request: FaultRequest): FaultState;
  advanceClock(ms: number): void;
  payQr(paymentId: string): void;
  reset(): void;
  readonly core: SimulatorCore;
}

export const DEFAULT_LATENCY: Latency = { minMs: 80, maxMs: 400 };

function toLatency(option: GatewaySimulatorOptions['latencyMs']): Latency {
  if (option === undefined) return DEFAULT_LATENCY;
  return typeof option === 'number' ? { minMs: option, maxMs: option } : option;
}

export async function startGatewaySimulator(options: GatewaySimulatorOptions = {}): Promise<GatewaySimulator> {
  const contract = gatewayContract();
  const core = createSimulatorCore({
    ...(options.clock ? { clock: options.clock } : {}),
    latency: toLatency(options.latencyMs),
    qrAutoPayAfterMs: options.qrAutoPayAfterMs ?? null,
    ...(options.random ? { random: options.random } : {}),
  });
  const controlToken = options.controlToken ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return dispatchControl(core, controlToken, `127.0.0.1:${port}`, req, res, url);
    if (url.pathname.startsWith(`${API_PREFIX}/`)) return dispatchApi(core, contract, req, res, url);
    return send(res, problem(404, 'not-found', { detail: 'no such operation' }));
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, problem(500, 'internal-error'));
      else res.destroy();
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, listener)
    : createHttpServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: `${origin}${API_PREFIX}`,
    controlUrl: origin,
    controlToken,
    core,
    ledger: () => core.ledger(),
    setFaults(request) {
      const state = core.faults.set(request);
      core.changed();
      return state;
    },
    advanceClock(ms) {
      core.clock.advance(ms);
      core.changed();
    },
    payQr(paymentId) {
      const outcome = core.qrAction(paymentId, 'pay');
      if (!outcome.ok) throw new Error(outcome.error);
    },
    reset: () => core.reset(),
    close: async () => {
      // Held requests (the 'timeout' fault) would keep close() waiting forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

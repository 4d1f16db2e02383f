import { createManualClock, type ManualClock } from '../../../electron/core/clock/clock.ts';
import type { GatewayConfig } from '../../../electron/core/gateway/gateway-config.ts';
import { createGatewayClient, type GatewayClient } from '../../../electron/core/gateway/gateway-client.ts';
import { createMemoryLogger } from '../../../electron/core/testing/memory-logger.ts';
import { startGatewaySimulator, type GatewaySimulator, type GatewaySimulatorOptions } from '../gateway-simulator.ts';

/**
 * A gateway client wired to a gateway simulator for tests: one manual clock
 * for both (so OTP expiry, the circuit breaker and timeouts move only when
 * the test says so), a sleep that records the backoff delays and returns at
 * once (advancing the clock by the same amount), and a memory logger.
 */
export interface GatewayTestKit {
  simulator: GatewaySimulator;
  client: GatewayClient;
  /**
   * Replaces `client` with a new one on the same clock, simulator and log:
   * a client whose circuit breaker and counters know nothing of earlier
   * calls (property tests run many independent cases on one kit).
   */
  renewClient(): void;
  clock: ManualClock;
  config: GatewayConfig;
  /** Backoff delays the client asked for, in order. */
  sleeps: number[];
  logText(): string;
  logLines(): Record<string, unknown>[];
  /** Requests the simulator has received for an operation. */
  requests(operationId: string): number;
  /** Waits (for real, briefly) until the simulator has seen `count` requests for the operation. */
  waitForRequests(operationId: string, count: number): Promise<void>;
  close(): Promise<void>;
}

export const TEST_KIOSK_ID = 'KIOSK-TEST-01';
export const TEST_SESSION = { sessionId: '3f1c2a9e-0000-4000-8000-000000000001' };

export async function startGatewayTestKit(
  options: { config?: Partial<GatewayConfig>; simulator?: GatewaySimulatorOptions; random?: () => number } = {},
): Promise<GatewayTestKit> {
  const clock = createManualClock();
  const simulator = await startGatewaySimulator({ latencyMs: 0, clock, ...options.simulator });
  const config: GatewayConfig = {
    baseUrl: simulator.url,
    timeoutMs: 5000,
    retries: 2,
    circuitBreaker: { failureThreshold: 5, resetAfterMs: 30_000 },
    tls: null,
    ...options.config,
  };
  const memory = createMemoryLogger('debug');
  const sleeps: number[] = [];
  const newClient = () =>
    createGatewayClient({
      config,
      kioskId: TEST_KIOSK_ID,
      clock,
      logger: memory.logger,
      random: options.random ?? (() => 1),
      sleep: (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
        return Promise.resolve();
      },
    });
  const requests = (operationId: string) => simulator.ledger().requests[operationId] ?? 0;
  const kit: GatewayTestKit = {
    simulator,
    client: newClient(),
    renewClient() {
      kit.client = newClient();
    },
    clock,
    config,
    sleeps,
    logText: memory.text,
    logLines: memory.lines,
    requests,
    async waitForRequests(operationId, count) {
      const deadline = Date.now() + 5000;
      while (requests(operationId) < count) {
        if (Date.now() > deadline) throw new Error(`simulator saw ${requests(operationId)} of ${count} ${operationId} requests`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    close: () => simulator.close(),
  };
  return kit;
}

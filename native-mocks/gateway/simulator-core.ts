import { createFaultPlan, type FaultPlan } from './fault-plan.ts';
import { markPaid, settleQr } from './handlers/payment-handlers.ts';
import { ledgerSnapshot, type GatewayLedger } from './ledger.ts';
import { createSimClock, type SimClock, type TimeSource } from './sim-clock.ts';
import { createSimulatorState, type SimulatorState } from './simulator-state.ts';

/**
 * The gateway simulator's mutable heart, shared by the HTTP API, the control
 * endpoints and the in-process test helpers: state, clock, faults, latency.
 */
export interface Latency {
  minMs: number;
  maxMs: number;
}

export interface SimulatorCoreOptions {
  clock?: TimeSource;
  latency?: Latency;
  qrAutoPayAfterMs?: number | null;
  random?: () => number;
}

export type ControlOutcome = { ok: true; value: unknown } | { ok: false; status: number; error: string };

export interface SimulatorCore {
  readonly clock: SimClock;
  readonly faults: FaultPlan;
  state(): SimulatorState;
  ledger(): GatewayLedger;
  /** This request's network latency in ms, drawn from the configured range. */
  latencyMs(): number;
  setLatency(latency: Latency): void;
  setQrAutoPay(afterMs: number | null): void;
  /** The citizen's wallet pays (or the payment runs out of time). */
  qrAction(paymentId: string, action: 'pay' | 'expire'): ControlOutcome;
  /** Lock or unlock an eKey account directly ("the gateway locks it mid-flow"). */
  setEkeyStatus(cpr: string, status: 'locked' | 'active'): ControlOutcome;
  /** Back to the seeded people and empty ledgers; faults off; the clock keeps its offset. */
  reset(): void;
  /** Something changed (a request was answered, a control action ran): tell the control panel. */
  changed(): void;
  onChange(listener: () => void): () => void;
}

export function createSimulatorCore(options: SimulatorCoreOptions = {}): SimulatorCore {
  const clock = createSimClock(options.clock);
  const faults = createFaultPlan();
  const random = options.random ?? Math.random;
  let latency: Latency = options.latency ?? { minMs: 0, maxMs: 0 };
  let state = createSimulatorState(clock.now(), { qrAutoPayAfterMs: options.qrAutoPayAfterMs ?? null });
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  return {
    changed,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clock,
    faults,
    state: () => state,
    ledger: () => ledgerSnapshot(state, clock.now(), faults.state()),
    latencyMs: () => (latency.maxMs <= 0 ? 0 : Math.round(latency.minMs + (latency.maxMs - latency.minMs) * random())),
    setLatency(next) {
      if (next.minMs < 0 || next.maxMs < next.minMs) throw new RangeError('latency needs 0 ≤ minMs ≤ maxMs');
      latency = { ...next };
      changed();
    },
    setQrAutoPay(afterMs) {
      state.qrAutoPayAfterMs = afterMs;
      changed();
    },
    qrAction(paymentId, action) {
      const record = state.qrPayments.get(paymentId);
      if (!record) return { ok: false, status: 404, error: 'no such payment' };
      settleQr(state, record, clock.now());
      if (record.status !== 'pending') return { ok: false, status: 409, error: `payment is ${record.status}` };
      if (action === 'pay') markPaid(state, record, clock.now());
      else record.status = 'expired';
      changed();
      return { ok: true, value: { paymentId, status: record.status } };
    },
    setEkeyStatus(cpr, status) {
      if (!state.ekey.get(cpr)) return { ok: false, status: 404, error: 'no such eKey account' };
      if (status === 'locked') state.ekey.lock(cpr);
      else state.ekey.unlock(cpr);
      changed();
      return { ok: true, value: { status } };
    },
    reset() {
      state = createSimulatorState(clock.now(), { qrAutoPayAfterMs: state.qrAutoPayAfterMs });
      faults.set({ mode: 'none' });
      changed();
    },
  };
}

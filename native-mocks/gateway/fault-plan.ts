import { z } from 'zod';

/**
 * Faults the gateway simulator can play, set through POST /__control/faults:
 *
 *  none            answer normally
 *  http500         500 with a problem document
 *  timeout         accept the request and never answer (the client must give up)
 *  malformed-json  200 whose body is not JSON
 *  slow            answer correctly, but only after `slowMs`
 *  wrong-shape     200 with JSON that is not the contract's shape
 *  down            drop the connection without a word (gateway unreachable)
 *
 * `endpoints` limits the fault to some operation ids (all when absent);
 * `count` limits it to that many requests, after which the simulator is
 * healthy again. `phase: 'after'` lets the request take effect first and then
 * breaks the answer: the "it arrived but the kiosk never heard" case that
 * crash recovery must handle by asking again with the idempotency key.
 */
export const FAULT_MODES = ['none', 'http500', 'timeout', 'malformed-json', 'slow', 'wrong-shape', 'down'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export const FaultRequestSchema = z
  .object({
    mode: z.enum(FAULT_MODES),
    endpoints: z.array(z.string().regex(/^[A-Za-z]{2,64}$/)).max(50).optional(),
    count: z.number().int().min(1).max(10_000).optional(),
    phase: z.enum(['before', 'after']).optional(),
    slowMs: z.number().int().min(0).max(120_000).optional(),
  })
  .strict();
export type FaultRequest = z.infer<typeof FaultRequestSchema>;

export interface FaultState {
  mode: FaultMode;
  endpoints: string[] | null;
  /** Requests still to be hit; null = until changed. */
  remaining: number | null;
  phase: 'before' | 'after';
  slowMs: number;
}

export interface AppliedFault {
  mode: Exclude<FaultMode, 'none'>;
  phase: 'before' | 'after';
  slowMs: number;
}

export const DEFAULT_SLOW_MS = 3000;

export interface FaultPlan {
  set(request: FaultRequest): FaultState;
  state(): FaultState;
  /** The fault this request suffers, if any; counts it against `count`. */
  take(operationId: string): AppliedFault | null;
}

const HEALTHY: FaultState = { mode: 'none', endpoints: null, remaining: null, phase: 'before', slowMs: DEFAULT_SLOW_MS };

export function createFaultPlan(): FaultPlan {
  let state: FaultState = { ...HEALTHY };
  return {
    set(request) {
      state =
        request.mode === 'none'
          ? { ...HEALTHY }
          : {
              mode: request.mode,
              endpoints: request.endpoints ?? null,
              remaining: request.count ?? null,
              phase: request.phase ?? 'before',
              slowMs: request.slowMs ?? DEFAULT_SLOW_MS,
            };
      return { ...state };
    },
    state: () => ({ ...state, endpoints: state.endpoints ? [...state.endpoints] : null }),
    take(operationId) {
      if (state.mode === 'none') return null;
      if (state.endpoints && !state.endpoints.includes(operationId)) return null;
      const applied: AppliedFault = { mode: state.mode, phase: state.phase, slowMs: state.slowMs };
      if (state.remaining !== null) {
        state.remaining -= 1;
        if (state.remaining <= 0) state = { ...HEALTHY };
      }
      return applied;
    },
  };
}

import type { SimAnswer } from '../problems.ts';
import type { SimulatorState } from '../simulator-state.ts';

/**
 * What an operation handler gets: the state, the simulator's "now", and the
 * request already checked against the contract (so a handler may trust the
 * shape of `body` and of the parameters, and casts it to its own type).
 */
export interface HandlerContext {
  state: SimulatorState;
  now: number;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  kioskId: string;
  sessionId: string;
  /** Present for operations that carry one (the contract makes it required there). */
  idempotencyKey: string | null;
}

export interface HandlerAnswer extends SimAnswer {
  /** For answers about something that changes: how to show it as it is now, when the key is replayed. */
  current?: () => unknown;
}

export type Handler = (ctx: HandlerContext) => HandlerAnswer;

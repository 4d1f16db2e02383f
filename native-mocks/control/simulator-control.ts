import type { z } from 'zod';

/**
 * What every hardware simulator offers the control API and the control
 * panel: a JSON snapshot of its state, the faults it can play, actions a
 * person or a test can take (insert a card, approve on the terminal, press a
 * key), power, and change notifications. Simulators implement this; the
 * control server knows nothing device-specific.
 */
export interface SimulatorAction<TArgs = unknown> {
  description: string;
  args: z.ZodType<TArgs>;
  run(args: TArgs): unknown;
}

/**
 * Declares an action with typed arguments. The control server parses the
 * arguments with `args` before calling `run`, which is what makes widening
 * the type to `unknown` here safe.
 */
export function defineAction<TArgs>(action: SimulatorAction<TArgs>): SimulatorAction<unknown> {
  return action as unknown as SimulatorAction<unknown>;
}

/** Faults every device can suffer; devices add their own (jam, paper-out…). */
export const COMMON_FAULTS = ['unplugged', 'no-answer', 'garbage', 'bad-crc', 'slow', 'power-cut'] as const;
export type CommonFault = (typeof COMMON_FAULTS)[number];

export interface SimulatorControl {
  /** Stable id used in URLs: 'card-reader', 'receipt-printer', … */
  readonly id: string;
  readonly label: string;
  /** A JSON-safe snapshot for the panel and the tests. No secrets (PINs are never shown). */
  state(): Record<string, unknown>;
  /** Fault names this simulator can play. */
  readonly faults: readonly string[];
  /** Set (or clear with null) the active fault. */
  setFault(fault: string | null, options?: Record<string, unknown>): void;
  readonly actions: Record<string, SimulatorAction<unknown>>;
  onChange(listener: () => void): () => void;
  /** Files the simulator produced (the last receipt as PNG, the last A4 PDF…), by name. */
  artifact?(name: string): { contentType: string; body: Uint8Array } | null;
}

/** The set of simulators one kiosk runs, by id. */
export class SimulatorRegistry {
  readonly #simulators = new Map<string, SimulatorControl>();
  readonly #listeners = new Set<(id: string) => void>();

  add(simulator: SimulatorControl): () => void {
    if (this.#simulators.has(simulator.id)) throw new Error(`simulator ${simulator.id} registered twice`);
    this.#simulators.set(simulator.id, simulator);
    const off = simulator.onChange(() => this.#listeners.forEach((l) => l(simulator.id)));
    return () => {
      off();
      this.#simulators.delete(simulator.id);
    };
  }
  get(id: string): SimulatorControl | undefined {
    return this.#simulators.get(id);
  }
  list(): SimulatorControl[] {
    return [...this.#simulators.values()];
  }
  onChange(listener: (id: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Everything a panel or test needs to draw every device. */
  snapshot(): SimulatorSnapshot[] {
    return this.list().map((s) => ({
      id: s.id,
      label: s.label,
      state: s.state(),
      faults: [...s.faults],
      actions: Object.fromEntries(Object.entries(s.actions).map(([name, a]) => [name, a.description])),
    }));
  }
}

export interface SimulatorSnapshot {
  id: string;
  label: string;
  state: Record<string, unknown>;
  faults: string[];
  actions: Record<string, string>;
}

import type { Language } from '../../contract/index.ts';
import type { FlowRun } from '../flow/flow-run.ts';

/** Where a citizen is. Everything personal lives here and only here, and is dropped on wipe. */
export interface CitizenSession {
  readonly id: string;
  readonly startedAt: number;
  language: Language;
  screen: 'language' | 'menu' | 'step';
  /** The service being run, with everything the citizen entered in it. */
  flow: FlowRun | null;
  helpOpen: boolean;
}

/**
 * The session table. A kiosk serves one citizen at a time, but the table
 * makes "nothing of the previous session remains" checkable: after a wipe
 * it is empty.
 */
export class SessionTable {
  #sessions = new Map<string, CitizenSession>();

  add(session: CitizenSession): void {
    this.#sessions.set(session.id, session);
  }
  remove(id: string): boolean {
    return this.#sessions.delete(id);
  }
  get size(): number {
    return this.#sessions.size;
  }
  /** What a technician or a test may see: ids and timings, no personal data. */
  describe(): { id: string; startedAt: number; screen: string }[] {
    return [...this.#sessions.values()].map((s) => ({ id: s.id, startedAt: s.startedAt, screen: s.screen }));
  }
}

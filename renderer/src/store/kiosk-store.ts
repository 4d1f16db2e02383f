import { create } from 'zustand';
import type { IntentType, ViewModel } from '../../../electron/contract/index.ts';
import type { BridgeState } from '../platform/browser-bridge.ts';

/**
 * The renderer's whole state: a mirror of the latest view model from the
 * core, the bridge's connection state and the intents still waiting for the
 * core's answer. Nothing here is decided by the renderer; a new session
 * epoch starts from empty.
 */
export interface KioskState {
  view: ViewModel | null;
  connection: BridgeState;
  /** Intents sent and not yet answered (type + a stable key to drop double taps). */
  pending: readonly PendingIntent[];
  setView(view: ViewModel): void;
  setConnection(state: BridgeState): void;
  addPending(entry: PendingIntent): void;
  removePending(id: number): void;
  /** Back to nothing: called when the session epoch changes. The connection state is not session data. */
  reset(): void;
}

export interface PendingIntent {
  id: number;
  type: IntentType;
  key: string;
}

export const useKiosk = create<KioskState>((set) => ({
  view: null,
  connection: 'connecting',
  pending: [],
  setView: (view) => set({ view }),
  setConnection: (connection) => set({ connection }),
  addPending: (entry) => set((s) => ({ pending: [...s.pending, entry] })),
  removePending: (id) => set((s) => ({ pending: s.pending.filter((p) => p.id !== id) })),
  reset: () => set({ view: null, pending: [] }),
}));

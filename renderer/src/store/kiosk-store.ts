import { create } from 'zustand';
import type { ViewModel } from '../../../electron/contract/index.ts';
import type { BridgeState } from '../platform/browser-bridge.ts';

/**
 * The renderer's whole state: a mirror of the latest view model from the
 * core and the bridge's connection state. Nothing here is decided by the
 * renderer, and a new session epoch starts from empty.
 */
export interface KioskState {
  view: ViewModel | null;
  connection: BridgeState;
  setView(view: ViewModel): void;
  setConnection(state: BridgeState): void;
  reset(): void;
}

export const useKiosk = create<KioskState>((set) => ({
  view: null,
  connection: 'connecting',
  setView: (view) => set({ view }),
  setConnection: (connection) => set({ connection }),
  reset: () => set({ view: null }),
}));

import type { Intent, IntentResult } from './intents.ts';
import type { ViewModel } from './view-model.ts';
import type { KeypadInput } from './keypad.ts';

/**
 * `window.kiosk`: the whole API a page gets, installed by the Electron preload
 * (contextBridge + IPC) or by the browser bridge (loopback WebSocket). The
 * renderer cannot tell which shell it runs in.
 */
export interface KioskApi {
  /** Ask the core to do something. Resolves with the core's answer. */
  send(intent: Intent): Promise<IntentResult>;
  /** Receive every new view model; returns an unsubscribe function. */
  onView(listener: (view: ViewModel) => void): () => void;
  /** Ask for the current view model again (after a reload or reconnect). */
  sync(): void;
  /** Receive the tactile keypad's keys; returns an unsubscribe function. */
  onKeypad(listener: (input: KeypadInput) => void): () => void;
}

/** IPC channel names the Electron shell and its preload share. */
export const IPC_CHANNELS = {
  intent: 'kiosk:intent',
  view: 'kiosk:view',
  sync: 'kiosk:sync',
  keypad: 'kiosk:keypad',
} as const;

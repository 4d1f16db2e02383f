/**
 * The kiosk page's preload. It runs sandboxed, before the page, in an
 * isolated world, and installs `window.kiosk` (the contract's KioskApi)
 * with contextBridge. A sandboxed preload is a CommonJS script that can
 * require 'electron' and nothing else, so this file is self-contained:
 * only types are imported, and the IPC channel names are repeated here
 * (preload.test.ts checks they equal the contract's IPC_CHANNELS).
 *
 * The page never gets ipcRenderer or an IPC event object: only the four
 * functions below, which carry data and nothing else.
 */
import type { IpcRendererEvent } from 'electron';
import type { KioskApi } from '../contract/kiosk-api.ts';
import type { Intent, IntentResult } from '../contract/intents.ts';
import type { ViewModel } from '../contract/view-model.ts';
import type { KeypadInput } from '../contract/keypad.ts';

const CHANNELS = { intent: 'kiosk:intent', view: 'kiosk:view', sync: 'kiosk:sync', keypad: 'kiosk:keypad' } as const;

/**
 * kiosk-ipc.ts types its channels with this, which also puts this file in
 * every TypeScript program that builds the shell (so tsc emits preload.cjs
 * next to main.js) and stops the build if the names drift from the contract.
 */
export type PreloadChannels = typeof CHANNELS;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; 'electron' is the one module it may require
const { contextBridge, ipcRenderer } = require('electron');

const kioskApi: KioskApi = {
  send(intent: Intent): Promise<IntentResult> {
    // The main process validates the intent; this side only carries it.
    return ipcRenderer.invoke(CHANNELS.intent, intent) as Promise<IntentResult>;
  },
  onView(listener: (view: ViewModel) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('kiosk.onView needs a function');
    // The IPC event (which reaches ipcRenderer through event.sender) stays on this side.
    const forward = (_event: IpcRendererEvent, view: ViewModel) => listener(view);
    ipcRenderer.on(CHANNELS.view, forward);
    return () => {
      ipcRenderer.removeListener(CHANNELS.view, forward);
    };
  },
  sync(): void {
    ipcRenderer.send(CHANNELS.sync);
  },
  onKeypad(listener: (input: KeypadInput) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('kiosk.onKeypad needs a function');
    const forward = (_event: IpcRendererEvent, input: KeypadInput) => listener(input);
    ipcRenderer.on(CHANNELS.keypad, forward);
    return () => {
      ipcRenderer.removeListener(CHANNELS.keypad, forward);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', kioskApi);

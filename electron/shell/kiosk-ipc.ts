import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS, type IntentResult, type KeypadInput, type ViewModel } from '../contract/index.ts';
import type { KioskCoreApi } from '../core/kiosk-core-api.ts';
import { isAppUrl } from './app-origin.ts';
import { parseIntentPayload } from './intent-request.ts';
import { checkIpcSender } from './ipc-sender.ts';
import type { PreloadChannels } from './preload.cts';
import type { ShellLog } from './shell-log.ts';

/**
 * The IPC between the kiosk page's preload and the core. Handlers are
 * registered on the window's own `webContents.ipc`, not the global
 * ipcMain, so no other page can reach them; each message still has its
 * sender checked and its payload validated before the core sees it.
 */
export type KioskIpcContents = Pick<WebContents, 'ipc' | 'send' | 'isDestroyed' | 'getURL'>;

/** The contract's channel names, checked at compile time against the ones the preload repeats. */
const CHANNELS: PreloadChannels = IPC_CHANNELS;

const REFUSED: IntentResult = { ok: false, code: 'refused', message: 'refused' };
const INVALID: IntentResult = { ok: false, code: 'invalid', message: 'invalid intent' };
const UNAVAILABLE: IntentResult = { ok: false, code: 'unavailable', message: 'the kiosk cannot do that now' };

/** Wires the channels; returns a function that unwires them (before the window is destroyed). */
export function registerKioskIpc(contents: KioskIpcContents, deps: { core: KioskCoreApi; log: ShellLog }): () => void {
  const { core, log } = deps;

  const sendView = (view: ViewModel): void => {
    // Only our own page gets view models (they can hold the citizen's data).
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(CHANNELS.view, view);
  };

  const sendKeypad = (input: KeypadInput): void => {
    // Digits typed on the keypad can be a PIN: only our own page gets them.
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(CHANNELS.keypad, input);
  };

  const onIntent = (event: IpcMainInvokeEvent, payload: unknown): IntentResult => {
    const sender = checkIpcSender(event, contents);
    if (!sender.trusted) {
      log.warn({ channel: CHANNELS.intent, reason: sender.reason }, 'IPC refused: untrusted sender');
      return REFUSED;
    }
    const parsed = parseIntentPayload(payload);
    if (!parsed.ok) {
      log.warn({ channel: CHANNELS.intent, reason: parsed.reason, issues: parsed.issues }, 'IPC refused: invalid intent');
      return INVALID;
    }
    try {
      return core.handle(parsed.intent);
    } catch (error) {
      // The core promises not to throw; if it does, the page gets an answer, not a rejected promise.
      log.error({ intent: parsed.intent.type, error: error instanceof Error ? error.message : String(error) }, 'core threw while handling an intent');
      return UNAVAILABLE;
    }
  };

  const onSync = (event: IpcMainEvent): void => {
    const sender = checkIpcSender(event, contents);
    if (!sender.trusted) {
      log.warn({ channel: CHANNELS.sync, reason: sender.reason }, 'IPC refused: untrusted sender');
      return;
    }
    sendView(core.view());
  };

  contents.ipc.handle(CHANNELS.intent, onIntent);
  contents.ipc.on(CHANNELS.sync, onSync);
  const unsubscribe = core.subscribe(sendView);
  const unsubscribeKeypad = core.onKeypad(sendKeypad);
  return () => {
    unsubscribe();
    unsubscribeKeypad();
    contents.ipc.removeHandler(CHANNELS.intent);
    contents.ipc.removeListener(CHANNELS.sync, onSync);
  };
}

import type { Intent, IntentResult, KeypadInput, ViewModel } from '../contract/index.ts';

/**
 * The one API every shell drives (Actual Budget style: one core, many
 * front ends). The Electron shell calls it over IPC from the preload; the
 * browser shell over the loopback WebSocket bridge. Nothing else of the core
 * is visible to a shell.
 */
export interface KioskCoreApi {
  /** Apply one validated intent from the page. Never throws: failures come back as results. */
  handle(intent: Intent): IntentResult;
  /** The current view model. */
  view(): ViewModel;
  /** Called with every new view model; returns an unsubscribe function. */
  subscribe(listener: (view: ViewModel) => void): () => void;
  /** Called with every key of the tactile keypad, for the page; returns an unsubscribe function. */
  onKeypad(listener: (input: KeypadInput) => void): () => void;
  /**
   * The shell lost its page (renderer crash, reload): the core keeps the
   * session but a shell that cannot recover calls this to show citizens the
   * out-of-service screen.
   */
  setOutOfService(reason: 'renderer-failures' | 'technician' | 'device' | 'journal' | null, detail?: string): void;
  /** Wipe the current citizen session now (shell-initiated, e.g. window recreated). */
  wipeSession(reason: string): void;
}

import type { ViewModel } from '../contract/index.ts';
import type { KioskCoreApi } from '../core/kiosk-core-api.ts';
import type { ShellLog } from './shell-log.ts';
import { describeError } from './shell-log.ts';

/**
 * Session hygiene on the browser side: whenever the core starts or wipes a
 * citizen session (a new `sessionEpoch`), everything the page may have
 * stored (localStorage, IndexedDB, cache, cookies) is cleared, so nothing
 * of one citizen is left for the next. The partition is in memory anyway,
 * so nothing reaches the disk; this covers the time between two citizens.
 */
export function clearStorageOnNewSession(options: {
  subscribe: KioskCoreApi['subscribe'];
  initialView: ViewModel;
  clear(): Promise<void>;
  log: ShellLog;
}): () => void {
  let epoch = options.initialView.sessionEpoch;
  return options.subscribe((view) => {
    if (view.sessionEpoch === epoch) return;
    const previous = epoch;
    epoch = view.sessionEpoch;
    options
      .clear()
      .then(() => options.log.info({ previousEpoch: previous, sessionEpoch: epoch }, 'page storage cleared for the new session'))
      .catch((error: unknown) => options.log.error({ error: describeError(error) }, 'could not clear page storage'));
  });
}

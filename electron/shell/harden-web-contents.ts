import type { WebContents } from 'electron';
import { inputVerdict } from './input-guard.ts';
import { denyWindowOpen, isNavigationAllowed, urlForLog } from './navigation-guards.ts';
import type { ShellLog } from './shell-log.ts';

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'),
 * so a page can never be opened without its guards:
 * - navigation, redirects and frame navigation off the app origin are stopped;
 * - window.open and target=_blank are denied (and nothing goes to the OS);
 * - <webview> cannot be attached;
 * - kiosk-breaking shortcuts are dropped (input-guard.ts);
 * - zoom stays at 100 %: pinch is limited to 1..1 and Ctrl+wheel zoom is undone;
 * - a page's beforeunload cannot hold up a reload with a dialog;
 * - Bluetooth device pickers and HTTP auth prompts are cancelled;
 * - developer tools are closed if they somehow open outside development mode.
 */
export type HardenableContents = Pick<
  WebContents,
  'on' | 'setWindowOpenHandler' | 'setVisualZoomLevelLimits' | 'setZoomLevel' | 'closeDevTools' | 'toggleDevTools' | 'reload'
>;

export function hardenWebContents(contents: HardenableContents, options: { devMode: boolean; log: ShellLog }): void {
  const { devMode, log } = options;

  const stopUnlessAllowed = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isNavigationAllowed(url, devMode)) return;
    event.preventDefault();
    log.warn({ kind, url: urlForLog(url) }, 'navigation off the app origin prevented');
  };
  contents.on('will-navigate', (event, url) => stopUnlessAllowed('will-navigate')(event, url));
  contents.on('will-redirect', (event, url) => stopUnlessAllowed('will-redirect')(event, url));
  contents.on('will-frame-navigate', (details) => stopUnlessAllowed('will-frame-navigate')(details, details.url));

  contents.setWindowOpenHandler((details) => {
    log.warn({ url: urlForLog(details.url) }, 'window.open denied');
    return denyWindowOpen();
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, '<webview> attachment prevented');
  });

  contents.on('before-input-event', (event, input) => {
    const verdict = inputVerdict(input, { devMode });
    if (verdict.action === 'allow') return;
    event.preventDefault();
    if (verdict.action === 'dev-shortcut') {
      if (input.type !== 'keyDown') return;
      if (verdict.group === 'devtools') contents.toggleDevTools();
      else contents.reload();
      return;
    }
    if (input.type === 'keyDown') log.info({ group: verdict.group }, 'shortcut blocked');
  });

  const lockZoom = () => {
    contents.setZoomLevel(0);
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => log.warn({ error: String(error) }, 'could not limit pinch zoom'));
  };
  lockZoom();
  // Zoom limits belong to the loaded page in Chromium, so they are set again after each load.
  contents.on('did-finish-load', lockZoom);
  contents.on('zoom-changed', () => contents.setZoomLevel(0));

  contents.on('will-prevent-unload', (event) => event.preventDefault());

  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  contents.on('login', (event, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });

  if (!devMode) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      log.warn({}, 'developer tools closed (not in development mode)');
    });
  }
  contents.on('preload-error', (_event, preloadPath, error) => {
    log.error({ preloadPath, error: error.message }, 'the preload script failed; the page has no kiosk API');
  });
}

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The kiosk session partition. No "persist:" prefix: cookies, localStorage,
 * IndexedDB and cache live in memory only, so nothing a citizen typed is
 * ever written to the kiosk's disk by Chromium.
 */
export const KIOSK_PARTITION = 'kiosk';

/**
 * Electron's security checklist, as window settings: the page runs
 * sandboxed and context-isolated with no Node, cannot load insecure
 * content, embed <webview>, navigate by drag and drop, open dialogs or
 * spell-check (which would download dictionaries). Developer tools exist
 * only in development mode.
 */
export function kioskWebPreferences(options: { preloadPath: string; devMode: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    partition: KIOSK_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableDialogs: true,
    safeDialogs: true,
    devTools: options.devMode,
    // The idle countdown must keep time even if the OS thinks the window is hidden.
    backgroundThrottling: false,
    // Spoken prompts start without a tap (accessibility: the citizen may not see the screen).
    autoplayPolicy: 'no-user-gesture-required',
    zoomFactor: 1,
  };
}

/**
 * Production: a frameless kiosk window covering the screen that cannot be
 * moved, resized, minimised or closed by the user. Development: an ordinary
 * window at a kiosk-like size, so the developer keeps their desktop.
 */
export function kioskWindowOptions(options: { preloadPath: string; devMode: boolean }): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: 'Khidma Kiosk',
    // Shown on ready-to-show, so a citizen never sees a blank white flash.
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: kioskWebPreferences(options),
  };
  if (options.devMode) {
    return { ...common, width: 1280, height: 900, useContentSize: true };
  }
  return {
    ...common,
    kiosk: true,
    fullscreen: true,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: false,
    skipTaskbar: true,
  };
}

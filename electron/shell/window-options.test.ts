import { describe, expect, it } from 'vitest';
import { KIOSK_PARTITION, kioskWindowOptions } from './window-options.ts';

describe('kioskWindowOptions', () => {
  const production = kioskWindowOptions({ preloadPath: '/app/dist/electron/shell/preload.cjs', devMode: false });
  const development = kioskWindowOptions({ preloadPath: '/app/dist/electron/shell/preload.cjs', devMode: true });

  it.each([
    ['production', production],
    ['development', development],
  ])('keeps every security setting in %s', (_mode, options) => {
    expect(options.webPreferences).toMatchObject({
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
      preload: '/app/dist/electron/shell/preload.cjs',
      partition: KIOSK_PARTITION,
    });
    expect(options.webPreferences?.enableBlinkFeatures).toBeUndefined();
    expect(options.show).toBe(false);
  });

  it('uses an in-memory session partition (nothing a citizen typed reaches the disk)', () => {
    expect(KIOSK_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('production: a full-screen kiosk window without frame, devtools or a way to close it', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false, movable: false, resizable: false });
    expect(production.webPreferences?.devTools).toBe(false);
  });

  it('development: an ordinary window with devtools', () => {
    expect(development.kiosk).toBeUndefined();
    expect(development.webPreferences?.devTools).toBe(true);
  });
});

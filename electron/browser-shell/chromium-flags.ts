export type ChromiumWindowMode = 'kiosk' | 'app' | 'headless';

/**
 * Command-line switches for the system Chromium that shows the kiosk. A
 * throwaway profile, no first-run or sync bubbles, no translate or crash
 * prompts, no pinch zoom or swipe navigation, no background calls to the
 * network (this kiosk talks to 127.0.0.1 only).
 */
export function chromiumArgs(mode: ChromiumWindowMode, url: string, profileDir: string, runningAsRoot = false): string[] {
  const common = [
    // Chromium refuses to start its sandbox as root. Kiosks run as an unprivileged user; root happens
    // only on development and CI machines, where the page is our own loopback kiosk.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,MediaRouter,InterestFeedContentSuggestions',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-session-crashed-bubble',
    '--disable-crash-reporter',
    '--noerrdialogs',
    '--disable-infobars',
    '--hide-crash-restore-bubble',
    '--password-store=basic',
    '--autoplay-policy=no-user-gesture-required',
    '--check-for-update-interval=31536000',
  ];
  switch (mode) {
    case 'kiosk':
      return [...common, '--kiosk', '--start-fullscreen', url];
    case 'app':
      return [...common, `--app=${url}`, '--window-size=1080,1920'];
    case 'headless':
      return [...common, '--headless', '--disable-gpu', url];
  }
}

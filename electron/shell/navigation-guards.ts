import { isAppUrl } from './app-origin.ts';

/**
 * The kiosk page may only ever be on the app origin. A link, a redirect or
 * script setting `location` to anything else is stopped before it starts:
 * a citizen must never reach a web page, a file or a browser error page.
 * Developer tools' own pages are allowed in development mode only.
 */
export function isNavigationAllowed(url: string, devMode: boolean): boolean {
  if (isAppUrl(url)) return true;
  return devMode && url.startsWith('devtools://');
}

/** For `webContents.setWindowOpenHandler`: the kiosk never opens a second window or hands a URL to the OS. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Logs carry where a page tried to go without its query (which could hold personal data). */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '<unparsable>';
  }
}

import { APP_ORIGIN, isAppUrl } from './app-origin.ts';

/**
 * For `session.webRequest.onBeforeRequest`: the kiosk page talks to nothing
 * but its own origin. The core makes every network call (gateway, payment)
 * from the main process; a request from the page to http(s), ws(s), ftp or
 * file is a bug or an attack, and is cancelled.
 */
export function isRequestAllowed(url: string, devMode: boolean): boolean {
  if (isAppUrl(url)) return true;
  // Vite inlines small images; blob: URLs the page creates itself stay on its origin.
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  return devMode && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'));
}

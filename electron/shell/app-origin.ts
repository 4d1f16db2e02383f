/**
 * The renderer is served from `app://kiosk/`, a privileged standard scheme,
 * never from file://: a file:// page shares its origin with every file on
 * the disk, and Chromium grants file:// extra privileges. One fixed origin
 * also makes every check below (navigation, IPC sender, CSP 'self') exact.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on our app origin. Node's URL reports the origin of a
 * non-special scheme as "null", so scheme and host are compared instead; a
 * port or credentials make it a different place.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The configured Chromium, or the first one installed in a usual place; null when none. */
export function findChromium(configured: string | null, candidates: readonly string[] = CANDIDATES): string | null {
  for (const path of configured ? [configured] : candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next place
    }
  }
  return null;
}

/** Whether a window can be shown at all (X11 or Wayland). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

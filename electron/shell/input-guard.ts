/**
 * Keyboard shortcuts a citizen (or a keyboard left attached for service)
 * must not be able to use on the kiosk page: reload, developer tools,
 * close/quit, zoom, print, fullscreen toggle, history navigation and view
 * source. Used from `before-input-event`, which sees keys before the page
 * and before Chromium's own accelerators.
 *
 * Letters are matched by physical key (`code`) as well as by `key`,
 * because on an Arabic layout Ctrl+R arrives with key 'ق' but code 'KeyR'.
 * Keys the window manager takes first (Alt+F4 on Linux, Ctrl+Alt+Del,
 * Alt+Tab) never reach the page: those are locked down in the OS kiosk
 * session, and the window's close guard refuses Alt+F4 there too.
 */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export type ShortcutGroup = 'reload' | 'devtools' | 'close' | 'zoom' | 'print' | 'fullscreen' | 'history' | 'view-source';

/**
 * - allow: an ordinary key, the page gets it;
 * - block: a kiosk-breaking shortcut, dropped;
 * - dev-shortcut: development mode only; with no application menu there is
 *   no built-in accelerator left, so the shell performs reload/devtools itself.
 */
export type InputVerdict = { action: 'allow' } | { action: 'block'; group: ShortcutGroup } | { action: 'dev-shortcut'; group: 'reload' | 'devtools' };

const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);

function isLetter(input: KeyInput, letter: string): boolean {
  return input.code === `Key${letter.toUpperCase()}` || input.key.toLowerCase() === letter;
}

function shortcutGroup(input: KeyInput): ShortcutGroup | null {
  // Ctrl+Alt is AltGr on Windows (AltGr+Q types '@' on a German keyboard): not a shortcut.
  const cmdOrCtrl = (input.control && !input.alt) || input.meta;
  const key = input.key;
  if (key === 'F5' || key === 'BrowserRefresh' || (cmdOrCtrl && isLetter(input, 'r'))) return 'reload';
  if (key === 'F12' || (((input.control && input.shift) || (input.meta && input.alt)) && (isLetter(input, 'i') || isLetter(input, 'j') || isLetter(input, 'c')))) return 'devtools';
  if ((input.alt && key === 'F4') || (cmdOrCtrl && (key === 'F4' || isLetter(input, 'w') || isLetter(input, 'q')))) return 'close';
  if (cmdOrCtrl && (ZOOM_CODES.has(input.code) || ZOOM_KEYS.has(key))) return 'zoom';
  if (cmdOrCtrl && isLetter(input, 'p')) return 'print';
  if (key === 'F11' || (input.control && input.meta && isLetter(input, 'f'))) return 'fullscreen';
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserHome' || (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home'))) return 'history';
  if (cmdOrCtrl && isLetter(input, 'u')) return 'view-source';
  return null;
}

export function inputVerdict(input: KeyInput, options: { devMode: boolean }): InputVerdict {
  const group = shortcutGroup(input);
  if (group === null) return { action: 'allow' };
  if (options.devMode && (group === 'reload' || group === 'devtools')) return { action: 'dev-shortcut', group };
  return { action: 'block', group };
}

/**
 * A public touchscreen is not a web page: no zoom, no context menu, no text
 * selection outside inputs, no drag, no swipe or key navigation away from the
 * kiosk. Installed once at start-up, before the app renders. The CSS side
 * (touch-action, user-select, overscroll-behavior) is in styles/theme.css.
 */
export function installPageHygiene(doc: Document = document, win: Window = window): void {
  const prevent = (event: Event) => event.preventDefault();
  const active = { passive: false, capture: true } as AddEventListenerOptions;
  // Ctrl+wheel and trackpad pinch zoom (Chromium reports pinch as ctrl+wheel).
  win.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), active);
  // Safari-style gesture events and multi-finger touch moves (pinch).
  doc.addEventListener('gesturestart', prevent, active);
  doc.addEventListener('gesturechange', prevent, active);
  doc.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), active);
  doc.addEventListener('contextmenu', prevent, true);
  doc.addEventListener('dragstart', prevent, true);
  doc.addEventListener('drop', prevent, true);
  doc.addEventListener('selectstart', (event) => {
    if (!isTextField(event.target)) event.preventDefault();
  });
  win.addEventListener('keydown', (event) => shouldBlockKey(event, isTextField(event.target)) && event.preventDefault(), true);
}

function isTextField(target: EventTarget | null): boolean {
  const element = target as Element | null;
  return Boolean(element?.closest?.('input, textarea'));
}

/** The parts of a key event the decision needs (so it is unit-tested without a DOM). */
export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const CTRL_BLOCKED = new Set(['+', '-', '=', '0', 'r', 'p', 's', 'o', 'f', 'n', 't', 'w', 'l', 'u', 'h', 'j']);

/**
 * Keys that would navigate, reload, zoom, print, open or save: a kiosk has
 * no physical keyboard, but a technician's or a stray USB one must not get
 * the citizen out of the app. Tab, arrows, Enter and Space stay (keypad
 * navigation).
 */
export function shouldBlockKey(event: KeyLike, inTextField: boolean): boolean {
  if (event.key === 'Backspace' && !inTextField) return true; // "back" in old browsers
  if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home')) return true;
  if ((event.ctrlKey || event.metaKey) && CTRL_BLOCKED.has(event.key.toLowerCase())) return true;
  if (/^F([1-9]|1[0-2])$/.test(event.key)) return true;
  if (event.key === 'BrowserBack' || event.key === 'BrowserForward' || event.key === 'BrowserHome' || event.key === 'BrowserRefresh') return true;
  return false;
}

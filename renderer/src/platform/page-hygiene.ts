/**
 * A public touchscreen is not a web page: no zoom, no context menu, no text
 * selection outside inputs, no drag, no swipe or key navigation away from the
 * kiosk. Installed once at start-up.
 */
export function installPageHygiene(doc: Document = document, win: Window = window): void {
  const prevent = (event: Event) => event.preventDefault();
  const opts = { passive: false } as AddEventListenerOptions;
  // Ctrl+wheel and trackpad pinch zoom.
  win.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), opts);
  // Safari-style gesture events and multi-finger touch moves (pinch).
  doc.addEventListener('gesturestart', prevent, opts);
  doc.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), opts);
  doc.addEventListener('contextmenu', prevent);
  doc.addEventListener('dragstart', prevent);
  doc.addEventListener('drop', prevent);
  doc.addEventListener('selectstart', (event) => {
    const target = event.target as HTMLElement | null;
    if (!target?.closest?.('input, textarea')) event.preventDefault();
  });
  win.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      const inField = Boolean(target?.closest?.('input, textarea'));
      const navigates =
        (event.key === 'Backspace' && !inField) ||
        (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) ||
        ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0', 'r', 'R', 'p', 'P', 's', 'S', 'o', 'O', 'f', 'F'].includes(event.key)) ||
        event.key === 'F5' ||
        event.key === 'F11' ||
        event.key === 'F12';
      if (navigates) event.preventDefault();
    },
    true,
  );
}

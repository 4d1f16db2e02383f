import type { KeypadInput } from '../../../electron/contract/index.ts';
import { activeScope, FOCUSABLE } from './focusable.ts';

/**
 * The page driven by the tactile keypad alone (DESIGN §6), for citizens who
 * cannot see or reach the touchscreen. Arrows move the focus through the
 * screen's controls (inside an open dialog only, as Tab does); Enter presses
 * the focused control, or the screen's main action when nothing has focus;
 * Cancel, Back and Help press the frame's buttons; digits, Clear and Back
 * type on the PIN pad or the on-screen keyboard that is showing.
 *
 * Every key ends in a click on a control the page already has, so the keypad
 * can do exactly what a finger can, no more, and no intent is sent that a
 * touch could not send.
 */

/** The screen's main action when nothing has focus, in order of preference. */
const DEFAULT_ACTIONS = ['btn-continue', 'tech-pin-ok', 'password-continue', 'screen-attract'];

export type KeypadOutcome = 'moved' | 'pressed' | 'ignored';

/** Next or previous in reading order: up is always back; left is back on a left-to-right page and forward on a right-to-left one. */
export function stepFor(direction: 'up' | 'down' | 'left' | 'right', pageDirection: 'ltr' | 'rtl'): -1 | 1 {
  if (direction === 'up') return -1;
  if (direction === 'down') return 1;
  const towardsStart = pageDirection === 'ltr' ? direction === 'left' : direction === 'right';
  return towardsStart ? -1 : 1;
}

/** The focus index after a step, wrapping at both ends; -1 (nothing focused) starts at the first or the last. */
export function nextIndex(current: number, count: number, step: -1 | 1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

function visible(element: Element): boolean {
  return element.getClientRects().length > 0 && !element.closest('[inert]');
}

function byTestId(scope: ParentNode, ids: readonly string[]): HTMLElement | null {
  for (const id of ids) {
    const found = scope.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (found && visible(found) && !(found as HTMLButtonElement).disabled) return found;
  }
  return null;
}

function press(element: HTMLElement | null): KeypadOutcome {
  if (!element) return 'ignored';
  element.click();
  return 'pressed';
}

export function handleKeypad(input: KeypadInput, doc: Document): KeypadOutcome {
  const scope = activeScope(doc);
  switch (input.kind) {
    case 'navigate': {
      const controls = [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(visible);
      const current = controls.indexOf(doc.activeElement as HTMLElement);
      const direction = doc.documentElement.dir === 'rtl' ? 'rtl' : 'ltr';
      const target = controls[nextIndex(current, controls.length, stepFor(input.direction, direction))];
      if (!target) return 'ignored';
      target.focus();
      target.scrollIntoView({ block: 'nearest' });
      return 'moved';
    }
    case 'confirm': {
      const focused = doc.activeElement as HTMLElement | null;
      if (focused && focused !== doc.body && scope.contains(focused) && focused.matches('button, [role="button"], [tabindex]:not([tabindex="-1"])')) return press(focused);
      return press(byTestId(scope, DEFAULT_ACTIONS));
    }
    case 'digit': {
      const key = `[data-key="${input.digit}"]`;
      return press(scope.querySelector<HTMLElement>(`[data-testid="pin-key"]${key}`) ?? scope.querySelector<HTMLElement>(`[data-testid="osk-key"]${key}`));
    }
    case 'clear':
      return press(byTestId(scope, ['pin-clear', 'osk-clear']));
    case 'backspace':
      // On a PIN pad or keyboard it deletes a digit; elsewhere it is the frame's Back.
      return press(byTestId(scope, ['pin-backspace', 'osk-backspace', 'btn-back']));
    case 'cancel':
      return press(byTestId(scope, ['btn-close-help', 'btn-cancel', 'btn-end-session', 'tech-exit']));
    case 'help':
      return press(byTestId(scope, ['btn-help']));
    case 'symbol':
      return 'ignored';
  }
}

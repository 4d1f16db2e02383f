/**
 * What the page says through the keypad's headphones (DESIGN §6): the screen
 * when it changes (its heading, its lead line, an error), the control the
 * keypad moved the focus to (its name and what it is), and "digit entered"
 * for a PIN digit — never the digit, never a password. The words go to the
 * core, which speaks them only while headphones are plugged in.
 */
import type { KeypadInput, ViewModel } from '../../../electron/contract/index.ts';
import type { KeypadOutcome } from './keypad-navigation.ts';
import { activeScope } from './focusable.ts';

type Translate = (key: string) => string;

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The words as laid out (innerText puts a break between blocks, where textContent runs "Title" and "Details" together). */
const words = (element: Element | null | undefined) => clean(element ? ((element as HTMLElement).innerText ?? element.textContent) : '');

/** Fields whose content is never read out. */
const SECRET = new Set(['password']);

export function describeScreen(doc: Document): string {
  const scope = activeScope(doc);
  const parts = [
    words(scope.querySelector('h1, h2')),
    words(scope.querySelector('.step__lead, [data-testid="message-body"]')),
    words(scope.querySelector('[role="alert"]')),
  ];
  return parts.filter(Boolean).join('. ').slice(0, 600);
}

export function describeFocus(element: Element | null, t: Translate): string | null {
  if (!element || !(element instanceof HTMLElement)) return null;
  if (element instanceof HTMLInputElement) {
    const label = words(element.labels?.[0]) || clean(element.getAttribute('aria-label'));
    const value = SECRET.has(element.type) ? '' : clean(element.value);
    return [label, t('speech.field'), value].filter(Boolean).join(', ').slice(0, 600);
  }
  const name = clean(element.getAttribute('aria-label')) || words(element);
  if (!name) return null;
  const disabled = element.getAttribute('aria-disabled') === 'true' || (element as HTMLButtonElement).disabled;
  return [name, t('speech.button'), disabled ? t('speech.unavailable') : ''].filter(Boolean).join(', ').slice(0, 600);
}

/** A new screen, step, dialog or session is something to announce; the same view sent again is not. */
export function screenKey(view: ViewModel): string {
  const step = view.screen === 'step' ? view.step.stepId : '';
  const phase = view.screen === 'technician' ? view.technician.phase : '';
  return [view.screen, step, phase, view.sessionEpoch, view.helpOpen, view.language].join('|');
}

export interface SpeechGuideDeps {
  speak(text: string, interrupt: boolean): void;
  t: Translate;
  /** Runs once the page has rendered the view (the words come from the page). */
  afterPaint(fn: () => void): void;
  doc: Document;
}

/** Listens to views and keypad keys; says the right thing while headphones are in. */
export function createSpeechGuide(deps: SpeechGuideDeps) {
  let headphones = false;
  let lastScreen = '';
  const say = (text: string | null, interrupt = true) => {
    if (headphones && text) deps.speak(text, interrupt);
  };
  return {
    viewChanged(view: ViewModel): void {
      const plugged = view.headphones === true;
      const key = screenKey(view);
      const justPlugged = plugged && !headphones;
      headphones = plugged;
      if (!plugged || (key === lastScreen && !justPlugged)) {
        lastScreen = key;
        return;
      }
      lastScreen = key;
      deps.afterPaint(() => {
        say(describeScreen(deps.doc));
        if (justPlugged) say(deps.t('speech.howTo'), false);
      });
    },
    keyHandled(input: KeypadInput, outcome: KeypadOutcome): void {
      if (outcome === 'moved') say(describeFocus(deps.doc.activeElement, deps.t));
      // A PIN digit: that one was typed, never which.
      else if (input.kind === 'digit' && outcome === 'pressed') say(deps.t('speech.digitEntered'));
    },
  };
}

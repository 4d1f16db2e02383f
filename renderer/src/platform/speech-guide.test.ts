import { describe, expect, it } from 'vitest';
import type { ViewModel } from '../../../electron/contract/index.ts';
import { createSpeechGuide, screenKey } from './speech-guide.ts';

/** Just enough of a document for describeScreen: a heading and a lead line. */
function fakeDoc(heading: string, lead: string) {
  const node = (text: string) => ({ textContent: text });
  const page = { querySelector: (selector: string) => (selector.startsWith('h1') ? node(heading) : selector.startsWith('.step__lead') ? node(lead) : null) };
  return { ...page, body: page } as unknown as Document;
}

const view = (over: Partial<ViewModel> = {}): ViewModel => ({ screen: 'language', language: 'en', sessionEpoch: 1, idle: { phase: 'active' }, helpOpen: false, ...over }) as ViewModel;

function setup() {
  const said: { text: string; interrupt: boolean }[] = [];
  const guide = createSpeechGuide({
    speak: (text, interrupt) => said.push({ text, interrupt }),
    t: (key) => `«${key}»`,
    afterPaint: (fn) => fn(),
    doc: fakeDoc('Choose your language', 'Touch a language to begin'),
  });
  return { guide, said };
}

describe('speech guide', () => {
  it('says nothing without headphones', () => {
    const { guide, said } = setup();
    guide.viewChanged(view());
    guide.keyHandled({ kind: 'digit', digit: '4' }, 'pressed');
    expect(said).toEqual([]);
  });

  it('when headphones go in: the screen, then how to use the keypad; the same screen again is not repeated', () => {
    const { guide, said } = setup();
    guide.viewChanged(view());
    guide.viewChanged(view({ headphones: true }));
    expect(said).toEqual([
      { text: 'Choose your language. Touch a language to begin', interrupt: true },
      { text: '«speech.howTo»', interrupt: false },
    ]);
    guide.viewChanged(view({ headphones: true }));
    expect(said).toHaveLength(2);
    guide.viewChanged(view({ headphones: true, screen: 'menu', services: [] } as Partial<ViewModel>));
    expect(said).toHaveLength(3);
  });

  it('a PIN digit is "digit entered", never the digit', () => {
    const { guide, said } = setup();
    guide.viewChanged(view({ headphones: true }));
    said.length = 0;
    guide.keyHandled({ kind: 'digit', digit: '7' }, 'pressed');
    guide.keyHandled({ kind: 'digit', digit: '3' }, 'ignored');
    expect(said).toEqual([{ text: '«speech.digitEntered»', interrupt: true }]);
    expect(JSON.stringify(said)).not.toMatch(/7/);
  });

  it('a screen is told apart by screen, step, dialog, session and language', () => {
    expect(screenKey(view())).not.toBe(screenKey(view({ helpOpen: true })));
    expect(screenKey(view())).not.toBe(screenKey(view({ sessionEpoch: 2 })));
    expect(screenKey(view())).toBe(screenKey(view()));
  });
});

import type { Language } from '../../contract/index.ts';

/**
 * Speech for citizens who use the kiosk by the tactile keypad and its
 * headphones (DESIGN §6). The page decides what to say (it knows what has
 * focus); the core speaks it, and only while headphones are plugged into the
 * keypad — never through a loudspeaker, since a screen can hold the citizen's
 * name and address. What is said is never logged, and a PIN is never in it
 * (the page says "digit entered").
 */
export interface SpeechOutput {
  /** Say this; `interrupt` cuts off what is being said (a new screen, a new focus). */
  say(text: string, language: Language, interrupt: boolean): void;
  /** Stop at once (headphones pulled out, session wiped). */
  stop(): void;
}

/** For development and tests: keeps the last utterances in memory (read through a test hook), says nothing. */
export function recordingSpeech(limit = 50): SpeechOutput & { utterances(): { text: string; language: Language }[] } {
  let said: { text: string; language: Language }[] = [];
  return {
    say(text, language) {
      said = [...said, { text, language }].slice(-limit);
    },
    stop() {},
    utterances: () => said,
  };
}

export const silentSpeech: SpeechOutput = { say() {}, stop() {} };

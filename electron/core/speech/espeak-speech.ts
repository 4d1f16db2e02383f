import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log/logger.ts';
import type { SpeechOutput } from './speech-output.ts';

/**
 * Speech through espeak-ng (a Debian package; the kiosk image installs it),
 * to the default audio output, which on a kiosk is the keypad's headphone
 * jack. The text goes on stdin, never on the command line (where `ps` would
 * show it). One utterance at a time: a new one that interrupts kills the last.
 */
export function espeakSpeech(options: { logger: Logger; command?: string; rate?: number }): SpeechOutput {
  const command = options.command ?? 'espeak-ng';
  const logger = options.logger.child({ component: 'speech' });
  let current: ChildProcess | null = null;
  let queue: Promise<void> = Promise.resolve();

  const speakNow = (text: string, voice: string) =>
    new Promise<void>((resolve) => {
      const child = spawn(command, ['-v', voice, '-s', String(options.rate ?? 150), '--stdin'], { stdio: ['pipe', 'ignore', 'ignore'] });
      current = child;
      child.once('error', (error) => {
        // No engine: the kiosk keeps working, silently; a technician sees this in the log.
        logger.error({ err: error.message }, 'speech engine could not start');
        resolve();
      });
      child.once('exit', () => {
        if (current === child) current = null;
        resolve();
      });
      child.stdin?.end(text);
    });

  return {
    say(text, language, interrupt) {
      const voice = language === 'ar' ? 'ar' : 'en';
      if (interrupt) {
        current?.kill();
        queue = Promise.resolve();
      }
      queue = queue.then(() => speakNow(text, voice));
    },
    stop() {
      current?.kill();
      queue = Promise.resolve();
    },
  };
}

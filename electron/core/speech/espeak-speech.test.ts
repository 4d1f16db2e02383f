import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { espeakSpeech } from './espeak-speech.ts';

/** A stand-in for espeak-ng that writes its arguments and stdin to a file. */
function fakeEngine() {
  const dir = mkdtempSync(join(tmpdir(), 'speech-'));
  const out = join(dir, 'said.txt');
  const script = join(dir, 'fake-espeak');
  writeFileSync(script, `#!/bin/sh\nprintf '%s|' "$@" >> ${out}\ncat >> ${out}\necho >> ${out}\n`);
  chmodSync(script, 0o755);
  return { command: script, said: () => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : []) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('speech through espeak-ng', () => {
  it('speaks in the voice of the language, with the text on stdin (not on the command line), one after another', async () => {
    const engine = fakeEngine();
    const speech = espeakSpeech({ logger: createMemoryLogger().logger, command: engine.command });
    speech.say('Choose your language', 'en', false);
    speech.say('اختر لغتك', 'ar', false);
    await until(() => engine.said().length === 2);
    expect(engine.said()).toEqual(['-v|en|-s|150|--stdin|Choose your language', '-v|ar|-s|150|--stdin|اختر لغتك']);
  });

  it('a missing engine is logged and the kiosk goes on, silent', async () => {
    const log = createMemoryLogger();
    const speech = espeakSpeech({ logger: log.logger, command: '/nonexistent/espeak-ng' });
    speech.say('Hello', 'en', true);
    await until(() => log.text().includes('speech engine could not start'));
    expect(log.text()).toContain('speech engine could not start');
    expect(log.text()).not.toContain('Hello');
  });
});

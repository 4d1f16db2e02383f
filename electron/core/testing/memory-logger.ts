import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../log/logger.ts';

/** A real pino logger writing into memory, so tests can read what was logged. */
export function createMemoryLogger(level = 'debug'): { logger: Logger; stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level, destination: stream });
  const text = () => chunks.join('');
  return {
    logger,
    stream,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

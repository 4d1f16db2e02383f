import pino, { type Logger, type DestinationStream } from 'pino';
import { REDACTED, redactionPaths } from './redaction.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. Tests pass a memory stream. */
  destination?: DestinationStream;
}

/** Structured JSON logs with personal fields redacted at the source. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'khidma-kiosk' },
      redact: { paths: redactionPaths(), censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

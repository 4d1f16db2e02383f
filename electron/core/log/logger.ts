import pino, { type Logger, type DestinationStream } from 'pino';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { REDACTED, redactionPaths } from './redaction.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. Tests pass a memory stream. */
  destination?: DestinationStream;
  /**
   * Also write to this file (the technician's log export reads it). Already
   * redacted: redaction happens before any destination. Rotated at start when
   * it has grown past `maxFileBytes` (one previous file kept as `.1`).
   */
  file?: string;
  maxFileBytes?: number;
}

/** Structured JSON logs with personal fields redacted at the source. */
export function createLogger(options: LoggerOptions): Logger {
  const primary = options.destination ?? pino.destination({ fd: 1, sync: true });
  let destination: DestinationStream = primary;
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    if (existsSync(options.file) && statSync(options.file).size > (options.maxFileBytes ?? 5 * 1024 * 1024)) renameSync(options.file, `${options.file}.1`);
    destination = pino.multistream([{ stream: primary }, { stream: pino.destination({ dest: options.file, sync: true }) }]);
  }
  return pino(
    {
      level: options.level,
      base: { app: 'khidma-kiosk' },
      redact: { paths: redactionPaths(), censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The logging drivers need, structurally compatible with a pino logger's
 * `info(obj, msg)` shape but small enough to fake in tests. Drivers log
 * device facts (link up/down, protocol errors, completion codes) and never
 * personal data: no fingerprint template, no key identity during PIN entry,
 * no scanned text.
 */
export interface DeviceLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const SILENT_LOG: DeviceLog = { info: () => {}, warn: () => {} };

/**
 * The journal cannot be trusted or written (corrupt, full, read-only, gone).
 * The kiosk must go out of service before it takes money: without a journal
 * a crash could lose a payment.
 */
export class JournalUnavailableError extends Error {
  readonly reason: 'corrupt' | 'full' | 'unwritable' | 'closed' | 'migration';
  constructor(reason: JournalUnavailableError['reason'], message: string) {
    super(message);
    this.name = 'JournalUnavailableError';
    this.reason = reason;
  }
}

/** SQLite error text → why the journal is unavailable. */
export function classifySqliteError(error: unknown): JournalUnavailableError {
  const message = error instanceof Error ? error.message : String(error);
  if (/full|SQLITE_FULL/i.test(message)) return new JournalUnavailableError('full', `journal is full: ${message}`);
  if (/readonly|read-only|SQLITE_READONLY|permission|EACCES|unable to open/i.test(message)) return new JournalUnavailableError('unwritable', `journal cannot be written: ${message}`);
  if (/malformed|corrupt|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(message)) return new JournalUnavailableError('corrupt', `journal is corrupt: ${message}`);
  return new JournalUnavailableError('unwritable', `journal write failed: ${message}`);
}

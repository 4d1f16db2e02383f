/**
 * The little the shell needs from a logger. The core's pino logger fits it;
 * before the core (and its logger) exists the shell writes JSON lines to
 * stderr through `createConsoleLog`, so a start-up failure is never silent.
 */
export interface ShellLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export function createConsoleLog(write: (line: string) => void = (line) => process.stderr.write(line)): ShellLog {
  const emit = (level: string) => (fields: object, message: string) => {
    write(`${JSON.stringify({ level, time: new Date().toISOString(), app: 'khidma-kiosk', component: 'electron-shell', ...fields, msg: message })}\n`);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Error objects do not survive JSON.stringify; keep their name and message (never a citizen's data). */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Wrong technician PINs and the lockout they cause, kept in the data
 * directory so that switching the kiosk off and on does not reset the count.
 * A file that cannot be read is treated as "locked now": an attacker must not
 * be able to clear the count by corrupting it.
 */
export interface LockoutState {
  failures: number;
  lockedUntil: number | null;
}

export interface LockoutStore {
  read(): LockoutState;
  write(state: LockoutState): void;
}

export function fileLockoutStore(file: string, now: () => number, lockoutMs: number): LockoutStore {
  // Read from disk once (the count must survive a restart); afterwards this process is the only writer, so memory is the truth.
  let cached: LockoutState | null = null;
  const load = (): LockoutState => {
    if (!existsSync(file)) return { failures: 0, lockedUntil: null };
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as LockoutState;
      if (typeof value.failures !== 'number' || (value.lockedUntil !== null && typeof value.lockedUntil !== 'number')) throw new Error('bad shape');
      return value;
    } catch {
      return { failures: 0, lockedUntil: now() + lockoutMs };
    }
  };
  return {
    read() {
      cached ??= load();
      return cached;
    },
    write(state) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
      cached = state;
    },
  };
}

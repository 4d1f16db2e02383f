import { createHash, randomBytes } from 'node:crypto';
import type { FictionalPerson } from '../people/fictional-people.ts';
import { PASSWORD_POLICY } from './password-policy.ts';

/**
 * eKey accounts as the simulated back end keeps them: level, state, failed
 * logins and the last five password hashes. Passwords are never stored in
 * clear, not even here; salted SHA-256 is enough for a simulator (a real
 * back end would use a slow password hash).
 */
export const MAX_FAILED_LOGINS = 5;

export interface EkeyAccountRecord {
  cpr: string;
  level: 'basic' | 'advanced';
  status: 'active' | 'locked';
  mobile: string;
  failedLogins: number;
  /** Newest first, at most PASSWORD_POLICY.historySize; [0] is the current password. */
  passwordHashes: string[];
  salt: string;
  passwordChanges: number;
}

export type LoginResult = { kind: 'ok' } | { kind: 'wrong'; attemptsLeft: number } | { kind: 'locked' };

export interface EkeyAccounts {
  get(cpr: string): EkeyAccountRecord | undefined;
  register(input: { cpr: string; mobile: string; password: string }): EkeyAccountRecord;
  /** Was this password one of the last five (the current one included)? */
  isRecent(cpr: string, password: string): boolean;
  setPassword(cpr: string, password: string): void;
  upgrade(cpr: string): void;
  unlock(cpr: string): void;
  lock(cpr: string): void;
  login(cpr: string, password: string): LoginResult;
  all(): EkeyAccountRecord[];
}

const hash = (salt: string, password: string) => createHash('sha256').update(salt).update('\u0000').update(password, 'utf8').digest('hex');

export function createEkeyAccounts(people: readonly FictionalPerson[]): EkeyAccounts {
  const accounts = new Map<string, EkeyAccountRecord>();
  const create = (cpr: string, mobile: string, level: 'basic' | 'advanced', status: 'active' | 'locked', newestFirst: string[]) => {
    const salt = randomBytes(8).toString('hex');
    const record: EkeyAccountRecord = {
      cpr,
      level,
      status,
      mobile,
      failedLogins: status === 'locked' ? MAX_FAILED_LOGINS : 0,
      passwordHashes: newestFirst.slice(0, PASSWORD_POLICY.historySize).map((p) => hash(salt, p)),
      salt,
      passwordChanges: 0,
    };
    accounts.set(cpr, record);
    return record;
  };
  for (const person of people) {
    if (person.ekey.status === 'not-registered') continue;
    create(person.cpr, person.mobile, person.ekey.level, person.ekey.status, [person.ekey.password, ...person.ekey.previousPasswords]);
  }
  const must = (cpr: string) => {
    const account = accounts.get(cpr);
    if (!account) throw new Error('no such eKey account');
    return account;
  };

  return {
    get: (cpr) => accounts.get(cpr),
    register: ({ cpr, mobile, password }) => create(cpr, mobile, 'basic', 'active', [password]),
    isRecent(cpr, password) {
      const account = must(cpr);
      return account.passwordHashes.includes(hash(account.salt, password));
    },
    setPassword(cpr, password) {
      const account = must(cpr);
      account.passwordHashes = [hash(account.salt, password), ...account.passwordHashes].slice(0, PASSWORD_POLICY.historySize);
      account.passwordChanges += 1;
      // A new password is also the way out of a lockout.
      account.status = 'active';
      account.failedLogins = 0;
    },
    upgrade(cpr) {
      must(cpr).level = 'advanced';
    },
    unlock(cpr) {
      const account = must(cpr);
      account.status = 'active';
      account.failedLogins = 0;
    },
    lock(cpr) {
      const account = must(cpr);
      account.status = 'locked';
      account.failedLogins = MAX_FAILED_LOGINS;
    },
    login(cpr, password) {
      const account = must(cpr);
      if (account.status === 'locked') return { kind: 'locked' };
      if (account.passwordHashes[0] === hash(account.salt, password)) {
        account.failedLogins = 0;
        return { kind: 'ok' };
      }
      account.failedLogins += 1;
      if (account.failedLogins >= MAX_FAILED_LOGINS) {
        account.status = 'locked';
        return { kind: 'locked' };
      }
      return { kind: 'wrong', attemptsLeft: MAX_FAILED_LOGINS - account.failedLogins };
    },
    all: () => [...accounts.values()].map((a) => ({ ...a, passwordHashes: [...a.passwordHashes] })),
  };
}

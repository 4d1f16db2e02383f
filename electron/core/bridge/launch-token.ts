import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token per launch; the page gets it in the URL fragment, never over the network. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison so a page cannot guess the token byte by byte. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

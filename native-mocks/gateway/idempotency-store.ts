import { createHash } from 'node:crypto';

/**
 * What the gateway remembers per idempotency key: a fingerprint of the
 * request and the answer it gave. Keys are scoped by operation, so the same
 * key on a submit and on a rating are two different things.
 *
 *  - first time          → run the handler, remember the answer
 *  - same key, same body → the remembered answer again (a replay)
 *  - same key, new body  → conflict: the caller has a bug or a stale journal
 */
export interface StoredAnswer {
  status: number;
  body: unknown;
  /** For answers about something that changes (a QR payment): how to show it as it is now. */
  current?: () => unknown;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

export interface IdempotencyStore {
  lookup(operationId: string, key: string, request: unknown): IdempotencyLookup;
  remember(operationId: string, key: string, request: unknown, answer: StoredAnswer): void;
  size(): number;
}

/** JSON with sorted keys, so {a,b} and {b,a} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const fingerprint = (request: unknown) => createHash('sha256').update(canonicalJson(request)).digest('hex');

export function createIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, { fingerprint: string; answer: StoredAnswer }>();
  const scoped = (operationId: string, key: string) => `${operationId}\u0000${key}`;
  return {
    lookup(operationId, key, request) {
      const entry = entries.get(scoped(operationId, key));
      if (!entry) return { kind: 'new' };
      return entry.fingerprint === fingerprint(request) ? { kind: 'replay', answer: entry.answer } : { kind: 'conflict' };
    },
    remember(operationId, key, request, answer) {
      entries.set(scoped(operationId, key), { fingerprint: fingerprint(request), answer });
    },
    size: () => entries.size,
  };
}

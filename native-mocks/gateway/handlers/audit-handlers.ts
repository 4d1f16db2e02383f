import { iso } from '../sim-clock.ts';
import { ok } from '../problems.ts';
import type { AuditAnchorRecord } from '../simulator-state.ts';
import type { Handler } from './handler-types.ts';

const view = (a: AuditAnchorRecord) => ({ seq: a.seq, hash: a.hash, at: a.at, receivedAt: iso(a.receivedAt) });

/** Audit anchors: every head a kiosk sends is kept and listed back to that kiosk, newest first. */
export const auditHandlers: Record<string, Handler> = {
  recordAuditAnchor: ({ state, body, now, kioskId }) => {
    const input = body as { seq: number; hash: string; at: string };
    const record: AuditAnchorRecord = { kioskId, seq: input.seq, hash: input.hash, at: input.at, receivedAt: now };
    state.auditAnchors.push(record);
    return ok(view(record), 201);
  },

  listAuditAnchors: ({ state, kioskId }) => {
    const mine = state.auditAnchors.filter((a) => a.kioskId === kioskId);
    return ok({ anchors: mine.slice(-1000).reverse().map(view) });
  },
};

import type { AuditAnchorPort } from '../audit/audit-anchor.ts';
import { NO_SESSION } from './flow-gateway-port.ts';
import type { GatewayClient } from './gateway-client.ts';

/**
 * The audit anchoring's view of the gateway. One idempotency key per head,
 * so a retried send is one anchor; not tied to a citizen session.
 */
export function gatewayAuditAnchorPort(client: GatewayClient): AuditAnchorPort {
  return {
    async record(head, signal) {
      const result = await client.recordAuditAnchor({ sessionId: NO_SESSION, idempotencyKey: `audit-anchor:${head.seq}:${head.hash.slice(0, 16)}`, ...head }, { signal });
      return result.ok ? { ok: true, value: null } : { ok: false, reason: result.failure.kind };
    },
    async anchors(signal) {
      const result = await client.listAuditAnchors({ sessionId: NO_SESSION }, { signal });
      if (!result.ok) return { ok: false, reason: result.failure.kind };
      return { ok: true, value: result.value.anchors.map(({ seq, hash }) => ({ seq, hash })) };
    },
  };
}

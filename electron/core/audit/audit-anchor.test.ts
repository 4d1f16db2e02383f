import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayTestKit, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import { createManualClock } from '../clock/clock.ts';
import { gatewayAuditAnchorPort } from '../gateway/audit-anchor-port.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { compareWithAnchors, createAuditAnchoring, startAnchoring, type AuditAnchorPort, type AuditHead } from './audit-anchor.ts';
import { openAuditLog, readAuditEntries, type AuditEntry } from './audit-log.ts';

const settle = () => new Promise((r) => setImmediate(r));

function auditFile(entries: number, detail = (i: number) => `step ${i}`) {
  const file = join(mkdtempSync(join(tmpdir(), 'anchor-')), 'audit.log');
  const log = openAuditLog(file, () => Date.UTC(2026, 10, 24, 8));
  for (let i = 1; i <= entries; i++) log.append({ role: 'technician', action: 'self-test', detail: detail(i) });
  return { file, log, entries: () => readAuditEntries(file) };
}

/** A gateway port that keeps what it is sent, and can be told to refuse. */
function fakePort() {
  const sent: AuditHead[] = [];
  let up = true;
  const port: AuditAnchorPort = {
    record: async (head) => (up ? (sent.push(head), { ok: true, value: null }) : { ok: false, reason: 'unavailable' }),
    anchors: async () => (up ? { ok: true, value: sent.map(({ seq, hash }) => ({ seq, hash })) } : { ok: false, reason: 'unavailable' }),
  };
  return { port, sent, setUp: (value: boolean) => (up = value) };
}

describe('the audit chain against the heads the gateway holds', () => {
  const entries = (n: number, detail?: (i: number) => string): AuditEntry[] => auditFile(n, detail).entries();

  it('matches when every head is in the chain; nothing to compare when none was sent', () => {
    const chain = entries(5);
    expect(compareWithAnchors(chain, [])).toEqual({ state: 'none' });
    expect(compareWithAnchors(chain, [chain[1]!, chain[4]!])).toEqual({ state: 'matches', seq: 5 });
  });

  it('a chain cut short after a head was sent is "truncated" — a chain alone cannot show that', () => {
    const chain = entries(5);
    expect(compareWithAnchors(chain.slice(0, 3), [chain[1]!, chain[4]!])).toEqual({ state: 'truncated', seq: 5, localEntries: 3 });
  });

  it('a chain cut and then extended past the newest head is caught by an older head ("rewritten")', () => {
    const honest = entries(5);
    // The first two lines kept, the rest made up: a valid chain of its own, past the newest head.
    const forged = entries(8, (i) => (i <= 2 ? `step ${i}` : `made up ${i}`));
    expect(compareWithAnchors(forged, [honest[2]!, honest[4]!])).toEqual({ state: 'rewritten', seq: 3 });
  });
});

describe('sending heads off the machine', () => {
  it('sends one head for a burst of appends, the newest', async () => {
    const clock = createManualClock();
    const fake = fakePort();
    const anchoring = createAuditAnchoring({ port: fake.port, clock, logger: createMemoryLogger().logger, batchMs: 2000 });
    const { file } = auditFile(0);
    const log = openAuditLog(file, () => clock.now(), (e) => anchoring.headChanged(e));
    log.append({ role: 'none', action: 'entry' });
    log.append({ role: 'technician', action: 'self-test' });
    clock.advance(1999);
    await settle();
    expect(fake.sent).toEqual([]);
    clock.advance(1);
    await settle();
    expect(fake.sent.map((h) => h.seq)).toEqual([2]);
    expect(fake.sent[0]!.hash).toBe(readAuditEntries(file)[1]!.hash);
  });

  it('keeps trying while the gateway is away, and then sends only the newest head', async () => {
    const clock = createManualClock();
    const fake = fakePort();
    const memory = createMemoryLogger();
    const anchoring = createAuditAnchoring({ port: fake.port, clock, logger: memory.logger, batchMs: 10, retryMs: 60_000 });
    const { log } = auditFile(0);
    fake.setUp(false);
    const first = log.append({ role: 'none', action: 'entry' });
    anchoring.headChanged(first);
    clock.advance(10);
    await settle();
    expect(memory.text()).toContain('audit head not anchored; will try again');
    anchoring.headChanged(log.append({ role: 'technician', action: 'self-test' }));
    fake.setUp(true);
    clock.advance(60_000);
    await settle();
    expect(fake.sent.map((h) => h.seq)).toEqual([2]);
    clock.advance(600_000);
    await settle();
    expect(fake.sent).toHaveLength(1);
  });

  it('at start, compares before sending: a cut-short log is reported, then the current head goes', async () => {
    const clock = createManualClock();
    const fake = fakePort();
    const anchoring = createAuditAnchoring({ port: fake.port, clock, logger: createMemoryLogger().logger, batchMs: 10 });
    const audit = auditFile(4);
    fake.sent.push({ seq: 4, hash: audit.entries()[3]!.hash, at: audit.entries()[3]!.at });
    // Someone removes the last two lines while the kiosk is off.
    writeFileSync(audit.file, readFileSync(audit.file, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const mismatches: unknown[] = [];
    const check = await startAnchoring(anchoring, () => readAuditEntries(audit.file), (m) => mismatches.push(m));
    expect(check).toEqual({ state: 'truncated', seq: 4, localEntries: 2 });
    expect(mismatches).toEqual([check]);
    clock.advance(10);
    await settle();
    expect(fake.sent.map((h) => h.seq)).toEqual([4, 2]);
  });
});

describe('through the gateway simulator', () => {
  let kit: GatewayTestKit;
  beforeAll(async () => {
    kit = await startGatewayTestKit();
  });
  afterAll(() => kit.close());

  it('heads are kept per kiosk and listed back; a retried send is one anchor; the chain is checked against them', async () => {
    const port = gatewayAuditAnchorPort(kit.client);
    const anchoring = createAuditAnchoring({ port, clock: kit.clock, logger: createMemoryLogger().logger, batchMs: 10 });
    const audit = auditFile(3);
    expect(await anchoring.check(audit.entries())).toEqual({ state: 'none' });
    const head = audit.entries()[2]!;
    kit.simulator.setFaults({ mode: 'http500', phase: 'after', count: 1, endpoints: ['recordAuditAnchor'] });
    anchoring.headChanged(head);
    await anchoring.flush();
    kit.simulator.setFaults({ mode: 'none' });
    expect(kit.simulator.ledger().auditAnchors).toMatchObject([{ kioskId: 'KIOSK-TEST-01', seq: 3, hash: head.hash }]);
    expect(await anchoring.check(audit.entries())).toEqual({ state: 'matches', seq: 3 });
    expect(await anchoring.check(audit.entries().slice(0, 2))).toEqual({ state: 'truncated', seq: 3, localEntries: 2 });
    expect(kit.simulator.ledger().contractViolations).toEqual([]);
  });

  it('a gateway that answers 500 leaves the check "unreachable", never a verdict', async () => {
    const anchoring = createAuditAnchoring({ port: gatewayAuditAnchorPort(kit.client), clock: kit.clock, logger: createMemoryLogger().logger });
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['listAuditAnchors'] });
    expect(await anchoring.check(auditFile(1).entries())).toEqual({ state: 'unreachable' });
    kit.simulator.setFaults({ mode: 'none' });
  });
});

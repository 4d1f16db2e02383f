/**
 * The terminal simulator on its own, at byte level (codec-built frames, no
 * driver): transport ACK, APDU answers, the ledger, customers via the control API.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../electron/devices/shared/bytes.ts';
import { encodeApdu } from '../../electron/devices/payment/zvt/apdu.ts';
import { createSerialFrameDecoder, encodeSerialFrame } from '../../electron/devices/payment/zvt/framing.ts';
import { authorisation, encodeMessage } from '../../electron/devices/payment/zvt/messages.ts';
import { createVirtualClock } from '../../electron/devices/payment/zvt/driver/virtual-clock.ts';
import { PaymentTerminalSimulator } from './payment-terminal-sim.ts';
import type { SimPort } from './sim-port.ts';

/** An ECR written by hand: ACKs every frame and answers every PT message with 80 00 00. */
function handEcr() {
  const decoder = createSerialFrameDecoder();
  const seen: string[] = [];
  let feed: (chunk: Uint8Array) => void = () => {};
  const p: SimPort = {
    write: (bytes) => {
      for (const e of decoder.push(bytes)) {
        if (e.kind === 'ack') seen.push('ACK');
        if (e.kind === 'apdu') {
          seen.push(toHex(e.apdu.subarray(0, 2)));
          queueMicrotask(() => {
            feed(Uint8Array.of(0x06));
            if (!(e.apdu[0] === 0x80 || e.apdu[0] === 0x84)) feed(encodeSerialFrame(Uint8Array.of(0x80, 0x00, 0x00)));
          });
        }
      }
    },
    onData: (l) => {
      feed = l;
      return () => (feed = () => {});
    },
  };
  return { p, seen, send: (apdu: Uint8Array) => feed(encodeSerialFrame(apdu)) };
}

describe('payment terminal simulator', () => {
  it('speaks ZVT: ACK, 80 00 00, prompts, status information, receipt, completion; books the ledger', async () => {
    const clock = createVirtualClock();
    const sim = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
    const ecr = handEcr();
    sim.attach(ecr.p);
    ecr.send(encodeApdu(encodeMessage(authorisation({ amount: 2500, currencyCode: 48 }))));
    await clock.runFor(30_000);
    expect(ecr.seen[0]).toBe('ACK'); // transport ACK for our frame first
    const apdus = ecr.seen.filter((x) => x !== 'ACK');
    expect(apdus.slice(0, 4)).toEqual(['80 00', '04 FF', '04 FF', '04 FF']);
    expect(apdus.indexOf('04 0F')).toBeLessThan(apdus.indexOf('06 D1'));
    expect(apdus.at(-1)).toBe('06 0F');
    expect(sim.ledger.entries).toEqual([expect.objectContaining({ state: 'approved', amountFils: 2500, currencyCode: 48, maskedPan: '999999******0119', traceNumber: 1, receiptNumber: 1 })]);
    expect(sim.ledger.totals()).toEqual({ batch: 1, count: 1, amountFils: 2500 });
  });

  it('customers are queued through validated actions and shown in state', async () => {
    const clock = createVirtualClock();
    const sim = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
    const customer = sim.actions['customer'];
    expect(customer?.args.safeParse({ behaviour: 'teleport' }).success).toBe(false);
    await customer?.run(customer.args.parse({ behaviour: 'decline', resultCode: 5, times: 2 }));
    expect(sim.state()['customers']).toEqual({ queued: [{ behaviour: 'decline', resultCode: 5 }, { behaviour: 'decline', resultCode: 5 }], default: { behaviour: 'approve' } });
  });

  it('a deaf terminal (no-answer) takes nothing and books nothing', async () => {
    const clock = createVirtualClock();
    const sim = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
    const ecr = handEcr();
    sim.attach(ecr.p);
    sim.setFault('no-answer');
    ecr.send(encodeApdu(encodeMessage(authorisation({ amount: 2500 }))));
    await clock.runFor(30_000);
    expect(ecr.seen).toEqual([]);
    expect(sim.commandsReceived()).toEqual({});
    expect(sim.ledger.entries).toEqual([]);
  });
});

describe('ledger file (the terminal journal outlives its process)', () => {
  it('saves after every change and restores counters and entries', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { persistLedger } = await import('./ledger-file.ts');
    const dir = mkdtempSync(join(tmpdir(), 'khidma-ledger-'));
    try {
      const path = join(dir, 'ledger.json');
      const clock = createVirtualClock();
      const first = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
      const stop = persistLedger(first, path);
      const ecr = handEcr();
      first.attach(ecr.p);
      ecr.send(encodeApdu(encodeMessage(authorisation({ amount: 700 }))));
      await clock.runFor(30_000);
      stop();
      const second = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
      persistLedger(second, path);
      expect(second.ledger.entries).toEqual([expect.objectContaining({ amountFils: 700, state: 'approved', traceNumber: 1 })]);
      expect(second.ledger.nextTrace()).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

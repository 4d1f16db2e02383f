/**
 * The real I/O paths, few and short, in real time:
 *  - wire mode: the real serialport adapter on one end of a socat pseudo-terminal
 *    pair, the simulator on the other end (its own tty handle, pacing at 9600 baud);
 *  - ZVT over TCP on loopback: the real TCP transport against the simulator's server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemDeviceClock } from '../../../contract/clock.ts';
import { openSerialTransport } from '../../../transport/serial-transport.ts';
import { openTcpTransport } from '../../../transport/tcp-transport.ts';
import { createPtyPair } from '../../../../../native-mocks/wire/pty-pair.ts';
import { openPtyDeviceEnd } from '../../../../../native-mocks/wire/pty-device-end.ts';
import { PaymentTerminalSimulator } from '../../../../../native-mocks/payment-terminal/payment-terminal-sim.ts';
import { startZvtTcpServer } from '../../../../../native-mocks/payment-terminal/tcp-server.ts';
import { ZvtTerminal } from './zvt-terminal.ts';

const FAST = { answerMs: 5, insertCardMs: 20, pinMs: 20, hostMs: 20, removeCardMs: 10 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('ZVT wire mode: serialport adapter ↔ socat pty ↔ simulator', () => {
  it('authorises and survives a corrupted frame (NAK and repeat over the real pty)', async () => {
    const clock = systemDeviceClock();
    const pair = await createPtyPair('zvt');
    cleanups.push(() => pair.close());
    const deviceEnd = await openPtyDeviceEnd(pair.devicePath);
    cleanups.push(() => deviceEnd.close());
    const sim = new PaymentTerminalSimulator({ clock, linkKind: 'serial', paceBaud: 9600, think: FAST });
    cleanups.push(sim.attach(deviceEnd));
    const transport = await openSerialTransport({ path: pair.hostPath, baudRate: 9600 });
    cleanups.push(() => transport.close());
    const terminal = new ZvtTerminal({ clock, transport, linkKind: 'serial' });
    cleanups.push(() => terminal.dispose());

    expect((await terminal.register()).completionCode).toBe('success');
    sim.setFault('bad-crc', { count: 1 });
    const result = await terminal.authorise({ amountFils: 1250 });
    expect(result.completionCode).toBe('success');
    expect(result.payload?.transaction).toMatchObject({ amountFils: 1250, resultCode: 0 });
    expect(terminal.counters().counters).toMatchObject({ badCrc: 1, naksSent: 1 });
    expect(sim.ledger.entries).toEqual([expect.objectContaining({ state: 'approved', amountFils: 1250 })]);
  });
});

describe('ZVT over TCP on loopback', () => {
  it('registers, authorises, declines; an unplugged terminal drops the connection and the driver says so', async () => {
    const clock = systemDeviceClock();
    const sim = new PaymentTerminalSimulator({ clock, linkKind: 'tcp', think: FAST });
    const server = await startZvtTcpServer(sim);
    cleanups.push(() => server.close());
    const transport = await openTcpTransport({ host: '127.0.0.1', port: server.port });
    cleanups.push(() => transport.close());
    const terminal = new ZvtTerminal({ clock, transport, linkKind: 'tcp' });
    cleanups.push(() => terminal.dispose());

    expect((await terminal.register()).completionCode).toBe('success');
    expect((await terminal.authorise({ amountFils: 3000 })).completionCode).toBe('success');
    sim.customers.enqueue({ behaviour: 'insufficientFunds' });
    expect(await terminal.authorise({ amountFils: 3000 })).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'insufficientFunds' });
    expect((await terminal.statusEnquiry()).payload?.terminalStatus).toBe(0);

    sim.setFault('unplugged');
    for (let i = 0; i < 100 && transport.isOpen; i++) await new Promise((r) => setTimeout(r, 10));
    expect(terminal.status().device).toBe('noDevice');
    expect(await terminal.authorise({ amountFils: 3000 })).toMatchObject({ completionCode: 'deviceNotReady', payload: { reachedTerminal: false } });
    await expect(openTcpTransport({ host: '127.0.0.1', port: server.port, connectTimeoutMs: 500 }).then(async (t) => {
      // Accepted then dropped at once while unplugged.
      await new Promise((r) => setTimeout(r, 50));
      const open = t.isOpen;
      await t.close();
      return open;
    })).resolves.toBe(false);

    // Plugged back in: a new connection works.
    sim.setFault(null);
    const again = await openTcpTransport({ host: '127.0.0.1', port: server.port });
    cleanups.push(() => again.close());
    const terminal2 = new ZvtTerminal({ clock, transport: again, linkKind: 'tcp' });
    cleanups.push(() => terminal2.dispose());
    expect((await terminal2.authorise({ amountFils: 100 })).completionCode).toBe('success');
    expect(sim.ledger.entries.map((e) => e.state)).toEqual(['approved', 'declined', 'approved']);
    // The payment tried while unplugged never reached the terminal; nothing was sent twice.
    expect(sim.commandsReceived()['authorisation']).toBe(3);
  });
});

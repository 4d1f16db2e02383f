/**
 * The printer simulator on its own, byte level and through the control API:
 * real status bytes, paper running out mid-image, the PNG the panel shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../electron/devices/payment/zvt/driver/virtual-clock.ts';
import { buildRasterPrintJob } from '../../electron/devices/receipt-printer/print-job.ts';
import { realtimeStatusRequest } from '../../electron/devices/receipt-printer/status.ts';
import { type ControlServer, startControlServer } from '../control/control-server.ts';
import { SimulatorRegistry } from '../control/simulator-control.ts';
import { ReceiptPrinterSimulator } from './receipt-printer-sim.ts';
import type { SimPort } from '../payment-terminal/sim-port.ts';

function port() {
  const replies: number[] = [];
  let feed: (chunk: Uint8Array) => void = () => {};
  const p: SimPort = {
    write: (bytes) => {
      replies.push(...bytes);
    },
    onData: (l) => {
      feed = l;
      return () => (feed = () => {});
    },
  };
  return { p, replies, send: (b: Uint8Array) => feed(b) };
}

const black = (rows: number) => ({ width: 576, height: rows, bytesPerRow: 72, data: new Uint8Array(72 * rows).fill(0xff) });

let server: ControlServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('receipt printer simulator', () => {
  it('answers DLE EOT 1-4 with the Epson status bytes', async () => {
    const clock = createVirtualClock();
    const sim = new ReceiptPrinterSimulator({ clock });
    const { p, replies, send } = port();
    sim.attach(p);
    const ask = async () => {
      replies.length = 0;
      for (const n of [1, 2, 3, 4] as const) send(realtimeStatusRequest(n));
      await clock.runFor(10);
      return replies.map((b) => b.toString(16));
    };
    expect(await ask()).toEqual(['12', '12', '12', '12']);
    sim.setFault('paper-out');
    // 1: offline (bit 3); 2: paper end stop (bit 5); 4: near end and paper end (bits 2,3,5,6)
    expect(await ask()).toEqual(['1a', '32', '12', '7e']);
    sim.setFault('cover-open');
    expect(await ask()).toEqual(['1a', '16', '12', '12']);
  });

  it('stops an image where the paper ends and keeps what came out', async () => {
    const clock = createVirtualClock();
    const sim = new ReceiptPrinterSimulator({ clock });
    const { p, send } = port();
    sim.attach(p);
    sim.setFault('paper-out-mid-job', { afterDots: 100 });
    send(buildRasterPrintJob(black(480)));
    await clock.runFor(5000);
    expect(sim.lastReceipt()?.rows).toHaveLength(100);
    expect(sim.state()).toMatchObject({ paper: 'out', counters: expect.objectContaining({ rowsLost: 380, cuts: 0 }) });
  });

  it('through the control API: faults, actions, and the last receipt as PNG', async () => {
    const clock = createVirtualClock();
    const sim = new ReceiptPrinterSimulator({ clock });
    const { p, send } = port();
    sim.attach(p);
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const call = (path: string, body?: unknown) =>
      fetch(`${server!.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-control-token': server!.token, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await call('/api/simulators/receipt-printer/artifacts/last-receipt.png')).status).toBe(404);
    send(buildRasterPrintJob(black(48)));
    await clock.runFor(5000);
    const png = await call('/api/simulators/receipt-printer/artifacts/last-receipt.png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer()).subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    expect((await call('/api/simulators/receipt-printer/fault', { fault: 'paper-out-mid-job', options: { afterDots: 10 } })).status).toBe(200);
    expect((await call('/api/simulators/receipt-printer/fault', { fault: 'bad-crc' })).status).toBe(400);
    const refilled = (await (await call('/api/simulators/receipt-printer/actions/refillPaper', { args: { metres: 1 } })).json()) as { state: { paperMillimetresLeft: number } };
    expect(refilled.state.paperMillimetresLeft).toBe(1000);
    const listed = (await (await call('/api/simulators')).json()) as { simulators: Array<{ id: string; state: { artifacts: string[] } }> };
    expect(listed.simulators[0]?.state.artifacts).toEqual(['last-receipt.png']);
  });
});

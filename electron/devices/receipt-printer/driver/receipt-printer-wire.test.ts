/**
 * Wire mode, real time: the real serialport adapter on one end of a socat
 * pseudo-terminal pair, the printer simulator on the other (its own tty handle,
 * emulating 115200 baud both ways).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemDeviceClock } from '../../contract/clock.ts';
import { openSerialTransport } from '../../transport/serial-transport.ts';
import { createPtyPair } from '../../../../native-mocks/wire/pty-pair.ts';
import { openPtyDeviceEnd } from '../../../../native-mocks/wire/pty-device-end.ts';
import { ReceiptPrinterSimulator } from '../../../../native-mocks/receipt-printer/receipt-printer-sim.ts';
import { loadReceiptFonts } from './font-file-adapter.ts';
import { ReceiptPrinter } from './receipt-printer.ts';
import { renderReceipt } from './receipt-raster.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('receipt printer wire mode: serialport adapter ↔ socat pty ↔ simulator', () => {
  it('initialises, prints a short Arabic receipt, reports a cover opened afterwards', async () => {
    const clock = systemDeviceClock();
    const pair = await createPtyPair('printer');
    cleanups.push(() => pair.close());
    const deviceEnd = await openPtyDeviceEnd(pair.devicePath);
    cleanups.push(() => deviceEnd.close());
    const sim = new ReceiptPrinterSimulator({ clock, paceBaud: 115_200, rowsPerSecond: 4000 });
    cleanups.push(sim.attach(deviceEnd));
    const transport = await openSerialTransport({ path: pair.hostPath, baudRate: 115_200 });
    cleanups.push(() => transport.close());
    const printer = new ReceiptPrinter({ clock, transport, baud: 115_200, rowsPerSecond: 4000 });
    cleanups.push(() => printer.dispose());
    const events: string[] = [];
    printer.onEvent((e) => events.push(e.type));

    expect((await printer.initialise()).completionCode).toBe('success');
    const bitmap = renderReceipt({ direction: 'rtl', blocks: [{ kind: 'text', text: 'إيصال دفع', align: 'center', size: 'large' }, { kind: 'pair', label: 'المبلغ', value: '1.000 د.ب' }] }, loadReceiptFonts());
    const result = await printer.print(bitmap);
    expect(result.completionCode).toBe('success');
    expect(sim.lastReceipt()?.rows.slice(0, bitmap.height).map((r) => Array.from(r))).toEqual(Array.from({ length: bitmap.height }, (_, y) => Array.from(bitmap.data.subarray(y * 72, y * 72 + 72))));

    await sim.actions['openCover']?.run({});
    for (let i = 0; i < 100 && !events.includes('coverOpened'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(events).toContain('coverOpened');
    expect(printer.status().cover).toBe('open');
  });
});

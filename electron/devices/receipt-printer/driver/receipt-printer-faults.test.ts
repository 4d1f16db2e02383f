/**
 * Fault matrix: every printer simulator fault × the printer's commands → the
 * right completion code and status, no unhandled rejection, no timer left, no
 * listener leaked.
 */
import { describe, expect, it } from 'vitest';
import { countingTransport, failOnUnhandledRejections } from '../../testing/leak-checks.ts';
import { createMemoryLink } from '../../transport/memory-transport.ts';
import { ReceiptPrinterSimulator } from '../../../../native-mocks/receipt-printer/receipt-printer-sim.ts';
import { createVirtualClock } from '../../payment/zvt/driver/virtual-clock.ts';
import { createMonoBitmap } from './mono-bitmap.ts';
import { ReceiptPrinter } from './receipt-printer.ts';

failOnUnhandledRejections();

type Outcome = [string, string | undefined];
interface Row {
  status: Outcome;
  print: Outcome;
  device: string;
  paper?: string;
}

const MATRIX: Array<[string, Record<string, unknown>, Row]> = [
  ['unplugged', {}, { status: ['deviceNotReady', 'linkError'], print: ['deviceNotReady', 'linkError'], device: 'noDevice' }],
  ['power-cut', {}, { status: ['deviceNotReady', 'linkError'], print: ['deviceNotReady', 'linkError'], device: 'noDevice' }],
  ['no-answer', {}, { status: ['deviceNotReady', 'noReply'], print: ['deviceNotReady', 'noReply'], device: 'offline' }],
  ['garbage', {}, { status: ['deviceNotReady', 'noReply'], print: ['deviceNotReady', 'noReply'], device: 'offline' }],
  ['slow', { factor: 4 }, { status: ['success', undefined], print: ['success', undefined], device: 'online', paper: 'full' }],
  ['paper-out', {}, { status: ['commandErrorCode', 'paperOut'], print: ['commandErrorCode', 'paperOut'], device: 'offline', paper: 'out' }],
  ['paper-near-end', {}, { status: ['success', undefined], print: ['success', undefined], device: 'online', paper: 'low' }],
  ['paper-out-mid-job', { afterDots: 300 }, { status: ['success', undefined], print: ['commandErrorCode', 'paperOut'], device: 'offline', paper: 'out' }],
  ['cover-open', {}, { status: ['commandErrorCode', 'coverOpen'], print: ['commandErrorCode', 'coverOpen'], device: 'offline' }],
  ['jam', {}, { status: ['hardwareError', 'cutterJam'], print: ['hardwareError', 'cutterJam'], device: 'hardwareError' }],
  ['jam', { onNextCut: true }, { status: ['success', undefined], print: ['hardwareError', 'cutterJam'], device: 'hardwareError' }],
  ['offline', {}, { status: ['deviceNotReady', 'offline'], print: ['deviceNotReady', 'offline'], device: 'offline' }],
];

const COMMANDS = ['initialise', 'queryStatus', 'print'] as const;

describe('receipt printer fault matrix (sim mode, 115200 baud)', () => {
  for (const [fault, options, row] of MATRIX) {
    for (const command of COMMANDS) {
      it(`${fault} ${JSON.stringify(options)} × ${command}`, async () => {
        const clock = createVirtualClock();
        const link = createMemoryLink({ baud: 115_200, clock });
        const host = countingTransport(link.host);
        const sim = new ReceiptPrinterSimulator({ clock });
        const detach = sim.attach(link.device, { unplug: () => link.unplug() });
        const printer = new ReceiptPrinter({ clock, transport: host, baud: 115_200 });
        expect((await clock.runUntil(printer.initialise())).completionCode).toBe('success');
        const listeners = host.live();

        sim.setFault(fault, options);
        await clock.runFor(5);
        const bitmap = createMonoBitmap(576, 720);
        bitmap.data.fill(0x55);
        const run = command === 'print' ? printer.print(bitmap) : printer[command]();
        const result = await clock.runUntil<{ completionCode: string; errorCode?: string }>(run);
        const [code, errorCode] = command === 'print' ? row.print : row.status;
        expect({ completionCode: result.completionCode, errorCode: result.errorCode }).toEqual({ completionCode: code, errorCode });
        if (!(command !== 'print' && fault === 'jam' && options['onNextCut'])) {
          const expectedDevice = command !== 'print' && fault === 'paper-out-mid-job' ? 'online' : row.device;
          expect(printer.status().device).toBe(expectedDevice);
        }
        if (row.paper && (command === 'print' || fault !== 'paper-out-mid-job')) expect(printer.status().paper).toBe(row.paper);
        if (fault === 'garbage') expect(printer.counters().counters['unexpectedBytes']).toBeGreaterThan(0);

        sim.setFault(null);
        await clock.runFor(60_000);
        expect(clock.pendingTimers()).toBe(0);
        expect(host.live()).toBe(listeners);
        printer.dispose();
        expect(host.live()).toBe(0);
        detach();
      });
    }
  }
});

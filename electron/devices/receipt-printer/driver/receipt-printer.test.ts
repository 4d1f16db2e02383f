import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnsolicitedEvent } from '../../contract/events.ts';
import { createVirtualClock, type VirtualClock } from '../../payment/zvt/driver/virtual-clock.ts';
import { loadReceiptFonts } from './font-file-adapter.ts';
import { createMonoBitmap, type MonoBitmap } from './mono-bitmap.ts';
import { createPrinterSimRig, type PrinterRig } from './printer-rig.ts';
import { renderReceipt } from './receipt-raster.ts';
import { arabicPaymentReceipt } from './sample-receipts.ts';

let clock: VirtualClock;
let rig: PrinterRig | undefined;
let receipt: MonoBitmap;
const unhandled: unknown[] = [];
const onUnhandled = (r: unknown) => unhandled.push(r);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  receipt = renderReceipt(arabicPaymentReceipt(), loadReceiptFonts());
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

function setup(): PrinterRig & { events: UnsolicitedEvent[] } {
  clock = createVirtualClock();
  rig = createPrinterSimRig({ clock });
  const events: UnsolicitedEvent[] = [];
  rig.printer.onEvent((e) => events.push(e));
  return { ...rig, events };
}

/** A test card: stripes, so lost or shifted rows show. */
function stripes(rows: number): MonoBitmap {
  const b = createMonoBitmap(576, rows);
  for (let y = 0; y < rows; y++) b.data.fill(y % 2 === 0 ? 0xf0 : 0x0f, y * 72, y * 72 + 72);
  return b;
}

describe('receipt printer driver against the printer simulator (sim mode, 115200 baud)', () => {
  it('initialises (ESC @, GS a) and reads a healthy status', async () => {
    const { printer, sim } = setup();
    const init = await clock.runUntil(printer.initialise());
    expect(init.completionCode).toBe('success');
    expect(init.payload).toMatchObject({ device: 'online', paper: 'full', cover: 'closed' });
    expect(sim.state()['automaticStatusBack']).toBe(0x0e);
    expect(printer.capabilities()).toMatchObject({ paperWidthDots: 576, rasterImages: true, automaticStatusBack: true });
  });

  it('prints the Arabic receipt dot for dot, in bands, and cuts', async () => {
    const { printer, sim } = setup();
    await clock.runUntil(printer.initialise());
    const result = await clock.runUntil(printer.print(receipt));
    expect(result.completionCode).toBe('success');
    expect(result.payload).toMatchObject({ totalRows: receipt.height, printedRowsAtLeast: receipt.height, cut: true });
    const out = sim.lastReceipt();
    expect(out?.cut).toBe(true);
    // Every row of the bitmap came out unchanged, in order (then padding and the feed before the cut).
    for (let y = 0; y < receipt.height; y++) expect(out?.rows[y]).toEqual(receipt.data.subarray(y * 72, y * 72 + 72));
    expect(out?.rows.slice(receipt.height).every((r) => r.every((b) => b === 0))).toBe(true);
    expect(sim.state()['artifacts']).toEqual(['last-receipt.png']);
    const png = sim.artifact('last-receipt.png');
    expect(png?.contentType).toBe('image/png');
    expect(Array.from(png?.body.subarray(0, 8) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(printer.counters().counters).toMatchObject({ jobs: 1, jobsCompleted: 1, cuts: 1, rowsPrinted: receipt.height });
    await clock.runFor(10_000);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('paper runs out mid-receipt: paperOut, says how much came out, paperOut event, status paper out', async () => {
    const { printer, sim, events } = setup();
    await clock.runUntil(printer.initialise());
    sim.setFault('paper-out-mid-job', { afterDots: 300 });
    const result = await clock.runUntil(printer.print(stripes(1000)));
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'paperOut' });
    const p = result.payload;
    expect(p?.cut).toBe(false);
    expect(p?.printedRowsAtLeast).toBeLessThanOrEqual(300);
    expect(p?.printedRowsAtMost).toBeGreaterThanOrEqual(300);
    expect(p?.printedRowsAtMost).toBeLessThan(1000);
    expect(result.description).toMatch(/printed \d+-\d+ of 1000 dot rows/);
    expect(sim.lastReceipt()?.rows.length).toBe(300);
    expect(events.map((e) => e.type)).toContain('paperOut');
    expect(printer.status()).toMatchObject({ paper: 'out', device: 'offline' });
    // A new roll: the next receipt prints.
    await sim.actions['refillPaper']?.run({});
    sim.setFault(null);
    expect((await clock.runUntil(printer.print(stripes(100)))).completionCode).toBe('success');
    expect(events.map((e) => e.type)).toContain('paperReplenished');
  });

  it('paper near end: prints, and says paper low', async () => {
    const { printer, sim, events } = setup();
    await clock.runUntil(printer.initialise());
    sim.setFault('paper-near-end');
    const result = await clock.runUntil(printer.print(stripes(200)));
    expect(result.completionCode).toBe('success');
    expect(events.map((e) => e.type)).toContain('paperLow');
    expect(printer.status().paper).toBe('low');
  });

  it('cover opened while idle arrives as an unsolicited event (ASB), and blocks printing', async () => {
    const { printer, sim, events } = setup();
    await clock.runUntil(printer.initialise());
    await sim.actions['openCover']?.run({});
    await clock.runFor(10);
    expect(events.map((e) => e.type)).toContain('coverOpened');
    expect(printer.status().cover).toBe('open');
    expect(await clock.runUntil(printer.print(stripes(48)))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'coverOpen', payload: { printedRowsAtMost: 0 } });
    await sim.actions['closeCover']?.run({});
    await clock.runFor(10);
    expect(events.map((e) => e.type)).toContain('coverClosed');
  });

  it('cutter jams at the cut: everything printed, not cut → hardwareError cutterJam', async () => {
    const { printer, sim } = setup();
    await clock.runUntil(printer.initialise());
    sim.setFault('jam', { onNextCut: true });
    const result = await clock.runUntil(printer.print(stripes(240)));
    expect(result).toMatchObject({ completionCode: 'hardwareError', errorCode: 'cutterJam', payload: { printedRowsAtLeast: 240, cut: false } });
    expect(printer.status().device).toBe('hardwareError');
  });

  it('cancel between bands stops the job', async () => {
    const { printer } = setup();
    await clock.runUntil(printer.initialise());
    const cancel = new AbortController();
    const pending = printer.print(stripes(2000), { signal: cancel.signal });
    await clock.runFor(300);
    cancel.abort();
    expect((await clock.runUntil(pending)).completionCode).toBe('canceled');
    await clock.runFor(10_000);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('power cut mid-receipt: linkError with the rows that may have come out', async () => {
    const { printer, sim } = setup();
    await clock.runUntil(printer.initialise());
    const pending = printer.print(stripes(1200));
    await clock.runFor(400);
    sim.setFault('power-cut');
    const result = await clock.runUntil(pending);
    expect(result).toMatchObject({ completionCode: 'hardwareError', errorCode: 'linkError', payload: { cut: false } });
    expect(result.payload?.printedRowsAtMost).toBeGreaterThan(0);
    expect(printer.status().device).toBe('noDevice');
  });

  it('self-test passes on a healthy printer and fails on a jammed one', async () => {
    const { printer, sim } = setup();
    expect((await clock.runUntil(printer.selfTest())).passed).toBe(true);
    sim.setFault('jam');
    const failed = await clock.runUntil(printer.selfTest());
    expect(failed.passed).toBe(false);
    expect(failed.checks.find((c) => c.name === 'readyToPrint')?.detail).toBe('cutterJam');
  });
});

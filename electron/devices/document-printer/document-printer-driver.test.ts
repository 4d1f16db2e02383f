import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PdfSinkSimulator, type PdfSinkOptions } from '../../../native-mocks/document-printer/pdf-sink-simulator.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { UnsolicitedEventSchema, type UnsolicitedEvent } from '../contract/events.ts';
import { DeviceCapabilitiesSchema, DeviceCountersSchema, DeviceStatusSchema } from '../contract/status.ts';
import { advance, settle, watchUnhandledRejections } from '../hid/testing/drive-clock.ts';
import { DocumentPrinterDriver, type DocumentPrinterDriverOptions } from './document-printer-driver.ts';
import { minimalPdf } from './testing/minimal-pdf.ts';

let rejections: ReturnType<typeof watchUnhandledRejections>;
beforeEach(() => {
  rejections = watchUnhandledRejections();
});
afterEach(() => {
  rejections.stop();
  expect(rejections.count()).toBe(0);
});

function setup(simOptions: Partial<PdfSinkOptions> = {}, driverOptions: Partial<DocumentPrinterDriverOptions> = {}) {
  const clock = createFakeClock(1_700_000_000_000);
  const sim = new PdfSinkSimulator({ clock, timing: { startMs: 300, perPageMs: 1000 }, ...simOptions });
  const driver = new DocumentPrinterDriver({ spooler: sim, clock, pollIntervalMs: 250, ...driverOptions });
  const unsolicited: UnsolicitedEvent[] = [];
  driver.onUnsolicited((e) => unsolicited.push(e));
  const job = (index = -1) => (sim.state().jobs as Array<{ id: string; state: string; pagesPrinted: number }>).at(index);
  const expectNoLeaks = async () => {
    // What crosses to the core and the technician screen must match the contract's schemas.
    DeviceStatusSchema.parse(driver.status());
    DeviceCountersSchema.parse(driver.counters());
    DeviceCapabilitiesSchema.parse(driver.capabilities());
    for (const event of unsolicited) UnsolicitedEventSchema.parse(event);
    await advance(clock, 100);
    await driver.close();
    expect(sim.pendingTimers).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  };
  return { clock, sim, driver, unsolicited, job, expectNoLeaks };
}

describe('document printer driver against the PDF sink', () => {
  it('prints a PDF: queued, processing, completed; the PDF is kept as last.pdf', async () => {
    const { clock, sim, driver, job, expectNoLeaks } = setup();
    const pdf = minimalPdf(2);
    const events: unknown[] = [];
    const result = await settle(clock, driver.printPdf(pdf, { onEvent: (e) => events.push(e.event) }));
    expect(result).toMatchObject({ completionCode: 'success', payload: { jobId: 'KhidmaSim-1', pages: 2, pagesPrinted: 2 } });
    expect(result.requestId).toMatch(/^documentPrinter-\d+$/);
    expect(events).toEqual([
      { type: 'jobQueued', jobId: 'KhidmaSim-1' },
      { type: 'jobProcessing', jobId: 'KhidmaSim-1' },
    ]);
    expect(job()).toMatchObject({ state: 'completed', pagesPrinted: 2 });
    expect(sim.artifact('last.pdf')).toEqual({ contentType: 'application/pdf', body: pdf });
    expect(sim.state()).toMatchObject({ paperSheets: 498, artifacts: ['last.pdf'] });
    expect(driver.status()).toMatchObject({ device: 'online', paper: 'full' });
    expect(driver.counters().counters).toMatchObject({ jobsSubmitted: 1, jobsCompleted: 1, pagesSubmitted: 2, pagesPrinted: 2 });
    await expectNoLeaks();
  });

  it('refuses a document that is not a PDF without queueing anything', async () => {
    const { clock, sim, driver, expectNoLeaks } = setup();
    expect(await settle(clock, driver.printPdf(new TextEncoder().encode('<html>')))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'invalidDocument' });
    expect(sim.state().jobs).toEqual([]);
    await expectNoLeaks();
  });

  it('paper out before printing: refused, nothing queued, paperOut event; refill and it prints', async () => {
    const { clock, sim, driver, unsolicited, expectNoLeaks } = setup();
    sim.setFault('out-of-paper');
    expect(await settle(clock, driver.printPdf(minimalPdf(1)))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'paperOut' });
    expect(sim.state().jobs).toEqual([]);
    expect(driver.status()).toMatchObject({ paper: 'out' });
    expect(unsolicited.some((e) => e.type === 'paperOut')).toBe(true);
    sim.refillPaper();
    expect(await settle(clock, driver.printPdf(minimalPdf(1)))).toMatchObject({ completionCode: 'success' });
    expect(unsolicited.some((e) => e.type === 'paperReplenished')).toBe(true);
    await expectNoLeaks();
  });

  it('paper runs out mid-document: paperOut, and the job is canceled so it cannot print later', async () => {
    const { clock, sim, driver, job, expectNoLeaks } = setup({ trayCapacity: 2, lowSheets: 0 });
    const result = await settle(clock, driver.printPdf(minimalPdf(3)));
    expect(result).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'paperOut', description: expect.stringContaining('canceled so it cannot print later') });
    expect(job()).toMatchObject({ state: 'canceled', pagesPrinted: 2 });
    sim.refillPaper();
    await advance(clock, 5000);
    expect(job()).toMatchObject({ state: 'canceled', pagesPrinted: 2 });
    expect(driver.counters().counters).toMatchObject({ jobsFailed: 1, jobsCanceledByKiosk: 1, paperOutEvents: 1 });
    await expectNoLeaks();
  });

  it('paper low is an event, not a refusal', async () => {
    const { clock, driver, unsolicited, expectNoLeaks } = setup({ trayCapacity: 60, lowSheets: 59 });
    expect(await settle(clock, driver.printPdf(minimalPdf(2)))).toMatchObject({ completionCode: 'success' });
    await settle(clock, driver.refreshStatus());
    expect(driver.status().paper).toBe('low');
    expect(unsolicited.some((e) => e.type === 'paperLow')).toBe(true);
    await expectNoLeaks();
  });

  it('the print timeout cancels the job; a caller cancel too', async () => {
    const { clock, sim, driver, job, expectNoLeaks } = setup();
    sim.setFault('slow', { factor: 50 });
    const timedOut = await settle(clock, driver.printPdf(minimalPdf(1), { timeoutMs: 5000 }));
    expect(timedOut).toMatchObject({ completionCode: 'timeOut' });
    await advance(clock, 500);
    expect(job()).toMatchObject({ state: 'canceled' });
    const caller = new AbortController();
    const printing = driver.printPdf(minimalPdf(1), { signal: caller.signal });
    await advance(clock, 1000);
    caller.abort();
    expect(await settle(clock, printing)).toMatchObject({ completionCode: 'canceled' });
    await advance(clock, 500);
    expect(job()).toMatchObject({ state: 'canceled' });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(driver.counters().counters).toMatchObject({ timeouts: 1, cancels: 1, jobsCanceledByKiosk: 2 });
    await expectNoLeaks();
  });

  it('one print at a time: a second one is a sequenceError', async () => {
    const { clock, driver, expectNoLeaks } = setup();
    const first = driver.printPdf(minimalPdf(1));
    expect(await settle(clock, driver.printPdf(minimalPdf(1)))).toMatchObject({ completionCode: 'sequenceError' });
    expect(await settle(clock, first)).toMatchObject({ completionCode: 'success' });
    await expectNoLeaks();
  });

  it('self-test checks spooler, queue, paper and readiness without printing', async () => {
    const { clock, sim, driver, expectNoLeaks } = setup();
    const good = await settle(clock, driver.selfTest());
    expect(good).toMatchObject({ deviceClass: 'documentPrinter', passed: true });
    expect(good.checks.map((c) => c.name)).toEqual(['spooler', 'queue', 'paper', 'ready']);
    sim.setFault('jam');
    const jammed = await settle(clock, driver.selfTest());
    expect(jammed.passed).toBe(false);
    expect(jammed.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['paper', 'ready']);
    expect(sim.state().jobs).toEqual([]);
    await expectNoLeaks();
  });

  it('watching the status while idle reports paper out before anyone prints, and stops cleanly', async () => {
    const { clock, sim, driver, unsolicited, expectNoLeaks } = setup();
    const stop = driver.watchStatus(10_000);
    await advance(clock, 10_100);
    expect(driver.status()).toMatchObject({ device: 'online', paper: 'full' });
    sim.setFault('out-of-paper');
    await advance(clock, 10_100);
    expect(unsolicited.filter((e) => e.type === 'paperOut')).toHaveLength(1);
    stop();
    expect(clock.pendingTimers()).toBe(0);
    await expectNoLeaks();
  });
});

describe('document printer fault matrix', () => {
  // Fault set before printing → completion, errorCode, device status.
  it.each([
    ['offline', 'deviceNotReady', 'offline', 'offline'],
    ['unplugged', 'deviceNotReady', 'offline', 'offline'],
    ['power-cut', 'deviceNotReady', 'offline', 'offline'],
    ['jam', 'hardwareError', 'mediaJam', 'hardwareError'],
    ['out-of-paper', 'commandErrorCode', 'paperOut', 'online'],
    ['no-answer', 'timeOut', undefined, 'offline'],
    ['garbage', 'hardwareError', 'jobLost', 'hardwareError'],
  ])('%s → %s/%s, status %s; nothing left to print later', async (fault, completionCode, errorCode, device) => {
    const { clock, sim, driver, job, expectNoLeaks } = setup();
    // Start from a known status so a change is visible.
    await settle(clock, driver.refreshStatus());
    sim.setFault(fault);
    const result = await settle(clock, driver.printPdf(minimalPdf(1), { timeoutMs: 10_000 }));
    expect(result.completionCode).toBe(completionCode);
    expect(result.errorCode).toBe(errorCode);
    expect(driver.status().device).toBe(device);
    sim.setFault(null);
    const lastJob = job();
    if (lastJob) expect(['canceled', 'completed', 'aborted']).toContain(lastJob.state);
    expect(await settle(clock, driver.printPdf(minimalPdf(1)))).toMatchObject({ completionCode: 'success' });
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('a status read the print system never answers times out and marks the printer offline', async () => {
    const { clock, sim, driver, expectNoLeaks } = setup();
    await settle(clock, driver.refreshStatus());
    sim.setFault('no-answer');
    expect(await settle(clock, driver.refreshStatus({ timeoutMs: 2000 }))).toMatchObject({ completionCode: 'timeOut' });
    expect(driver.status()).toMatchObject({ device: 'offline', detail: ['print system did not answer'] });
    sim.setFault(null);
    await settle(clock, driver.refreshStatus());
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it.each([
    ['jam', 'hardwareError', 'mediaJam', 'canceled'],
    ['offline', 'deviceNotReady', 'offline', 'canceled'],
    ['power-cut', 'hardwareError', 'jobAborted', 'aborted'],
  ])('%s in the middle of a job → %s/%s, job %s', async (fault, completionCode, errorCode, jobState) => {
    const { clock, sim, driver, job, expectNoLeaks } = setup();
    const printing = driver.printPdf(minimalPdf(4));
    await advance(clock, 1800);
    expect(job()).toMatchObject({ state: 'processing' });
    sim.setFault(fault);
    const result = await settle(clock, printing);
    expect(result).toMatchObject({ completionCode, errorCode });
    expect(job()).toMatchObject({ state: jobState });
    sim.setFault(null);
    await advance(clock, 5000);
    expect(job()).toMatchObject({ state: jobState });
    await expectNoLeaks();
  });

  it('slow: prints, later', async () => {
    const { clock, sim, driver, expectNoLeaks } = setup();
    sim.setFault('slow', { factor: 5 });
    const start = clock.now();
    expect(await settle(clock, driver.printPdf(minimalPdf(2)))).toMatchObject({ completionCode: 'success' });
    expect(clock.now() - start).toBeGreaterThanOrEqual(5 * (300 + 2 * 1000));
    await expectNoLeaks();
  });
});

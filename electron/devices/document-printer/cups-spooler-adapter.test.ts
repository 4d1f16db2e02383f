/**
 * The A4 printer through real CUPS: cupsd is started if needed and the
 * cups-pdf queues are created by the test helper, so this runs on a fresh CI
 * machine (root, scripts/setup.sh packages) as well as here.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceClock } from '../contract/clock.ts';
import { createCupsSpooler } from './cups-spooler-adapter.ts';
import { DocumentPrinterDriver } from './document-printer-driver.ts';
import { ensureCupsTestQueue, setQueueState, type CupsTestQueue } from './testing/cups-test-queue-adapter.ts';
import { minimalPdf } from './testing/minimal-pdf.ts';

const realClock: DeviceClock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
const never = new AbortController().signal;

let printing: CupsTestQueue;
let held: CupsTestQueue;

beforeAll(async () => {
  printing = await ensureCupsTestQueue({ queue: 'KhidmaTestPDF' });
  // Every job on this queue waits to be released: a job that never finishes, for timeout tests.
  held = await ensureCupsTestQueue({ queue: 'KhidmaTestPDFHeld', holdJobs: true });
}, 60_000);

const startedAt = Date.now();
afterAll(async () => {
  await setQueueState('KhidmaTestPDFHeld', { enabled: true, accepting: true });
  // cups-pdf output of this run only (titles are khidma-<requestId>); it would pile up on a CI machine.
  for (const file of pdfsIn(printing.outputDir)) {
    const path = join(printing.outputDir, file);
    if (file.startsWith('khidma-') && statSync(path).mtimeMs >= startedAt - 1000) rmSync(path, { force: true });
  }
});

function driverFor(queue: string, options: { useIpptool?: boolean } = {}) {
  const spooler = createCupsSpooler({ queue, ...options });
  return { spooler, driver: new DocumentPrinterDriver({ spooler, clock: realClock, pollIntervalMs: 200, printTimeoutMs: 30_000 }) };
}

const pdfsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')) : []);

describe('A4 printing through CUPS (cups-pdf queue)', () => {
  it('prints a PDF: lp job id, job followed to completed, a PDF comes out of cups-pdf', async () => {
    const { driver, spooler } = driverFor(printing.queue);
    const before = new Set(pdfsIn(printing.outputDir));
    const events: unknown[] = [];
    const result = await driver.printPdf(minimalPdf(2), { onEvent: (e) => events.push(e.event) });
    expect(result).toMatchObject({ completionCode: 'success', payload: { pages: 2 } });
    const jobId = result.payload!.jobId;
    expect(jobId).toMatch(/^KhidmaTestPDF-\d+$/);
    expect(events[0]).toEqual({ type: 'jobQueued', jobId });
    // The final state comes from ipptool, exactly.
    expect(await spooler.jobStatus(jobId, never)).toMatchObject({ jobId, state: 'completed', exact: true });
    // cups-pdf writes the file as the job finishes; give the filesystem a moment.
    let fresh: string[] = [];
    for (let i = 0; i < 50 && fresh.length === 0; i++) {
      fresh = pdfsIn(printing.outputDir).filter((f) => !before.has(f));
      if (fresh.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(fresh.length).toBeGreaterThan(0);
    const out = join(printing.outputDir, fresh[0]!);
    expect(statSync(out).size).toBeGreaterThan(500);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(driver.status()).toMatchObject({ device: 'online' });
  });

  it('reports the printer status from lpoptions and passes the self-test', async () => {
    const { driver, spooler } = driverFor(printing.queue);
    expect(await spooler.printerStatus(never)).toMatchObject({ state: expect.stringMatching(/idle|processing/), acceptingJobs: true });
    const test = await driver.selfTest();
    expect(test).toMatchObject({ deviceClass: 'documentPrinter', passed: true });
  });

  it('a job that never finishes times out and is canceled in CUPS', async () => {
    const { driver, spooler } = driverFor(held.queue);
    let jobId = '';
    const result = await driver.printPdf(minimalPdf(1), { timeoutMs: 2500, onEvent: (e) => (jobId = e.event.jobId) });
    expect(result).toMatchObject({ completionCode: 'timeOut' });
    expect(jobId).toMatch(/^KhidmaTestPDFHeld-\d+$/);
    let state = '';
    for (let i = 0; i < 50 && state !== 'canceled'; i++) {
      state = (await spooler.jobStatus(jobId, never)).state;
      if (state !== 'canceled') await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('canceled');
    expect(driver.counters().counters).toMatchObject({ timeouts: 1, jobsCanceledByKiosk: 1 });
  });

  it('a queue that rejects jobs or is stopped is refused before submitting', async () => {
    const { driver } = driverFor(held.queue);
    await setQueueState(held.queue, { accepting: false });
    expect(await driver.printPdf(minimalPdf(1))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'notAccepting' });
    await setQueueState(held.queue, { accepting: true, enabled: false });
    expect(await driver.printPdf(minimalPdf(1))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'queuePaused' });
    expect(driver.status()).toMatchObject({ device: 'offline', detail: ['paused'] });
    await setQueueState(held.queue, { enabled: true });
  });

  it('a queue that does not exist: deviceNotReady/noQueue, status noDevice, self-test fails', async () => {
    const { driver } = driverFor('KhidmaNoSuchQueue');
    expect(await driver.printPdf(minimalPdf(1))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'noQueue' });
    expect(driver.status().device).toBe('noDevice');
    const test = await driver.selfTest();
    expect(test.passed).toBe(false);
    expect(test.checks.find((c) => c.name === 'queue')).toMatchObject({ passed: false });
  });

  it('without ipptool the final state is reported as completed, and marked inexact', async () => {
    const { driver, spooler } = driverFor(printing.queue, { useIpptool: false });
    const result = await driver.printPdf(minimalPdf(1));
    expect(result.completionCode).toBe('success');
    expect(await spooler.jobStatus(result.payload!.jobId, never)).toEqual({ jobId: result.payload!.jobId, state: 'completed', exact: false });
  });
});

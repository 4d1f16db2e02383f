import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyCupsError, parseIpptoolJob, parseLpoptions, parseLpRequestId, parseLpstat, printerStatusFromLpoptions, schedulerRunning } from './cups-output.ts';
import { blockingReason, deviceStatusOf, reasonKeyword } from './printer-state-reasons.ts';
import { checkPdf } from './pdf-document.ts';
import { minimalPdf } from './testing/minimal-pdf.ts';

// Captured from cups 2.4.2 (Debian 12) with LC_ALL=C.
const LPOPTIONS_PAUSED =
  "copies=1 device-uri=cups-pdf:/ finishings=3 job-cancel-after=10800 job-hold-until=no-hold job-priority=50 job-sheets=none,none marker-change-time=0 number-up=1 print-color-mode=color printer-commands=AutoConfigure,Clean,PrintSelfTestPage printer-info=KhidmaScratch printer-is-accepting-jobs=true printer-is-shared=true printer-is-temporary=false printer-location printer-make-and-model='Generic CUPS-PDF Printer (w/ options)' printer-state=5 printer-state-change-time=1795471019 printer-state-reasons=paused printer-type=8450124 printer-uri-supported=ipp://localhost/printers/KhidmaScratch\n";
const LPSTAT_PRINTING = 'printer KhidmaScratch now printing KhidmaScratch-3.  enabled since Mon Nov 23 21:56:55 2026\nKhidmaScratch-3         root              1024   Mon Nov 23 21:56:55 2026\n';
const LPSTAT_DISABLED = 'printer KhidmaScratch disabled since Mon Nov 23 21:56:59 2026 -\n\tmaintenance\nKhidmaScratch-4         root              1024   Mon Nov 23 21:56:59 2026\n';

describe('CUPS client output', () => {
  it('reads the job id from lp', () => {
    expect(parseLpRequestId('request id is KhidmaScratch-3 (0 file(s))\n')).toBe('KhidmaScratch-3');
    expect(parseLpRequestId('request id is Khidma-A4-12 (1 file(s))')).toBe('Khidma-A4-12');
    expect(parseLpRequestId('')).toBeNull();
  });

  it('classifies the errors lp and lpstat print', () => {
    expect(classifyCupsError('lp: Destination "KhidmaScratch" is not accepting jobs.')).toBe('notAccepting');
    expect(classifyCupsError('lp: Error - The printer or class does not exist.')).toBe('noQueue');
    expect(classifyCupsError('lpstat: Invalid destination name in list "NoSuchQueue".')).toBe('noQueue');
    expect(classifyCupsError('lp: Error - Scheduler is not running.')).toBe('schedulerDown');
    expect(classifyCupsError('something else')).toBe('failed');
    expect(schedulerRunning('scheduler is running\n')).toBe(true);
    expect(schedulerRunning('scheduler is not running\n')).toBe(false);
  });

  it('reads the printing job and the active jobs from lpstat', () => {
    expect(parseLpstat(LPSTAT_PRINTING, 'KhidmaScratch')).toEqual({ activeJobs: ['KhidmaScratch-3'], printing: 'KhidmaScratch-3', queue: 'printing' });
    expect(parseLpstat(LPSTAT_DISABLED, 'KhidmaScratch')).toEqual({ activeJobs: ['KhidmaScratch-4'], printing: null, queue: 'disabled' });
    expect(parseLpstat('printer KhidmaScratch is idle.  enabled since Mon Nov 23 21:31:33 2026\n', 'KhidmaScratch')).toEqual({ activeJobs: [], printing: null, queue: 'idle' });
    // Another queue's jobs and lines that merely start with the queue name are not ours.
    expect(parseLpstat('KhidmaScratchOther-9  root 1 x\nKhidmaScratch-x root\n', 'KhidmaScratch').activeJobs).toEqual([]);
  });

  it('reads lpoptions, quoted values included', () => {
    const options = parseLpoptions(LPOPTIONS_PAUSED);
    expect(options.get('printer-make-and-model')).toBe('Generic CUPS-PDF Printer (w/ options)');
    expect(options.get('printer-location')).toBe('');
    expect(printerStatusFromLpoptions(options)).toEqual({ state: 'stopped', reasons: ['paused'], acceptingJobs: true });
    expect(printerStatusFromLpoptions(parseLpoptions('printer-state=4 printer-state-reasons=media-empty-error,media-low-report printer-is-accepting-jobs=true'))).toEqual({
      state: 'processing',
      reasons: ['media-empty-error', 'media-low-report'],
      acceptingJobs: true,
    });
    expect(printerStatusFromLpoptions(parseLpoptions('printer-state=3 printer-state-reasons=none printer-is-accepting-jobs=false'))).toEqual({ state: 'idle', reasons: [], acceptingJobs: false });
    // lpoptions for an unknown queue prints nothing.
    expect(printerStatusFromLpoptions(parseLpoptions(''))).toBeNull();
    expect(parseLpoptions(`a='x y' b="p q" c=r\\ s`)).toEqual(new Map([['a', 'x y'], ['b', 'p q'], ['c', 'r s']]));
  });

  it('reads the final job state from ipptool -c', () => {
    expect(parseIpptoolJob('job-state,job-impressions-completed,job-state-reasons\ncompleted,1,processing-to-stop-point\n')).toEqual({ state: 'completed', pagesPrinted: 1 });
    expect(parseIpptoolJob('job-state,job-impressions-completed,job-state-reasons\ncanceled,0,processing-to-stop-point\n')).toEqual({ state: 'canceled', pagesPrinted: 0 });
    expect(parseIpptoolJob('job-state,job-impressions-completed,job-state-reasons\naborted,0,job-aborted-by-system,printer-stopped\n')).toEqual({ state: 'aborted', pagesPrinted: 0 });
    expect(parseIpptoolJob('job-state,job-impressions-completed,job-state-reasons\npending-held,0,job-hold-until-specified\n').state).toBe('held');
    expect(parseIpptoolJob('job-state,job-impressions-completed,job-state-reasons\n')).toEqual({ state: 'unknown' });
    expect(parseIpptoolJob('job-state\nexploded\n')).toEqual({ state: 'unknown' });
  });

  it('property: parsers take any text without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        parseLpRequestId(text);
        parseLpstat(text, 'Q');
        printerStatusFromLpoptions(parseLpoptions(text));
        expect(['pending', 'held', 'processing', 'stopped', 'canceled', 'aborted', 'completed', 'unknown']).toContain(parseIpptoolJob(text).state);
        classifyCupsError(text);
      }),
    );
  });
});

describe('printer state reasons', () => {
  const status = (reasons: string[], extra: Partial<{ state: 'idle' | 'processing' | 'stopped' | 'unknown'; acceptingJobs: boolean }> = {}) => ({ state: 'idle' as const, reasons, acceptingJobs: true, ...extra });

  it('strips severity suffixes', () => {
    expect(reasonKeyword('media-empty-error')).toBe('media-empty');
    expect(reasonKeyword('offline-report')).toBe('offline');
    expect(reasonKeyword('paused')).toBe('paused');
  });

  it('maps what stops printing to a refusal, the worst first', () => {
    expect(blockingReason(status([]))).toBeNull();
    expect(blockingReason(status(['media-low-report']))).toBeNull();
    expect(blockingReason(status(['media-empty-error']))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'paperOut' });
    expect(blockingReason(status(['media-empty-error', 'media-jam-error']))).toMatchObject({ completionCode: 'hardwareError', errorCode: 'mediaJam' });
    expect(blockingReason(status(['offline-report']))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'offline' });
    expect(blockingReason(status(['door-open-warning']))).toMatchObject({ errorCode: 'coverOpen' });
    expect(blockingReason(status([], { acceptingJobs: false }))).toMatchObject({ errorCode: 'notAccepting' });
    expect(blockingReason(status(['paused'], { state: 'stopped' }))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'queuePaused' });
  });

  it('gives the contract status: device, paper, cover, detail', () => {
    expect(deviceStatusOf(status([]))).toEqual({ device: 'online', paper: 'full', cover: 'closed' });
    expect(deviceStatusOf(status(['media-low-report']))).toEqual({ device: 'online', paper: 'low', cover: 'closed', detail: ['media-low-report'] });
    expect(deviceStatusOf(status(['media-empty-error'], { state: 'stopped' }))).toMatchObject({ device: 'online', paper: 'out' });
    expect(deviceStatusOf(status(['media-jam-error'], { state: 'stopped' }))).toMatchObject({ device: 'hardwareError', paper: 'jammed' });
    expect(deviceStatusOf(status(['offline-report'], { state: 'stopped' }))).toMatchObject({ device: 'offline' });
    expect(deviceStatusOf(status([], { state: 'unknown' }))).toMatchObject({ device: 'hardwareError', paper: 'unknown' });
  });
});

describe('PDF check', () => {
  it('accepts a PDF and counts its pages', () => {
    expect(checkPdf(minimalPdf(3))).toEqual({ ok: true, pages: 3 });
  });
  it('refuses what would print garbage', () => {
    expect(checkPdf(new TextEncoder().encode('hello'))).toMatchObject({ ok: false, reason: expect.stringContaining('not a PDF') });
    expect(checkPdf(minimalPdf(1).subarray(0, 200))).toMatchObject({ ok: false, reason: expect.stringContaining('truncated') });
    expect(checkPdf(minimalPdf(1), 100)).toMatchObject({ ok: false, reason: expect.stringContaining('limit') });
    expect(checkPdf(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'))).toMatchObject({ ok: false, reason: 'PDF without pages' });
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBootKeyboardReport, NO_KEYS } from '../hid/boot-keyboard-report.ts';
import { charToUsage, KEY, MODIFIER } from '../hid/keyboard-usages.ts';
import { toHex } from '../shared/bytes.ts';
import { parseApplicationReference } from './application-reference.ts';
import { decodePosReport, encodePosReports, PosAssembler, POS_DATA_PER_REPORT, POS_REPORT_SIZE } from './hid-pos-report.ts';
import { checkScanText } from './scan-validation.ts';
import { WedgeAssembler, type WedgeConfig } from './wedge-assembler.ts';

describe('application reference', () => {
  it('accepts APP-<year>-<6 digits> and nothing else', () => {
    expect(parseApplicationReference('APP-2026-000123')).toEqual({ reference: 'APP-2026-000123', year: 2026, serial: 123 });
    for (const bad of ['app-2026-000123', 'APP-2026-00123', 'APP-1999-000123', 'APP-2026-000000', ' APP-2026-000123', 'APP-2026-000123\n', 'https://x/APP-2026-000123']) {
      expect(parseApplicationReference(bad)).toBeNull();
    }
  });
  it('checks printable, length and format in that order', () => {
    expect(checkScanText('APP-2026-000123')).toMatchObject({ ok: true });
    expect(checkScanText('APP-2026-00012\u0007')).toEqual({ ok: false, reason: 'nonPrintable' });
    expect(checkScanText('ب')).toEqual({ ok: false, reason: 'nonPrintable' });
    expect(checkScanText('A'.repeat(65))).toEqual({ ok: false, reason: 'tooLong' });
    expect(checkScanText('4006381333931')).toEqual({ ok: false, reason: 'wrongFormat' });
  });
});

/** Boot keyboard reports a wedge scanner sends to type `text`, then the terminator. */
function typed(text: string, terminator: number | null = KEY.ENTER): Uint8Array[] {
  const keys = [...text].map((c) => charToUsage(c)!);
  if (terminator !== null) keys.push({ usage: terminator, modifiers: 0 });
  return keys.flatMap((k) => [encodeBootKeyboardReport({ modifiers: k.modifiers, keys: [k.usage] }), encodeBootKeyboardReport(NO_KEYS)]);
}

const WEDGE: WedgeConfig = { terminator: 'enter', prefix: '', suffix: '', maxLength: 64 };

describe('keyboard-wedge assembler', () => {
  it('turns press/release reports with shift into text, ended by Enter', () => {
    const wedge = new WedgeAssembler(WEDGE);
    const results = typed('APP-2026-000123').flatMap((r) => wedge.push(r));
    expect(results).toEqual([{ kind: 'text', text: 'APP-2026-000123' }]);
    expect(wedge.active).toBe(false);
  });

  it('strips the configured prefix and suffix, and refuses a scan without them', () => {
    const wedge = new WedgeAssembler({ ...WEDGE, terminator: 'tab', prefix: '#', suffix: '$' });
    expect(typed('#APP-2026-000001$', KEY.TAB).flatMap((r) => wedge.push(r))).toEqual([{ kind: 'text', text: 'APP-2026-000001' }]);
    expect(typed('APP-2026-000001', KEY.TAB).flatMap((r) => wedge.push(r))).toEqual([{ kind: 'rejected', reason: 'wrongFormat' }]);
    // Enter is not this scanner's terminator: the scan never ends.
    expect(typed('#APP-2026-000001$', KEY.ENTER).flatMap((r) => wedge.push(r))).toEqual([]);
    expect(wedge.expire()).toEqual({ kind: 'rejected', reason: 'partialScan' });
  });

  it('a scan without terminator is partial when the inter-character timer expires', () => {
    const wedge = new WedgeAssembler(WEDGE);
    expect(typed('APP-2026', null).flatMap((r) => wedge.push(r))).toEqual([]);
    expect(wedge.active).toBe(true);
    expect(wedge.expire()).toEqual({ kind: 'rejected', reason: 'partialScan' });
    expect(wedge.expire()).toBeNull();
    expect(typed('APP-2026-000002').flatMap((r) => wedge.push(r))).toEqual([{ kind: 'text', text: 'APP-2026-000002' }]);
  });

  it('Ctrl/Alt keys and unknown usages make a scan non-printable; a broken report too', () => {
    const wedge = new WedgeAssembler(WEDGE);
    const altCode = [encodeBootKeyboardReport({ modifiers: MODIFIER.LEFT_ALT, keys: [KEY.KP_1] }), encodeBootKeyboardReport(NO_KEYS)];
    expect([...typed('APP', null), ...altCode, ...typed('')].flatMap((r) => wedge.push(r))).toEqual([{ kind: 'rejected', reason: 'nonPrintable' }]);
    expect([Uint8Array.of(1, 2, 3), ...typed('X')].flatMap((r) => wedge.push(r))).toEqual([{ kind: 'rejected', reason: 'nonPrintable' }]);
  });

  it('keeps at most maxLength characters and reports the scan too long', () => {
    const wedge = new WedgeAssembler({ ...WEDGE, maxLength: 10 });
    const results = typed('A'.repeat(500)).flatMap((r) => {
      const out = wedge.push(r);
      expect(wedge.buffered).toBeLessThanOrEqual(10);
      return out;
    });
    expect(results).toEqual([{ kind: 'rejected', reason: 'tooLong' }]);
  });

  it('ignores roll-over reports and does not repeat a held key', () => {
    const wedge = new WedgeAssembler(WEDGE);
    const a = encodeBootKeyboardReport({ modifiers: 0, keys: [0x04] });
    const rollOver = Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1);
    [a, rollOver, a, encodeBootKeyboardReport(NO_KEYS)].forEach((r) => wedge.push(r));
    expect(typed('').flatMap((r) => wedge.push(r))).toEqual([{ kind: 'text', text: 'a' }]);
  });

  it('property: any printable text round-trips; random reports never throw and stay bounded', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 64 }), (text) => {
        const wedge = new WedgeAssembler(WEDGE);
        const results = typed(text).flatMap((r) => wedge.push(r));
        expect(results).toEqual([text.length === 0 ? { kind: 'rejected', reason: 'wrongFormat' } : { kind: 'text', text }]);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 300 }), (reports) => {
        const wedge = new WedgeAssembler({ ...WEDGE, maxLength: 20 });
        for (const report of reports) {
          for (const result of wedge.push(report)) expect(['text', 'rejected']).toContain(result.kind);
          expect(wedge.buffered).toBeLessThanOrEqual(20);
        }
        wedge.expire();
        expect(wedge.active).toBe(false);
      }),
    );
  });
});

describe('HID-POS scanned-data report', () => {
  it('lays out length | AIM id | data | vendor code | reserved | more-data flag', () => {
    const [report] = encodePosReports(new TextEncoder().encode('APP-2026-000123'), ']Q1');
    expect(report!.length).toBe(POS_REPORT_SIZE);
    expect(toHex(report!.subarray(0, 19))).toBe('0F 5D 51 31 41 50 50 2D 32 30 32 36 2D 30 30 30 31 32 33');
    expect(report![62]).toBe(0);
    expect(decodePosReport(report!)).toEqual({ ok: true, value: { symbology: ']Q1', data: new TextEncoder().encode('APP-2026-000123'), more: false } });
  });

  it('matches the Honeywell capture: report 02, length 56 = a full chunk, more data flag 1', () => {
    // Byte layout from the published capture (README of HenkVanAsselt/python_hon_usbhid),
    // without the report ID byte: 56, "]X0", 56 data bytes, code id 63, 0, 1.
    const data = new Uint8Array(POS_REPORT_SIZE);
    data.set([56, 0x5d, 0x58, 0x30]);
    data.fill(0x41, 4, 60);
    data.set([63, 0, 1], 60);
    expect(decodePosReport(data)).toMatchObject({ ok: true, value: { symbology: ']X0', more: true } });
  });

  it('rejects impossible lengths, missing AIM ids and short reports', () => {
    const bad = new Uint8Array(POS_REPORT_SIZE);
    bad.set([57, 0x5d, 0x51, 0x31]);
    expect(decodePosReport(bad)).toMatchObject({ ok: false });
    expect(decodePosReport(new Uint8Array(POS_REPORT_SIZE))).toMatchObject({ ok: false });
    expect(decodePosReport(new Uint8Array(10))).toMatchObject({ ok: false });
  });

  it('joins continued reports, and a missing last report is partial', () => {
    const text = 'X'.repeat(130);
    const reports = encodePosReports(new TextEncoder().encode(text), ']Q1');
    expect(reports.map((r) => [r[0], r[62]])).toEqual([
      [POS_DATA_PER_REPORT, 1],
      [POS_DATA_PER_REPORT, 1],
      [18, 0],
    ]);
    const assembler = new PosAssembler(200);
    expect(reports.map((r) => assembler.push(r)).at(-1)).toEqual({ kind: 'data', symbology: ']Q1', data: new TextEncoder().encode(text) });
    assembler.push(reports[0]!);
    expect(assembler.expire()).toEqual({ kind: 'rejected', reason: 'partialScan' });
    const short = new PosAssembler(100);
    expect(reports.map((r) => short.push(r)).at(-1)).toEqual({ kind: 'rejected', reason: 'tooLong' });
  });

  it('property: data round-trips through reports; random reports never throw and stay bounded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(']Q1', ']C0', ']d2'), (data, aim) => {
        const assembler = new PosAssembler(400);
        const results = encodePosReports(data, aim).map((r) => assembler.push(r));
        expect(results.at(-1)).toEqual({ kind: 'data', symbology: aim, data: Uint8Array.from(data) });
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 60, maxLength: 70 }), { maxLength: 50 }), (reports) => {
        const assembler = new PosAssembler(64);
        for (const report of reports) {
          assembler.push(report);
          expect(assembler.buffered).toBeLessThanOrEqual(64);
        }
      }),
    );
  });
});

describe('references in the gateway format', () => {
  it('accepts KH<yy>-<serial> as the gateway issues it, refuses a zero serial and near misses', async () => {
    const { parseApplicationReference } = await import('./application-reference.ts');
    expect(parseApplicationReference('KH26-000123')).toEqual({ reference: 'KH26-000123', year: 2026, serial: 123 });
    expect(parseApplicationReference('KH26-000000')).toBeNull();
    expect(parseApplicationReference('kh26-000123')).toBeNull();
    expect(parseApplicationReference('KH26-00012')).toBeNull();
  });
});

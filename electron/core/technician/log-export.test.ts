import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import { describe, expect, it } from 'vitest';
import { cprHasher } from '../journal/personal-data.ts';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { createLogger } from '../log/logger.ts';
import { exportLogs } from './log-export.ts';

describe('technician log export', () => {
  it('writes one .tar.gz with the redacted log, the audit log and a journal summary; nothing personal inside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'export-data-'));
    const logger = createLogger({ level: 'info', file: join(dataDir, 'logs', 'kiosk.log'), destination: { write: () => true } as never });
    logger.info({ cpr: '999000001', mobile: '30000001', service: 'renew-id-card' }, 'service started');
    writeFileSync(join(dataDir, 'audit.log'), '{"seq":1}\n');
    const journal = openSqliteJournal({ file: join(dataDir, 'journal.sqlite'), now: () => 1, hashCpr: cprHasher(new Uint8Array(32)) });
    journal.recordIntent({ action: 'authorise', sessionId: 's', serviceId: 'renew-id-card', idempotencyKey: 'sess:renew:run-1', amountFils: 5000, cpr: '999000001', maskedPan: null, detail: {} });
    const target = mkdtempSync(join(tmpdir(), 'usb-'));
    const result = await exportLogs({ target, dataDir, journal, kioskId: 'KIOSK-TEST-01', now: Date.UTC(2026, 10, 23, 9) });
    expect(result).toMatchObject({ ok: true, path: expect.stringMatching(/khidma-logs-KIOSK-TEST-01-2026-11-23T09-00-00-000Z\.tar\.gz$/) });
    const names: string[] = [];
    await list({ file: (result as { path: string }).path, onReadEntry: (entry) => names.push(entry.path) });
    expect(names.sort()).toEqual(['audit.log', 'journal-summary.json', 'kiosk.log']);
    const log = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('service started');
    expect(log).not.toContain('999000001');
    expect(log).not.toContain('30000001');
  });

  it('a missing drive or a path that is not a directory is reported, and nothing is written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'export-data-'));
    mkdirSync(join(dataDir, 'logs'));
    const journal = openSqliteJournal({ file: join(dataDir, 'journal.sqlite'), now: () => 1, hashCpr: cprHasher(new Uint8Array(32)) });
    expect(await exportLogs({ target: join(dataDir, 'no-such-drive'), dataDir, journal, kioskId: 'K', now: 0 })).toMatchObject({ ok: false, reason: 'missing' });
    writeFileSync(join(dataDir, 'a-file'), 'x');
    expect(await exportLogs({ target: join(dataDir, 'a-file'), dataDir, journal, kioskId: 'K', now: 0 })).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('a drive that fills up during the export: reported as full, the partial archive removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'export-data-'));
    const journal = openSqliteJournal({ file: join(dataDir, 'journal.sqlite'), now: () => 1, hashCpr: cprHasher(new Uint8Array(32)) });
    const target = mkdtempSync(join(tmpdir(), 'usb-'));
    const fillsUp = async (file: string) => {
      writeFileSync(file, 'partial');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    expect(await exportLogs({ target, dataDir, journal, kioskId: 'K', now: 0, writeArchive: fillsUp })).toMatchObject({ ok: false, reason: 'full' });
    expect(readdirSync(target)).toEqual([]);
  });
});

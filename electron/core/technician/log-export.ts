import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { create } from 'tar';
import type { JournalStore } from '../journal/journal-store.ts';

export type LogExportResult = { ok: true; path: string; bytes: number } | { ok: false; reason: 'missing' | 'not-writable' | 'full' | 'failed'; detail: string };

/** Counts by action and result: what a support engineer needs, nothing about anyone. */
function journalSummary(journal: JournalStore): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of journal.search({ limit: 1000 })) {
    const key = `${row.action}:${row.outcome?.result ?? 'unfinished'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The technician's log export to a removable drive: the kiosk's log files
 * (already redacted when written), the audit log and a journal summary
 * without personal data, as one .tar.gz. The target must be an existing,
 * writable directory; a full drive is reported as such and the partial
 * archive removed.
 */
/** Writes the archive; the `tar` package by default (tests stand in a drive that fills up). */
export type ArchiveWriter = (file: string, cwd: string, files: string[]) => Promise<void>;
const tarGz: ArchiveWriter = (file, cwd, files) => create({ gzip: true, file, cwd, portable: true }, files);

export async function exportLogs(input: { target: string; dataDir: string; journal: JournalStore; kioskId: string; now: number; writeArchive?: ArchiveWriter }): Promise<LogExportResult> {
  const { target } = input;
  if (!existsSync(target) || !statSync(target).isDirectory()) return { ok: false, reason: 'missing', detail: target };
  try {
    accessSync(target, constants.W_OK);
  } catch {
    return { ok: false, reason: 'not-writable', detail: target };
  }
  const staging = mkdtempSync(join(tmpdir(), 'khidma-logs-'));
  const stamp = new Date(input.now).toISOString().replace(/[:.]/g, '-');
  const file = join(target, `khidma-logs-${input.kioskId}-${stamp}.tar.gz`);
  try {
    const files: string[] = [];
    for (const name of ['kiosk.log', 'kiosk.log.1']) {
      const source = join(input.dataDir, 'logs', name);
      if (existsSync(source)) {
        copyFileSync(source, join(staging, name));
        files.push(name);
      }
    }
    const audit = join(input.dataDir, 'audit.log');
    if (existsSync(audit)) {
      copyFileSync(audit, join(staging, 'audit.log'));
      files.push('audit.log');
    }
    writeFileSync(join(staging, 'journal-summary.json'), JSON.stringify({ kioskId: input.kioskId, at: new Date(input.now).toISOString(), counts: journalSummary(input.journal) }, null, 2));
    files.push('journal-summary.json');
    await (input.writeArchive ?? tarGz)(file, staging, files);
    return { ok: true, path: file, bytes: statSync(file).size };
  } catch (error) {
    rmSync(file, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : code === 'EACCES' || code === 'EROFS' ? 'not-writable' : 'failed', detail: (error as Error).message.slice(0, 200) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, verifyAuditFile } from './audit-log.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

function logWith(n: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.log');
  let now = Date.UTC(2026, 10, 23, 8);
  const log = openAuditLog(file, () => (now += 1000));
  for (let i = 1; i <= n; i++) log.append({ role: i === 1 ? 'none' : 'technician', action: i === 1 ? 'entry' : 'self-test', detail: `step ${i}` });
  return { file, log };
}

const verifyCommand = (file: string) => {
  try {
    return { code: 0, out: execFileSync(NODE, ['scripts/verify-audit.ts', file], { cwd: ROOT, encoding: 'utf8' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
};

describe('technician audit log', () => {
  it('chains every entry to the one before; a reopened log goes on from the last entry', () => {
    const { file } = logWith(3);
    const again = openAuditLog(file, () => Date.UTC(2026, 10, 23, 9));
    again.append({ role: 'supervisor', action: 'settlement' });
    expect(verifyAuditFile(file)).toEqual({ ok: true, entries: 4 });
    expect(again.recent(2).map((e) => e.action)).toEqual(['settlement', 'self-test']);
    expect(verifyCommand(file)).toEqual({ code: 0, out: expect.stringContaining('4 entries, chain intact') });
  });

  it('a changed line is found, with its line number, by the function and by the command', () => {
    const { file } = logWith(5);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('step 3', 'step 9');
    writeFileSync(file, lines.join('\n'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 3, seq: 3, reason: 'its content was changed', entries: 2 });
    const result = verifyCommand(file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN at line 3 (entry 3)');
  });

  it('a removed line, a reordered pair and garbage are each found', () => {
    const { file } = logWith(4);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, [lines[0], lines[2], lines[3]].join('\n'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 2, reason: expect.stringContaining('removed') });
    writeFileSync(file, [lines[0], lines[2], lines[1], lines[3]].join('\n'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 2 });
    writeFileSync(file, [lines[0], '{not json', lines[1]].join('\n'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 2, reason: 'not an audit entry' });
  });

  it('a whole line recomputed by hand still breaks the next link', () => {
    const { file } = logWith(3);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const second = JSON.parse(lines[1]!) as Record<string, unknown>;
    second.detail = 'forged';
    second.hash = 'f'.repeat(64);
    lines[1] = JSON.stringify(second);
    writeFileSync(file, lines.join('\n'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 2 });
  });

  it('the staff number of an entry is covered by its hash; entries without one hash as they always did', () => {
    const { file, log } = logWith(2);
    const before = readFileSync(file, 'utf8');
    expect(before).not.toContain('staff');
    log.append({ role: 'technician', action: 'entry', detail: 'staff card and PIN accepted', staff: 'STAFF-0001' });
    expect(verifyAuditFile(file)).toEqual({ ok: true, entries: 3 });
    writeFileSync(file, readFileSync(file, 'utf8').replace('STAFF-0001', 'STAFF-0002'));
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, line: 3, reason: 'its content was changed' });
  });
});

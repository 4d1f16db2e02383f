import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteJournal } from './sqlite-journal-store.ts';
import { cprHasher, cprSealer, maskPan } from './personal-data.ts';
import { JournalUnavailableError } from './journal-errors.ts';
import type { IntentInput } from './journal-types.ts';

const KEY = new Uint8Array(32).fill(7);
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'journal-')), 'journal.sqlite');
const open = (file = tempFile(), now = () => 1_000) => ({ file, journal: openSqliteJournal({ file, now, hashCpr: cprHasher(KEY) }) });

const charge = (overrides: Partial<IntentInput> = {}): IntentInput => ({
  action: 'authorise',
  sessionId: 'session-1',
  serviceId: 'renew-id-card',
  idempotencyKey: 'idem-0001-renew',
  amountFils: 2000,
  cpr: '000000018',
  maskedPan: maskPan('4111111111111111'),
  detail: { terminal: 'sim' },
  ...overrides,
});

function unavailable(fn: () => unknown): JournalUnavailableError {
  try {
    fn();
  } catch (error) {
    if (error instanceof JournalUnavailableError) return error;
    throw error;
  }
  throw new Error('expected JournalUnavailableError');
}

describe('SQLite journal', () => {
  it('runs in WAL mode with synchronous=FULL', async () => {
    const { file, journal } = open();
    journal.close();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('an intent without a final outcome is unfinished; in-doubt is not final', () => {
    const { journal } = open();
    const a = journal.recordIntent(charge());
    const b = journal.recordIntent(charge({ idempotencyKey: 'idem-0002-renew' }));
    const c = journal.recordIntent(charge({ idempotencyKey: 'idem-0003-renew' }));
    journal.recordOutcome(a, 'success', { authCode: 'A1B2C3' });
    journal.recordOutcome(b, 'in-doubt', { why: 'no answer' });
    expect(journal.unfinished().map((r) => r.id)).toEqual([b, c]);
    journal.recordOutcome(b, 'reversed');
    expect(journal.unfinished().map((r) => r.id)).toEqual([c]);
    expect(journal.intent(a)?.outcome).toMatchObject({ result: 'success', detail: { authCode: 'A1B2C3' } });
  });

  it('keeps no CPR or full card number in the file, and refuses personal detail fields', () => {
    const { file, journal } = open();
    journal.recordIntent(charge());
    expect(() => journal.recordIntent(charge({ detail: { pin: '1234' } }))).toThrow(/may not carry "pin"/);
    expect(() => journal.recordIntent(charge({ maskedPan: '4111111111111111' }))).toThrow();
    journal.close();
    const bytes = readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
    expect(bytes).not.toContain('000000018');
    expect(bytes).not.toContain('4111111111111111');
    const { journal: again } = open(file);
    expect(again.unfinished()[0]!.cprHash).toBe(cprHasher(KEY)('000000018'));
  });

  it('seals the CPR on money intents only; the file holds no CPR in clear and only this kiosk key opens it', () => {
    const file = tempFile();
    const sealer = cprSealer(KEY);
    const journal = openSqliteJournal({ file, now: () => 1_000, hashCpr: cprHasher(KEY), sealCpr: sealer.seal });
    journal.recordIntent(charge());
    journal.recordIntent(charge({ action: 'submit', idempotencyKey: 'idem-0001-renew-submit', amountFils: null, maskedPan: null }));
    journal.close();
    const bytes = readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
    expect(bytes).not.toContain('000000018');
    const { journal: again } = open(file);
    const [authorise, submit] = again.search({ limit: 10 }).sort((a, b) => a.id - b.id);
    expect(sealer.open(authorise!.cprSealed!)).toBe('000000018');
    expect(submit!.cprSealed).toBeNull();
    expect(cprSealer(new Uint8Array(32).fill(8)).open(authorise!.cprSealed!), 'another kiosk key').toBeNull();
    const tampered = authorise!.cprSealed!.slice(0, -2) + (authorise!.cprSealed!.endsWith('A') ? 'BB' : 'AA');
    expect(sealer.open(tampered)).toBeNull();
    expect(sealer.open('not sealed at all')).toBeNull();
  });

  it('an intent written just before kill -9 is there after restart', () => {
    const file = tempFile();
    const script = `
      import { openSqliteJournal } from ${JSON.stringify(resolve(import.meta.dirname, 'sqlite-journal-store.ts'))};
      const j = openSqliteJournal({ file: ${JSON.stringify(file)}, now: () => 5, hashCpr: (c) => 'h' + c.length });
      j.recordIntent({ action: 'submit', sessionId: null, serviceId: 'x', idempotencyKey: 'idem-killed-1', amountFils: null, cpr: null, maskedPan: null, detail: {} });
      process.kill(process.pid, 'SIGKILL');
    `;
    try {
      execFileSync(resolve(import.meta.dirname, '../../../node_modules/.bin/node'), ['--input-type=module', '-e', script], { stdio: 'pipe' });
    } catch {
      // killed, as intended
    }
    const { journal } = open(file);
    expect(journal.unfinished().map((r) => r.idempotencyKey)).toEqual(['idem-killed-1']);
  });

  it('a corrupt file makes the journal unavailable at open', () => {
    const file = tempFile();
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(unavailable(() => open(file)).reason).toBe('corrupt');
  });

  it('an unwritable place makes it unavailable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    mkdirSync(join(dir, 'journal.sqlite'));
    expect(unavailable(() => open(join(dir, 'journal.sqlite'))).reason).toBe('unwritable');
  });

  it('a full journal refuses the next write with "full"', () => {
    const file = tempFile();
    const journal = openSqliteJournal({ file, now: () => 1, hashCpr: cprHasher(KEY), maxPages: 32 });
    let error: unknown = null;
    for (let i = 0; i < 10_000 && !error; i++) {
      try {
        journal.recordEvent({ type: 'filler', sessionId: null, serviceId: null, detail: { text: 'x'.repeat(200) } });
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(JournalUnavailableError);
    expect((error as JournalUnavailableError).reason).toBe('full');
  });

  it('prune deletes old finished records and never an unfinished intent', () => {
    let now = 1_000;
    const { journal } = open(tempFile(), () => now);
    const done = journal.recordIntent(charge());
    journal.recordOutcome(done, 'success');
    const pending = journal.recordIntent(charge({ idempotencyKey: 'idem-pending-1' }));
    journal.recordEvent({ type: 'card-taken', sessionId: 's', serviceId: null, detail: {} });
    now = 10_000;
    expect(journal.prune(5_000)).toEqual({ intents: 1, events: 1 });
    expect(journal.intent(done)).toBeNull();
    expect(journal.intent(pending)).not.toBeNull();
  });

  it('one writer: a second process cannot open the same journal while it is open', () => {
    const { file, journal } = open();
    journal.recordEvent({ type: 'boot', sessionId: null, serviceId: null, detail: {} });
    const script = `
      import { openSqliteJournal } from ${JSON.stringify(resolve(import.meta.dirname, 'sqlite-journal-store.ts'))};
      try { const j = openSqliteJournal({ file: ${JSON.stringify(file)}, now: () => 5, hashCpr: (c) => c });
        j.recordEvent({ type: 'intruder', sessionId: null, serviceId: null, detail: {} }); console.log('opened'); }
      catch (e) { console.log('refused:' + e.reason); }
    `;
    const out = execFileSync(resolve(import.meta.dirname, '../../../node_modules/.bin/node'), ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: 'pipe' });
    expect(out.trim()).toMatch(/^refused/);
    journal.close();
  });
});


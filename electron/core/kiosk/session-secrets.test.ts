import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { createManualClock } from '../clock/clock.ts';
import { loadConfig } from '../config/load-config.ts';
import { loadServiceCatalogue } from '../catalogue/service-catalogue.ts';
import { SUPPORTED_STEP_KINDS } from '../flow/step-registry.ts';
import { fakePorts, settle } from '../flow/testing/fake-ports.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { PROJECT_ROOT } from '../testing/core-fixture.ts';
import type { Intent } from '../../contract/index.ts';
import { KioskCore } from './kiosk-core.ts';

/**
 * Issue 7: "a test shows no secret survives a session". A citizen registers
 * for eKey (card PIN, SMS code, password) through the real core with
 * scripted devices and gateway; the session is wiped; then the view model,
 * the session table, the journal file, the log and — for the password, the
 * one secret long enough to find without false hits — the whole JavaScript
 * heap are searched.
 */

/** Built at run time so the password exists only as the values the citizen "typed" (the test source holds its pieces). */
const password = () => ['Har', 'bour', '-Lamp', String(6 + 1), '?'].join('');

function startCore() {
  const { config } = loadConfig(resolve(PROJECT_ROOT, 'resources/config/default.json'), null);
  const clock = createManualClock();
  const log = createMemoryLogger();
  const catalogue = loadServiceCatalogue({ directory: resolve(PROJECT_ROOT, 'resources/services'), supportedStepKinds: SUPPORTED_STEP_KINDS, paymentsAvailable: true, logger: log.logger });
  const dir = mkdtempSync(join(tmpdir(), 'secrets-journal-'));
  const journalFile = join(dir, 'journal.sqlite');
  const journal = openSqliteJournal({ file: journalFile, now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  const fake = fakePorts();
  const core = new KioskCore({
    config,
    clock,
    catalogue,
    logger: log.logger,
    journal,
    ports: fake.ports,
    capabilities: () => new Set(['cardReader', 'fingerprint', 'gateway', 'receiptPrinter', 'payment', 'documentPrinter']),
  });
  const send = async (intent: Intent) => {
    const result = core.handle(intent);
    await settle();
    return result;
  };
  const submit = (values: Record<string, string | boolean | number>) => {
    const view = core.view();
    if (view.screen !== 'step') throw new Error(`no step on screen (${view.screen})`);
    return send({ type: 'submitStep', stepId: view.step.stepId, values });
  };
  return { core, fake, log, journal, journalFile, dir, send, submit };
}

describe('no secret survives a session', () => {
  it('card PIN, SMS code and eKey password are gone from view, session table, journal, log and heap after the wipe', async () => {
    const k = startCore();
    await k.send({ type: 'start' });
    await k.send({ type: 'setLanguage', language: 'en' });
    expect(await k.send({ type: 'selectService', serviceId: 'ekey-register' })).toEqual({ ok: true });
    await k.submit({ pin: '1234' });
    await k.submit({ mobile: '36001234' });
    await k.submit({ code: '123456' });
    // Held in an object so the test can drop its own reference before looking at the heap.
    const held: { secret: string | null } = { secret: password() };
    // While the password step is still on screen, nothing of it is in the view.
    expect(JSON.stringify(k.core.view())).toMatch(/"kind":"password"/);
    await k.submit({ password: held.secret!, confirm: held.secret! });
    expect(k.fake.ekey.changes).toHaveLength(1);
    // The citizen walks away at the rating: the idle wipe (same path as any wipe).
    k.core.wipeSession('idle-timeout');
    await settle();

    const view = JSON.stringify(k.core.view());
    expect(k.core.view().screen).toBe('attract');
    expect(k.core.sessions.size).toBe(0);
    for (const value of [held.secret!, '36001234', '123456', '"1234"']) expect(view).not.toContain(value);
    const log = k.log.text();
    for (const value of [held.secret!, '36001234', '123456', '"1234"', '000000018']) expect(log).not.toContain(value);
    k.journal.close();
    const journalBytes = readFileSync(k.journalFile).toString('latin1') + readFileSync(`${k.journalFile}-wal`, { flag: 'a+' }).toString('latin1');
    for (const value of [held.secret!, '36001234', '123456', '000000018']) expect(journalBytes).not.toContain(value);

    // The heap: the fake gateway kept what it was sent (a real gateway is another machine); forget that, then look.
    // Kept as bytes outside the JavaScript heap, so the search itself does not keep the string alive.
    const needleBytes = Buffer.from(held.secret!);
    k.fake.ekey.changes.length = 0;
    held.secret = null;
    const snapshotFile = join(k.dir, 'heap.heapsnapshot');
    writeHeapSnapshot(snapshotFile);
    const heap = readFileSync(snapshotFile, 'utf8');
    rmSync(snapshotFile);
    expect(heap.includes(needleBytes.toString()), 'the password is still reachable in the heap after the session was wiped').toBe(false);
  }, 60_000);
});

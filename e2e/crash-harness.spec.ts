/**
 * Crash-injection harness (issue 6 part 5, DESIGN §4). For each paid service:
 * one clean run discovers the journal writes of the paid flow (K); then for
 * every write N the service is driven as a citizen would (browser +
 * simulators) and the kiosk SIGKILLs itself right after (or just before)
 * write N (KIOSK_CRASH_AFTER_JOURNAL_WRITES / KIOSK_CRASH_BEFORE_JOURNAL_WRITE,
 * electron/core/journal/crash-point.ts), sometimes with the terminal's power
 * cut at the same moment. The kiosk restarts on the same data directory
 * against the same terminal and gateway processes, start-up recovery runs,
 * and the terminal's ledger, the gateway's applications and the journal are
 * checked against each other (scripts/crash-harness/invariants.ts).
 */
import { test, expect, type Browser } from '@playwright/test';
import { citizen } from './support/citizen.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewaySim, startKioskRun, startTerminalSim, type GatewaySim, type KioskRun, type TerminalSim } from '../scripts/crash-harness/processes.ts';
import { checkInvariants, readJournal, runsNeedingRecovery, type JournalSnapshot } from '../scripts/crash-harness/invariants.ts';
import { caseName, crashCases, type CrashCase, type JournalWrite } from '../scripts/crash-harness/cases.ts';

/**
 * Every paying service, and how the citizen proves who they are: with the ID
 * card and its PIN, or (a lost card) with the CPR and an SMS code to the
 * registered mobile. `full`: every crash point, not only those with money in flight.
 */
const SERVICES = [
  { id: 'update-card-chip', identity: { card: 'valid-adult' }, full: true },
  { id: 'renew-id-card', identity: { card: 'card-expiring-soon' }, full: false },
  { id: 'replace-id-card', identity: { lostCard: { cpr: '999000001', mobile: '30000001' } }, full: false },
] as const;
type Service = (typeof SERVICES)[number];

/** A paid run has got past payment, submit and receipt: the card is at the gate, or (no card) the rating is asked. */
const pastThePayment = (service: Service) => ('card' in service.identity ? '[data-testid="take-card-prompt"]' : '[data-step-kind="rating"]');

/** Cases run side by side; they mostly wait on devices and processes, not the CPU. */
const PARALLEL = 3;

// Every case opens and closes its own browser context while kiosks die under it: Playwright's own trace copying trips over that.
test.use({ trace: 'off', screenshot: 'off' });

async function simAction(kiosk: KioskRun, device: string, action: string, args: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${kiosk.simulators.controlUrl}/api/simulators/${device}/actions/${action}`, {
    method: 'POST',
    headers: { 'x-control-token': kiosk.simulators.controlToken, 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  if (!res.ok) throw new Error(`${device}/${action}: ${res.status} ${await res.text()}`);
}

/** The citizen: language, service, identity (card + PIN, or CPR + SMS code), review, pay by card. Returns once the card payment has started. */
async function payAsCitizen(browser: Browser, kiosk: KioskRun, gateway: GatewaySim, service: Service) {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  const c = citizen(page);
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId(`service-${service.id}`).click();
  if ('card' in service.identity) {
    await simAction(kiosk, 'card-reader', 'insertCard', { profile: service.identity.card });
    await expect(page.locator('[data-step-kind="pin"]')).toBeVisible({ timeout: 15_000 });
    await c.padEntry('pin', '1234');
  } else {
    await page.getByTestId('option-lost').click();
    await c.typeOnScreen('cpr', service.identity.lostCard.cpr);
    await c.typeOnScreen('mobile', service.identity.lostCard.mobile);
    await c.continue();
    await expect(page.locator('[data-step-kind="otp"]')).toBeVisible({ timeout: 15_000 });
    // The gateway simulator runs in its own process here: the SMS code is read from its ledger.
    const code = (await gateway.ledger()).otps.at(-1)?.code;
    if (!code) throw new Error('the gateway sent no SMS code');
    await c.padEntry('otp', code);
  }
  await expect(page.getByTestId('review')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('btn-continue').click();
  await page.getByTestId('pay-card').click();
  return { page, close: () => context.close() };
}

function readWrites(file: string): JournalWrite[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as JournalWrite) : [];
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))]);

interface CaseResult {
  name: string;
  violations: string[];
  seconds: number;
}

/** A clean run: the writes of the paid flow (K), and the invariants on a run nobody disturbed. */
async function cleanRun(browser: Browser, service: Service): Promise<{ writes: JournalWrite[]; result: CaseResult }> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'crash-harness-'));
  const [gateway, terminal] = await Promise.all([startGatewaySim(), startTerminalSim(dir)]);
  const log = join(dir, 'writes.jsonl');
  try {
    const kiosk = await startKioskRun({ dir, gateway, terminal, env: { KIOSK_JOURNAL_WRITE_LOG: log } });
    const run = await payAsCitizen(browser, kiosk, gateway, service);
    await expect(run.page.locator(pastThePayment(service))).toBeVisible({ timeout: 30_000 });
    await run.close();
    await kiosk.stop();
    const journal = readJournal(join(dir, 'data/journal.sqlite'), { copy: false });
    const violations = checkInvariants({ terminal: terminal.ledger().entries, applications: (await gateway.ledger()).applications.filter((a) => a.idempotencyKey), atCrash: journal, after: journal });
    if (terminal.ledger().entries.length !== 1) violations.push(`clean run: expected one charge on the terminal, found ${terminal.ledger().entries.length}`);
    return { writes: readWrites(log), result: { name: `${service.id} clean run`, violations, seconds: (Date.now() - started) / 1000 } };
  } finally {
    await Promise.all([gateway.stop(), terminal.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function crashRun(browser: Browser, service: Service, c: CrashCase, writes: readonly JournalWrite[]): Promise<CaseResult> {
  const started = Date.now();
  const name = caseName(c);
  const violations: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'crash-harness-'));
  const [gateway, terminal] = await Promise.all([startGatewaySim(), startTerminalSim(dir)]);
  const log = join(dir, 'writes.jsonl');
  const journalFile = join(dir, 'data/journal.sqlite');
  const restart = (t: TerminalSim, needSims: boolean) => startKioskRun({ dir, gateway, terminal: t, needSimulators: needSims });
  try {
    const crashEnv = c.when === 'after' ? { KIOSK_CRASH_AFTER_JOURNAL_WRITES: String(c.n) } : { KIOSK_CRASH_BEFORE_JOURNAL_WRITE: String(c.n) };
    const kiosk = await startKioskRun({ dir, gateway, terminal, env: { ...crashEnv, KIOSK_JOURNAL_WRITE_LOG: log } });
    const run = await payAsCitizen(browser, kiosk, gateway, service);
    const ended = await withTimeout(kiosk.exited, 30_000, `${name}: the kiosk never reached its crash point`);
    if (c.powerCut) await terminal.fault('power-cut');
    await run.close();
    expect(ended, `${name}: the kiosk must die by SIGKILL`).toBe('SIGKILL');
    const done = readWrites(log);
    const expectedLast = c.when === 'after' ? c.n : c.n - 1;
    expect(done.map((w) => w.n).at(-1) ?? 0, `${name}: writes on disk at the crash`).toBe(expectedLast);
    expect(done.map(({ kind, action, result, type }) => ({ kind, action, result, type })), `${name}: the run wrote what the clean run wrote`).toEqual(
      writes.slice(0, expectedLast).map(({ kind, action, result, type }) => ({ kind, action, result, type })),
    );
    const atCrash: JournalSnapshot = readJournal(journalFile, { copy: true });
    let sinceEventId = atCrash.events.at(-1)?.id ?? 0;

    if (c.powerStaysOff) {
      // The kiosk comes back before the terminal: recovery cannot ask it, so it must leave the money in doubt and say so.
      const early = await restart(terminal, false);
      await early.stop();
      const meanwhile = readJournal(journalFile, { copy: false });
      const lastId = atCrash.events.at(-1)?.id ?? 0;
      for (const run of runsNeedingRecovery(atCrash)) {
        const listed = meanwhile.events.some((e) => e.id > lastId && e.type === 'recovery' && e.detail.run === run.slice(0, 64) && e.detail.result === 'unresolved');
        if (!listed) violations.push(`terminal off at restart: run ${run.slice(0, 8)}… was not listed as unresolved for the technician`);
      }
      const settledBlind = meanwhile.intents.filter((i) => i.action === 'authorise' && atCrash.intents.some((a) => a.id === i.id && a.outcomes.length === i.outcomes.length - 1) && i.outcomes.at(-1)?.result !== 'in-doubt');
      for (const i of settledBlind) violations.push(`terminal off at restart: authorise intent #${i.id} was settled as "${i.outcomes.at(-1)?.result}" without asking the terminal`);
      sinceEventId = meanwhile.events.at(-1)?.id ?? sinceEventId;
    }
    if (c.powerCut) await terminal.fault(null);
    const recovered = await restart(terminal, true);
    await recovered.stop();
    const after = readJournal(journalFile, { copy: false });
    const ledger = await gateway.ledger();
    const applications = ledger.applications.filter((a) => a.idempotencyKey);
    violations.push(...checkInvariants({ terminal: terminal.ledger().entries, applications, atCrash, after, sinceEventId, smsReceipts: ledger.smsReceipts }));
  } catch (error) {
    violations.push(`harness could not complete the case: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await Promise.all([gateway.stop(), terminal.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  return { name, violations, seconds: (Date.now() - started) / 1000 };
}

async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

test('crash harness: a SIGKILL at every journal write of a paid service leaves no money or application unaccounted for', async ({ browser }) => {
  test.setTimeout(6 * 60_000);
  const started = Date.now();
  const clean = await pool(
    SERVICES.map((service) => () => cleanRun(browser, service)),
    PARALLEL,
  );
  const results: CaseResult[] = clean.map((c) => c.result);
  const jobs: (() => Promise<CaseResult>)[] = [];
  SERVICES.forEach((service, i) => {
    const writes = clean[i]!.writes;
    console.log(`crash harness: ${service.id}: K = ${writes.length} journal writes in a clean paid run: ${writes.map((w) => `${w.n}:${w.kind}:${w.action ?? w.result ?? w.type}`).join(' ')}`);
    expect(writes.length, `${service.id}: a paid run writes to the journal`).toBeGreaterThanOrEqual(4);
    for (const c of crashCases(service.id, writes, { full: service.full })) jobs.push(() => crashRun(browser, service, c, writes));
  });
  results.push(...(await pool(jobs, PARALLEL)));

  const violations = results.flatMap((r) => r.violations.map((v) => `${r.name}: ${v}`));
  for (const r of results) console.log(`  ${r.violations.length ? 'FAIL' : 'ok  '} ${r.name} (${r.seconds.toFixed(1)} s)`);
  console.log(`crash harness: ${results.length} cases run, ${violations.length} violations (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const v of violations) console.log(`  VIOLATION ${v}`);
  expect(violations, 'crash harness violations').toEqual([]);
});

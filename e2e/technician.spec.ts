import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './support/fixtures.ts';
import { citizen } from './support/citizen.ts';
import { simulators } from './support/simulators.ts';
import { ROOT } from './support/kiosk-process.ts';

/**
 * Technician mode (issue 8), as a technician uses it at the machine: the
 * corner gesture and PIN, the lockout, the out-of-service switch seen from
 * the citizen side, automatic out-of-service when the card reader fails,
 * services hidden when their device is down, and the audit chain.
 * Development PINs: technician 246810, supervisor 135790.
 */
test.use({ kioskConfig: { paths: { services: 'resources/services' } } });

const GESTURE = ['top-start', 'top-end', 'bottom-end', 'bottom-start'];

async function gesture(page: Page) {
  for (const corner of GESTURE) await page.getByTestId(`corner-${corner}`).click();
}

async function pin(page: Page, digits: string) {
  for (const d of digits) await page.locator(`[data-testid="pin-key"][data-key="${d}"]`).click();
  await page.getByTestId('tech-pin-ok').click();
}

async function enter(page: Page, digits = '246810') {
  await expect(page.getByTestId('screen-attract').or(page.getByTestId('screen-out-of-service'))).toBeVisible();
  await gesture(page);
  await expect(page.getByTestId('screen-technician')).toHaveAttribute('data-phase', 'login');
  await pin(page, digits);
}

test('entry by gesture and PIN; device overview; out of service with a reason, seen by citizens in both languages; back in service; audit chain verified, then a tampered line found', async ({ kioskPage: page, kiosk }) => {
  await enter(page);
  await expect(page.getByTestId('screen-technician')).toHaveAttribute('data-phase', 'open');
  await expect(page.getByTestId('tech-role')).toContainText('فني');
  await expect(page.getByTestId('tech-device-cardReader')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('tech-device-journal')).toHaveAttribute('data-state', 'ok');
  await expectNoAxeViolations(page, 'technician overview (ar)');
  await screenshot(page, 'technician-overview-ar');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('tech-device-receiptPrinter')).toContainText('Receipt printer');
  await screenshot(page, 'technician-overview-en');

  await page.getByTestId('tech-section-service').click();
  await page.getByTestId('tech-oos-paper').click();
  await expect(page.getByTestId('tech-service-state')).toContainText('Paper refill');
  await page.getByTestId('tech-exit').click();
  // Citizens now see the out-of-service screen in both languages, and cannot start.
  await expect(page.getByTestId('screen-out-of-service')).toContainText('out of service for maintenance');
  await expect(page.getByTestId('screen-out-of-service')).toContainText('خارج الخدمة للصيانة');
  await screenshot(page, 'technician-out-of-service-citizen');

  await enter(page);
  await page.getByTestId('tech-section-service').click();
  await page.getByTestId('tech-return').click();
  await expect(page.getByTestId('tech-notice')).toBeVisible();
  // Each new head of the chain goes to the gateway a moment after it is written.
  const sim = simulators(kiosk);
  const headNow = () => readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8').trim().split('\n').length;
  await expect.poll(async () => (await sim.state('gateway')).auditHeadSeq, { timeout: 15_000 }).toBe(headNow());
  await page.getByTestId('tech-section-audit').click();
  await page.getByTestId('tech-verify-audit').click();
  await expect(page.getByTestId('tech-audit-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('tech-audit-anchor')).toHaveAttribute('data-anchor', 'matches');
  await page.getByTestId('tech-exit').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await citizen(page).startAndChoose('en');
  await expect(page.getByTestId('service-renew-id-card')).toBeVisible();

  // Someone edits a line of the audit log: the command and the screen both find it.
  const file = join(kiosk.dataDir, 'audit.log');
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes('"out-of-service"'));
  lines[index] = lines[index]!.replace('Paper refill', 'Nothing happened');
  writeFileSync(file, lines.join('\n'));
  let output = '';
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/node'), ['scripts/verify-audit.ts', file], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  expect(output).toContain(`BROKEN at line ${index + 1}`);
  await page.getByTestId('btn-end-session').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await enter(page);
  await page.getByTestId('tech-section-audit').click();
  await page.getByTestId('tech-verify-audit').click();
  await expect(page.getByTestId('tech-audit-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('tech-notice')).toContainText(`line ${index + 1}`);
});

test('the audit log cut short at its end: the heads kept at the gateway show which entry is gone (English)', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  const file = join(kiosk.dataDir, 'audit.log');
  const lines = () => readFileSync(file, 'utf8').trim().split('\n');
  await enter(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('tech-section-service').click();
  await page.getByTestId('tech-oos-paper').click();
  await page.getByTestId('tech-return').click();
  await page.getByTestId('tech-exit').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await expect.poll(async () => (await sim.state('gateway')).auditHeadSeq, { timeout: 15_000 }).toBe(lines().length);
  // Someone removes the out-of-service lines and everything after them. What is left is a valid chain; here the
  // next line the running kiosk writes also leaves a gap, but after a restart only the gateway's heads would show
  // the cut (audit-anchor.test.ts covers that start-up check).
  const kept = lines().findIndex((l) => l.includes('"out-of-service"'));
  const removed = kept + 1;
  writeFileSync(file, `${lines().slice(0, kept).join('\n')}\n`);
  await enter(page);
  await page.getByTestId('tech-section-audit').click();
  await page.getByTestId('tech-verify-audit').click();
  await expect(page.getByTestId('tech-audit-anchor')).toHaveAttribute('data-anchor', 'truncated');
  await expect(page.getByTestId('tech-audit-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('tech-audit-anchor')).toContainText('Cut short: entry');
  await screenshot(page, 'technician-audit-cut-short-en');
  // The verification itself is in the chain, with the gateway's verdict.
  expect(lines().at(-1)).toContain(`gateway heads: truncated at `);
  expect(Number(/truncated at (\d+)/.exec(lines().at(-1)!)![1])).toBeGreaterThanOrEqual(removed);
});

test('entry with a staff card: a citizen card is given back unread, the staff card names its holder, whose own PIN opens; the audit log names them (English)', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await gesture(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('tech-use-staff-card').click();
  await expect(page.getByTestId('tech-staff-card')).toHaveAttribute('data-state', 'waiting');
  await screenshot(page, 'technician-staff-card-waiting-en');
  // Someone tries a citizen's ID card: not a staff card, handed back, nothing read from it.
  await sim.action('card-reader', 'insertCard', { profile: 'valid-adult' });
  await expect(page.getByTestId('tech-staff-card')).toHaveAttribute('data-state', 'returning');
  await sim.takeCard();
  await expect(page.getByTestId('tech-staff-card-error')).toContainText('not a staff card');
  await page.getByTestId('tech-use-staff-card').click();
  await expect(page.getByTestId('tech-staff-card')).toHaveAttribute('data-state', 'waiting');
  await sim.action('card-reader', 'insertCard', { profile: 'technician-card' });
  // Taken once the reader has read it and offers it back (a card at the gate before that is one still going in).
  await expect(page.getByTestId('tech-staff-card')).toHaveAttribute('data-state', 'returning');
  await sim.takeCard();
  await expect(page.getByTestId('tech-login')).toHaveAttribute('data-staff-card', 'STAFF-0001');
  await expect(page.getByTestId('tech-login')).toContainText('Staff card STAFF-0001');
  await expectNoAxeViolations(page, 'technician login with a staff card (en)');
  await pin(page, '102030');
  await expect(page.getByTestId('screen-technician')).toHaveAttribute('data-phase', 'open');
  await page.getByTestId('tech-section-audit').click();
  await expect(page.getByTestId('tech-audit-entry').first()).toBeVisible();
  await screenshot(page, 'technician-staff-card-audit-en');
  const audit = readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('"staff-card-refused"');
  expect(audit).toMatch(/"action":"entry","detail":"staff card and PIN accepted","staff":"STAFF-0001"/);
  expect(audit).not.toContain('102030');
});

test('five wrong PINs lock entry for 15 minutes; the gesture during a citizen session does nothing', async ({ kioskPage: page, kiosk }) => {
  await gesture(page);
  for (let i = 0; i < 4; i++) {
    await pin(page, '111111');
    await expect(page.getByTestId('tech-pin-error')).toBeVisible();
  }
  await pin(page, '111111');
  await expect(page.getByTestId('tech-locked')).toContainText('١٥');
  await screenshot(page, 'technician-locked-ar');
  await page.getByTestId('tech-exit').click();
  await gesture(page);
  await expect(page.getByTestId('tech-locked')).toBeVisible();
  await page.getByTestId('tech-exit').click();
  await kiosk.advanceClock(15 * 60_000 + 1000);
  await enter(page, '135790');
  await expect(page.getByTestId('tech-role')).toContainText('مشرف');
  await page.getByTestId('tech-exit').click();

  // A citizen is being served: the corners do nothing (the corner zones are not even on the menu).
  const c = citizen(page);
  await c.startAndChoose('en');
  await expect(page.getByTestId('corner-top-start')).toHaveCount(0);
  const refused = await page.evaluate(async () => (window as unknown as { kiosk: { send(i: unknown): Promise<{ ok: boolean }> } }).kiosk.send({ type: 'cornerTap', corner: 'top-start' }));
  expect(refused.ok).toBe(false);
  await expect(c.screen('menu')).toBeVisible();
  const audit = readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('gesture-during-session');
  expect(audit).toContain('"lockout"');
  expect(audit).not.toContain('111111');
});

test('a card reader that drops for a moment is initialised again by the kiosk, which stays in service', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await sim.fault('card-reader', 'unplugged');
  await page.waitForTimeout(1000);
  await sim.fault('card-reader', null);
  // The second attempt, 5 s after the first, finds it back.
  await expect.poll(() => kiosk.logs(), { timeout: 20_000 }).toContain('card reader back online');
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await citizen(page).startAndChoose('en');
  await expect(page.getByTestId('service-update-address')).toBeVisible();
  const audit = join(kiosk.dataDir, 'audit.log');
  expect(existsSync(audit) ? readFileSync(audit, 'utf8') : '').not.toContain('auto-out-of-service');
});

test('a service whose device is down is hidden; the card reader failing takes the kiosk out of service until a technician clears it', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  const c = citizen(page);
  await sim.fault('payment-terminal', 'unplugged');
  await c.startAndChoose('en');
  // Paid services need the terminal; free ones stay.
  await expect(page.getByTestId('service-update-address')).toBeVisible();
  await expect(page.getByTestId('service-renew-id-card')).toHaveCount(0, { timeout: 15_000 });
  await page.getByTestId('btn-end-session').click();
  await sim.fault('payment-terminal', null);

  await sim.fault('card-reader', 'unplugged');
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible({ timeout: 15_000 });
  await sim.fault('card-reader', null);
  // The reader is back, but the kiosk waits for a technician.
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible();
  await enter(page);
  await page.getByTestId('tech-section-service').click();
  await expect(page.getByTestId('tech-service-state')).toContainText('card reader');
  await page.getByTestId('tech-return').click();
  await page.getByTestId('tech-exit').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});

test('every device self-test against the simulators, a failing one explained; settlement as supervisor with the report printed; refused to a technician', async ({ kioskPage: page, kiosk }) => {
  // The report (Arabic and English) goes through the simulated printer at its real 38400 baud: tens of seconds on a busy machine.
  test.setTimeout(240_000);
  const sim = simulators(kiosk);
  await sim.fault('fingerprint', 'sensor-fault');
  await enter(page, '135790');
  await page.getByRole('button', { name: 'English' }).click();
  for (const device of ['cardReader', 'paymentTerminal', 'receiptPrinter', 'documentPrinter', 'fingerprint', 'scanner', 'keypad']) {
    await page.getByTestId(`tech-test-${device}`).click();
    await expect(page.getByTestId(`tech-test-result-${device}`)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('tech-busy')).toHaveCount(0, { timeout: 30_000 });
    const expected = device === 'fingerprint' ? 'false' : 'true';
    await expect(page.getByTestId(`tech-test-result-${device}`), `${device} self-test`).toHaveAttribute('data-passed', expected);
  }
  await expect(page.getByTestId('tech-device-fingerprint')).toContainText('Failed');
  // The receipt printer's self-test printed a test slip.
  expect((await sim.state('receipt-printer')).artifacts).toContain('last-receipt.png');
  await screenshot(page, 'technician-self-tests-en');

  await page.getByTestId('tech-section-settlement').click();
  await page.getByTestId('tech-settle').click();
  // The report is on screen while the slip is still printing (tens of seconds at the printer's 38400 baud).
  await expect(page.getByTestId('tech-settlement-report')).toHaveAttribute('data-report', 'printing', { timeout: 60_000 });
  await expect(page.getByTestId('tech-settlement-report')).toContainText('END-OF-DAY SETTLEMENT');
  await expect(page.getByTestId('tech-busy')).toBeVisible();
  await expect(page.getByTestId('tech-settlement-report')).toHaveAttribute('data-report', 'printed', { timeout: 150_000 });
  await expect(page.getByTestId('tech-settlement-report')).toContainText('END-OF-DAY SETTLEMENT');
  await screenshot(page, 'technician-settlement-en');
  await page.getByTestId('tech-exit').click();

  await enter(page, '246810');
  await page.getByTestId('tech-section-settlement').click();
  await expect(page.getByTestId('tech-settle-supervisor')).toBeVisible();
  const audit = readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('"settlement"');
  expect(audit).toContain('fingerprint: failed');
});

test('counters and journal after a paid renewal: receipts, payments, the service; paper refilled resets the count; the journal found by reference, masked (Arabic)', async ({ kioskPage: page, kiosk }) => {
  const sim = simulators(kiosk);
  const c = citizen(page);
  await c.startAndChoose('en');
  await c.openService('renew-id-card');
  await sim.action('card-reader', 'insertCard', { profile: 'card-expiring-soon' });
  await c.padEntry('pin', '1234');
  await expect(page.getByTestId('review')).toBeVisible({ timeout: 15_000 });
  await c.continue();
  await page.getByTestId('pay-card').click();
  await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
  await sim.takeCard();
  await page.getByTestId('btn-rating-skip').click();
  const body = await page.getByTestId('message-body').textContent();
  const reference = /Reference: (\S+)/.exec(body ?? '')?.[1] ?? '';
  expect(reference).not.toBe('');
  await c.continue();
  await page.getByTestId('btn-end-session').click();

  await enter(page);
  await page.getByTestId('tech-section-counters').click();
  await expect(page.getByTestId('tech-counter-receipts')).toContainText('١');
  await expect(page.getByTestId('tech-counter-payments')).toContainText('١');
  await expect(page.getByTestId('tech-counter-service-renew-id-card')).toBeVisible();
  await screenshot(page, 'technician-counters-ar');
  await page.getByTestId('tech-paper-refilled').click();
  await expect(page.getByTestId('tech-counter-receipts')).toContainText('٠');

  await page.getByTestId('tech-section-journal').click();
  for (const ch of reference.toLowerCase()) await page.locator(`[data-testid="osk-key"][data-key="${ch}"]`).click();
  await page.getByTestId('tech-journal-search').click();
  await expect(page.getByTestId('tech-journal-row').first()).toContainText(reference);
  const rows = await page.getByTestId('tech-content-journal').textContent();
  expect(rows).not.toContain('999000002');
  await page.getByTestId('tech-journal-today').click();
  await expect(page.getByTestId('tech-journal-row').filter({ hasText: 'authorise' })).toContainText('******');
  await expectNoAxeViolations(page, 'technician journal (ar)');
});

test.describe('log export', () => {
  const drive = mkdtempSync(join(tmpdir(), 'usb-drive-'));
  test.use({ kioskConfig: { paths: { services: 'resources/services' }, technician: { exportPath: drive } } });

  test('logs exported as an archive to the removable drive; a drive that is gone is explained and audited', async ({ kioskPage: page, kiosk }) => {
    await enter(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('tech-section-logs').click();
    await page.getByTestId('tech-export').click();
    await expect(page.getByTestId('tech-last-export')).toContainText('.tar.gz', { timeout: 20_000 });
    const archives = readdirSync(drive).filter((f) => f.endsWith('.tar.gz'));
    expect(archives).toHaveLength(1);
    rmSync(drive, { recursive: true, force: true });
    await page.getByTestId('tech-export').click();
    await expect(page.getByTestId('tech-notice')).toContainText('removable drive plugged in', { timeout: 20_000 });
    const audit = readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8');
    expect(audit).toContain('failed: missing');
  });
});

test('supervisor settings: an invalid value is refused on its field and nothing changes; a valid one is saved to the machine file and applies to the next citizen (English)', async ({ kioskPage: page, kiosk }) => {
  await enter(page, '135790');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('tech-section-config').click();
  const answer = 'idle.answerWithinSeconds';
  await page.getByTestId(`tech-config-${answer}--10`).click();
  await page.getByTestId(`tech-config-${answer}--1`).click();
  await expect(page.getByTestId(`tech-config-${answer}-value`)).toHaveText('19');
  await page.getByTestId('tech-config-save').click();
  await expect(page.getByTestId(`tech-config-${answer}-error`)).toContainText('at least 20 seconds');
  await screenshot(page, 'technician-config-refused-en');
  const machineFile = join(kiosk.dataDir, '..', 'local.json');
  expect(readFileSync(machineFile, 'utf8')).not.toContain('answerWithinSeconds');
  await page.getByTestId(`tech-config-${answer}-+1`).click();
  await page.getByTestId('tech-config-idle.warningAfterSeconds-+10').click();
  await page.getByTestId('tech-config-save').click();
  await expect(page.getByTestId('tech-notice')).toContainText('apply from the next citizen');
  expect(JSON.parse(readFileSync(machineFile, 'utf8'))).toMatchObject({ idle: { warningAfterSeconds: 70, answerWithinSeconds: 20 } });
  await page.getByTestId('tech-exit').click();

  // The next citizen gets 70 s before the idle warning, not 60.
  await citizen(page).startAndChoose('en');
  await kiosk.advanceClock(65_000);
  await expect(page.getByTestId('idle-warning')).toHaveCount(0);
  await kiosk.advanceClock(6_000);
  await expect(page.getByTestId('idle-warning')).toBeVisible();
  expect(readFileSync(join(kiosk.dataDir, 'audit.log'), 'utf8')).toContain('config-refused');
});

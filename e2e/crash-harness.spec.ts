import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewaySim, startKioskRun, startTerminalSim } from '../scripts/crash-harness/processes.ts';

test('clean', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));
  const t0 = Date.now();
  const [gateway, terminal] = await Promise.all([startGatewaySim(), startTerminalSim(dir)]);
  const log = join(dir, 'writes.jsonl');
  const kiosk = await startKioskRun({ dir, gateway, terminal, env: { KIOSK_JOURNAL_WRITE_LOG: log } });
  console.log('started', Date.now() - t0);
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('service-update-card-chip').click();
  const sim = async (path: string, body: unknown) => {
    const r = await fetch(`${kiosk.simulators.controlUrl}/api/simulators/${path}`, { method: 'POST', headers: { 'x-control-token': kiosk.simulators.controlToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.ok).toBe(true);
  };
  await sim('card-reader/actions/insertCard', { args: { profile: 'valid-adult' } });
  await expect(page.locator('[data-step-kind="pin"]')).toBeVisible();
  for (const d of '1234') await page.locator(`[data-testid="pin-key"][data-key="${d}"]`).click();
  await page.getByTestId('btn-continue').click();
  await expect(page.getByTestId('review')).toBeVisible();
  await page.getByTestId('btn-continue').click();
  await page.getByTestId('pay-card').click();
  await expect(page.getByTestId('take-card-prompt')).toBeVisible({ timeout: 30_000 });
  console.log('paid', Date.now() - t0);
  console.log(readFileSync(log, 'utf8'));
  console.log(JSON.stringify(terminal.ledger()));
  console.log(JSON.stringify((await gateway.ledger()).applications));
  await kiosk.stop(); await gateway.stop(); await terminal.stop();
  console.log(kiosk.logs().slice(-3000));
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher, cprSealer } from '../journal/personal-data.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { fakePorts } from '../flow/testing/fake-ports.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { recoverUnfinishedWork, runKeyOf, type NotifyCitizen } from './startup-recovery.ts';

const RUN = 'session-1:renew-id-card:run-1';
const TX = { receiptNo: '0042', trace: '004200', amountFils: 2000, maskedPan: '411111******1111', authCode: 'A1' };

const SEALER = cprSealer(new Uint8Array(32));

function setup(options: { notify?: NotifyCitizen } = {}) {
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'recovery-')), 'j.sqlite'), now: () => 1, hashCpr: cprHasher(new Uint8Array(32)), sealCpr: SEALER.seal });
  const fake = fakePorts();
  const texts: Parameters<NotifyCitizen>[0][] = [];
  const notify: NotifyCitizen =
    options.notify ??
    (async (input) => {
      texts.push(input);
      return true;
    });
  const recover = () => recoverUnfinishedWork({ journal, terminal: fake.ports.terminal, gateway: fake.ports.gateway, logger: createMemoryLogger().logger, openCpr: SEALER.open, notify });
  return { journal, fake, recover, texts };
}

/** A paid intent as the pay step writes it: the citizen's CPR (fictional) travels with it and is sealed. */
const paidIntent = (journal: JournalStore, key: string) =>
  journal.recordIntent({ action: 'authorise', sessionId: 'session-1', serviceId: 'renew-id-card', idempotencyKey: key, amountFils: 2000, cpr: '999000001', maskedPan: '411111******1111', detail: {} });

const intent = (journal: JournalStore, action: 'authorise' | 'submit' | 'reversal' | 'print' | 'capture' | 'sms', key: string, detail: Record<string, string> = {}) =>
  journal.recordIntent({ action, sessionId: 'session-1', serviceId: 'renew-id-card', idempotencyKey: key, amountFils: 2000, cpr: null, maskedPan: null, detail });

/** Every approved charge has exactly one application or exactly one reversal. */
function expectInvariant(journal: JournalStore) {
  const rows = journal.search({ limit: 1000 });
  for (const charge of rows.filter((r) => r.action === 'authorise' && r.outcome?.result === 'success')) {
    const run = rows.filter((r) => runKeyOf(r.idempotencyKey) === runKeyOf(charge.idempotencyKey));
    const submits = run.filter((r) => r.action === 'submit' && r.outcome?.result === 'success').length;
    const reversals = run.filter((r) => r.action === 'reversal' && r.outcome?.result === 'success').length;
    expect(submits + reversals).toBe(1);
  }
  expect(journal.unfinished()).toEqual([]);
}

describe('start-up recovery', () => {
  it('run keys group a run’s intents, whatever step wrote them', () => {
    expect(runKeyOf(`${RUN}:pay:2`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:reversal:0042`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:print:receipt`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:qr`)).toBe(RUN);
    expect(runKeyOf(RUN)).toBe(RUN);
  });

  it('crash during the receipt print after a paid, submitted run: completed, payment kept, the print case recorded', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    const submit = intent(journal, 'submit', RUN);
    journal.recordOutcome(submit, 'success', { reference: 'KH26-000001' });
    intent(journal, 'print', `${RUN}:print:receipt`);
    const results = await recover();
    expect(results).toEqual([expect.objectContaining({ runKey: RUN, result: 'completed' })]);
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
    expect(journal.search({ action: 'print' })[0]?.outcome).toMatchObject({ result: 'resolved', detail: { citizenCase: expect.stringContaining('print') } });
  });

  it('crash during the charge; the terminal approved it; no application → the money is reversed', async () => {
    const { journal, fake, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    fake.queues.lastTransaction.push({ kind: 'found', state: 'approved', transaction: TX });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded', amountFils: 2000 });
    expect(fake.reversed).toEqual(['0042']);
    expectInvariant(journal);
  });

  it('crash during the submit after payment; the gateway has it → completed, payment kept', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'submit', RUN);
    fake.queues.findSubmission.push({ ok: true, value: { found: true, receipt: { reference: 'APP-2026-000555', status: 'received' } } });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'completed' });
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
  });

  it('crash during the submit after payment; the gateway never got it → reversed', async () => {
    const { journal, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'submit', RUN);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expectInvariant(journal);
  });

  it('crash between the approved charge and the submit intent → reversed', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expect(fake.reversed).toEqual(['0042']);
    expectInvariant(journal);
  });

  it('the terminal is unreachable → left unresolved for the technician, nothing reversed blindly', async () => {
    const { journal, fake, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    fake.queues.lastTransaction.push({ kind: 'unreachable' });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'unresolved' });
    expect(fake.reversed).toEqual([]);
    expect(journal.unfinished()).toHaveLength(1);
    expect(journal.events({ type: 'recovery' })[0]?.detail).toMatchObject({ result: 'unresolved' });
  });

  it('the terminal shows no such charge → nothing taken', async () => {
    const { journal, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'nothing-taken' });
    expectInvariant(journal);
  });

  it('a reversal cut short that the terminal did complete is recorded, not repeated', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'reversal', `${RUN}:reversal:0042`, { receiptNo: '0042' });
    fake.queues.lastTransaction.push({ kind: 'found', state: 'reversed', transaction: TX });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
  });

  it('a card-out cut short is left as a case for the technician (the card may be in the bin)', async () => {
    const { journal, recover } = setup();
    intent(journal, 'capture', `${RUN}:capture:card-out`);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'nothing-taken' });
    expect(journal.search({ action: 'capture' })[0]?.outcome).toMatchObject({ result: 'resolved', detail: { citizenCase: expect.stringContaining('bin') } });
    expect(journal.unfinished()).toEqual([]);
  });

  it('nothing to do on a clean journal', async () => {
    const { recover } = setup();
    expect(await recover()).toEqual([]);
  });

  describe('telling the citizen who left without proof', () => {
    it('a refund after a crash is texted once, in both languages, to the CPR on the charge; a second restart does not text again', async () => {
      const { journal, fake, recover, texts } = setup();
      const charge = paidIntent(journal, `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'refunded', citizen: 'told-by-sms' });
      expect(fake.reversed).toEqual(['0042']);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatchObject({ cpr: '999000001', idempotencyKey: `${RUN}:recovery-sms` });
      expect(texts[0]!.text).toContain('refunded to your card ending 1111');
      expect(texts[0]!.text).toContain('BD 2.000');
      expect(texts[0]!.text).toContain('٢٫٠٠٠ د.ب.');
      expect(texts[0]!.text).not.toContain('999000001');
      expect(journal.events({ type: 'recovery' })[0]?.detail).toMatchObject({ citizen: 'told-by-sms' });
      expect(await recover()).toEqual([]);
      expect(texts).toHaveLength(1);
      expectInvariant(journal);
    });

    it('a completed application whose receipt never printed is texted with its reference', async () => {
      const { journal, fake, recover, texts } = setup();
      const charge = paidIntent(journal, `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      intent(journal, 'submit', RUN);
      fake.queues.findSubmission.push({ ok: true, value: { found: true, receipt: { reference: 'APP-2026-000555', status: 'received' } } });
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'completed', citizen: 'told-by-sms' });
      expect(texts[0]!.text).toContain('APP-2026-000555');
      expect(texts[0]!.text).toContain('your application was submitted');
    });

    it('a citizen who already has a printed receipt is not texted', async () => {
      const { journal, recover, texts } = setup();
      const charge = paidIntent(journal, `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      journal.recordOutcome(intent(journal, 'submit', RUN), 'success', { reference: 'APP-1' });
      journal.recordOutcome(intent(journal, 'print', `${RUN}:print:receipt`), 'success', {});
      intent(journal, 'capture', `${RUN}:capture:card-out`);
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'completed', citizen: 'had-proof' });
      expect(texts).toEqual([]);
    });

    it('a text the gateway refuses is journaled as failed and listed for the technician', async () => {
      const { journal, recover } = setup({ notify: async () => false });
      const charge = paidIntent(journal, `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'refunded', citizen: 'sms-failed' });
      expect(journal.search({ action: 'sms' })[0]?.outcome?.result).toBe('failed');
      expect(journal.unfinished()).toEqual([]);
    });

    it('a text cut short by a crash is resolved and sent again under the same key (the gateway sends it once)', async () => {
      const { journal, recover, texts } = setup();
      const charge = paidIntent(journal, `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      journal.recordOutcome(intent(journal, 'reversal', `${RUN}:reversal:0042`, { receiptNo: '0042' }), 'success', {});
      intent(journal, 'sms', `${RUN}:recovery-sms`);
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'refunded', citizen: 'told-by-sms' });
      expect(texts.map((t) => t.idempotencyKey)).toEqual([`${RUN}:recovery-sms`]);
      expect(journal.unfinished()).toEqual([]);
    });

    it('without a sealed CPR (older journal, or a QR payment without a card) the case is left for the technician', async () => {
      const { journal, recover, texts } = setup();
      const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
      journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
      const [result] = await recover();
      expect(result).toMatchObject({ result: 'refunded', citizen: 'not-reachable' });
      expect(texts).toEqual([]);
    });
  });
});

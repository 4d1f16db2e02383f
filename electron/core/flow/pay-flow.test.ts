import { describe, expect, it } from 'vitest';
import { serviceOf, startFlow } from './testing/flow-harness.ts';
import { unavailableJournal } from '../journal/guarded-journal.ts';
import { JournalUnavailableError } from '../journal/journal-errors.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import type { fakePorts } from './testing/fake-ports.ts';
import { settle } from './testing/fake-ports.ts';

const t = (en: string) => ({ ar: `ع ${en}`, en });
const STEPS = [
  { id: 'card', kind: 'card-in', title: t('Insert'), eligibility: [] },
  { id: 'pay', kind: 'pay', title: t('Pay') },
  { id: 'submit', kind: 'submit', title: t('Submit'), applicationType: 'ID_RENEWAL', include: ['card.cpr'] },
  { id: 'out', kind: 'card-out', title: t('Take'), waitSeconds: 30 },
  { id: 'done', kind: 'done', title: t('Done'), body: t('Done') },
];

function setup(before: (fake: ReturnType<typeof fakePorts>) => void = () => {}, journalOverride?: JournalStore) {
  const service = serviceOf(STEPS, { id: 'renew', feeFils: 2000 });
  return startFlow(service, { before, sessionId: 'session-pay', idempotencyKey: 'idem-pay-0001', clockStart: Date.UTC(2026, 10, 23, 9), ...(journalOverride ? { journal: journalOverride } : {}) });
}

/** The money invariant: every approved charge has exactly one application or exactly one reversal. */
function expectMoneyInvariant(journal: JournalStore, fake: ReturnType<typeof fakePorts>) {
  const charges = journal.search({ action: 'authorise' }).filter((r) => r.outcome?.result === 'success');
  const submits = journal.search({ action: 'submit' }).filter((r) => r.outcome?.result === 'success');
  const reversals = journal.search({ action: 'reversal' }).filter((r) => r.outcome?.result === 'success');
  expect(charges.length).toBe(submits.length + reversals.length);
  expect(fake.charged.length - fake.reversed.length).toBe(submits.length);
}

describe('pay step with the journal', () => {
  it('card approved → application submitted; intents and outcomes journaled; shows the terminal prompts', async () => {
    const f = setup();
    await settle();
    expect(f.step()).toMatchObject({ kind: 'pay', phase: 'choose', amountFils: 2000, methods: ['card', 'qr'] });
    await f.submit({ method: 'card' });
    expect(f.run.data.application?.reference).toBe('APP-2026-000123');
    expect(f.journal.unfinished()).toEqual([]);
    const [charge] = f.journal.search({ action: 'authorise' });
    expect(charge).toMatchObject({ amountFils: 2000, outcome: { result: 'success', detail: { receiptNo: '0001' } } });
    expectMoneyInvariant(f.journal, f.fake);
  });

  it('a decline is explained in words and another card can be tried', async () => {
    const f = setup((fake) => fake.queues.authorise.push({ kind: 'declined', reason: 'insufficientFunds', resultCode: '51' }));
    await settle();
    await f.submit({ method: 'card' });
    expect(f.step()).toMatchObject({ kind: 'pay', phase: 'declined', error: { en: expect.stringContaining('not enough money') } });
    expect(f.run.view().frame.canCancel).toBe(true);
    await f.submit({ method: 'card' });
    expect(f.run.data.application).not.toBeNull();
    expect(f.fake.charged).toEqual([2000]);
  });

  it('in doubt, and the terminal confirms nothing was charged: another attempt is allowed', async () => {
    const f = setup((fake) => {
      fake.queues.authorise.push({ kind: 'in-doubt', seen: {} });
      fake.queues.lastTransaction.push({ kind: 'none' });
    });
    await settle();
    await f.submit({ method: 'card' });
    expect(f.fake.calls).toContain('lastTransaction');
    expect(f.step()).toMatchObject({ kind: 'pay', phase: 'declined', error: { en: expect.stringContaining('nothing was charged') } });
  });

  it('in doubt, and the terminal cannot be reached: never charged again; the citizen is told; recovery has the intent', async () => {
    const f = setup((fake) => {
      fake.queues.authorise.push({ kind: 'in-doubt', seen: { trace: '000777' } });
      fake.queues.lastTransaction.push({ kind: 'unreachable' });
    });
    await settle();
    await f.submit({ method: 'card' });
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('do not pay again') } });
    expect(f.run.view().frame.canCancel).toBe(false);
    expect(f.journal.unfinished().map((r) => r.action)).toEqual(['authorise']);
    await f.submit({});
    expect(f.fake.calls.filter((c) => c === 'authorise')).toHaveLength(1);
  });

  it('in doubt, and the terminal shows it approved our amount: carry on to the submit', async () => {
    const f = setup((fake) => {
      fake.queues.authorise.push({ kind: 'in-doubt', seen: { trace: '000102' } });
      fake.queues.lastTransaction.push({ kind: 'found', state: 'approved', transaction: { receiptNo: '0002', trace: '000102', amountFils: 2000, maskedPan: '411111******1111', authCode: 'X1' } });
    });
    await settle();
    await f.submit({ method: 'card' });
    expect(f.run.data.application).not.toBeNull();
    expect(f.journal.unfinished()).toEqual([]);
    expect(f.fake.calls.filter((c) => c === 'authorise')).toHaveLength(1);
  });

  it('paid, then the gateway is down and the submit never arrived: the money is reversed and the citizen told', async () => {
    const f = setup((fake) => {
      fake.queues.submit.push({ ok: false, failure: { kind: 'unavailable' } });
      fake.queues.findSubmission.push({ ok: true, value: { found: false } });
    });
    await settle();
    await f.submit({ method: 'card' });
    expect(f.fake.reversed).toEqual(['0001']);
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('has been returned to your card') } });
    expectMoneyInvariant(f.journal, f.fake);
    expect(f.journal.unfinished()).toEqual([]);
  });

  it('paid, the submit timed out but did arrive: found by its idempotency key, no second application, no refund', async () => {
    const f = setup((fake) => {
      fake.queues.submit.push({ ok: false, failure: { kind: 'timeout' } });
      fake.queues.findSubmission.push({ ok: true, value: { found: true, receipt: { reference: 'APP-2026-000999', status: 'received' } } });
    });
    await settle();
    await f.submit({ method: 'card' });
    expect(f.run.data.application?.reference).toBe('APP-2026-000999');
    expect(f.fake.reversed).toEqual([]);
    expect(f.fake.submitted).toHaveLength(1);
    expectMoneyInvariant(f.journal, f.fake);
  });

  it('an approval that arrives after the citizen cancelled is reversed at once', async () => {
    let approve: (v: unknown) => void = () => {};
    const f = setup((fake) => fake.queues.authorise.push(new Promise((r) => (approve = r)) as never));
    await settle();
    f.run.submit('pay', { method: 'card' });
    await settle();
    expect(f.step()).toMatchObject({ kind: 'pay', phase: 'card', prompt: { en: expect.stringContaining('PIN') } });
    f.run.cancel();
    approve({ kind: 'approved', transaction: { receiptNo: '0003', trace: '000103', amountFils: 2000, maskedPan: null, authCode: 'L1' } });
    await settle();
    expect(f.fake.reversed).toEqual(['0003']);
    expect(f.fake.submitted).toEqual([]);
    expect(f.ended).toEqual(['cancelled']);
  });

  it('a completion for another amount is reversed and never counted as payment', async () => {
    const f = setup((fake) => fake.queues.authorise.push({ kind: 'approved', transaction: { receiptNo: '0004', trace: '1', amountFils: 20, maskedPan: null, authCode: null } }));
    await settle();
    await f.submit({ method: 'card' });
    expect(f.fake.reversed).toEqual(['0004']);
    expect(f.run.data.payment).toBeNull();
    expect(f.fake.submitted).toEqual([]);
  });

  it('QR payment: shows the code, polls on the clock, then submits', async () => {
    const f = setup((fake) => fake.queues.qrStatus.push({ ok: true, value: { status: 'pending', reference: null } }));
    await settle();
    await f.submit({ method: 'qr' });
    expect(f.step()).toMatchObject({ kind: 'pay', phase: 'qr', qrPayload: 'BENEFITPAY:DEMO:qr-1' });
    f.clock.advance(2000);
    await settle();
    expect(f.step()).toMatchObject({ phase: 'qr' });
    f.clock.advance(2000);
    await settle();
    expect(f.run.data.application).not.toBeNull();
    expect(f.fake.calls).not.toContain('authorise');
  });

  it('a journal that cannot be written means no money is taken', async () => {
    const f = setup(() => {}, unavailableJournal(new JournalUnavailableError('full', 'journal is full')));
    await settle();
    await f.submit({ method: 'card' });
    expect(f.fake.calls).not.toContain('authorise');
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('cannot take payments') } });
  });
});

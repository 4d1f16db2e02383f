import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../native-mocks/payment-terminal/ledger.ts';
import { checkInvariants, runOf, type GatewayApplication, type JournalIntent, type JournalSnapshot } from './invariants.ts';

const RUN = 'sess-0000-1111:update-card-chip:run-2222-3333-4444-5555-6666-7777-8888-9999-aaaa';

const charge = (receiptNumber: number, state: LedgerEntry['state'] = 'approved'): LedgerEntry => ({
  traceNumber: receiptNumber,
  receiptNumber,
  amountFils: 1000,
  currencyCode: 48,
  maskedPan: '999999******0119',
  authCode: '123456',
  state,
  resultCode: 0,
  at: 0,
  batch: 1,
  settled: false,
});
const reversalEntry = (of: number): LedgerEntry => ({ ...charge(of + 100), reversalOf: of, state: 'approved' });
const intent = (id: number, action: string, key: string, outcomes: JournalIntent['outcomes'], detail: Record<string, unknown> = {}): JournalIntent => ({ id, action, key, amountFils: 1000, detail, outcomes });
const app = (reference: string, receipt: number): GatewayApplication => ({ reference, idempotencyKey: RUN, serviceId: 'update-card-chip', payment: { method: 'card', amountFils: 1000, transactionRef: String(receipt).padStart(4, '0') } });

const paidAndSubmitted: JournalSnapshot = {
  intents: [
    intent(1, 'authorise', `${RUN}:pay:1`, [{ result: 'success', detail: { receiptNo: '0001' } }]),
    intent(2, 'submit', RUN, [{ result: 'success', detail: { reference: 'KH26-000001' } }]),
  ],
  events: [],
};

describe('crash harness invariants', () => {
  it('a paid, submitted run holds', () => {
    expect(checkInvariants({ terminal: [charge(1)], applications: [app('KH26-000001', 1)], atCrash: paidAndSubmitted, after: paidAndSubmitted })).toEqual([]);
  });

  it('finds a charge with neither application nor reversal, and a double charge', () => {
    const journal: JournalSnapshot = { intents: [intent(1, 'authorise', `${RUN}:pay:1`, [{ result: 'success', detail: { receiptNo: '0001' } }])], events: [] };
    const violations = checkInvariants({ terminal: [charge(1), charge(2)], applications: [], atCrash: journal, after: journal });
    expect(violations.join('\n')).toMatch(/double charge/);
    expect(violations.join('\n')).toMatch(/receipt 1 .* no application and no reversal/);
    expect(violations.join('\n')).toMatch(/receipt 2 is on the terminal but not recorded/);
    expect(violations.join('\n')).toMatch(/needed recovery but no recovery event/);
  });

  it('finds an application submitted with a reversed charge, and an unjournaled reversal', () => {
    const violations = checkInvariants({ terminal: [charge(1, 'reversed'), reversalEntry(1)], applications: [app('KH26-000001', 1)], atCrash: paidAndSubmitted, after: paidAndSubmitted });
    expect(violations.join('\n')).toMatch(/reversed but application KH26-000001/);
    expect(violations.join('\n')).toMatch(/reversal of receipt 1 is on the terminal but not recorded/);
  });

  it('finds intents left unfinished and a recovery event that does not tell the truth', () => {
    const atCrash: JournalSnapshot = { intents: [...paidAndSubmitted.intents, intent(3, 'print', `${RUN}:print:receipt`, [])], events: [] };
    const after: JournalSnapshot = { intents: atCrash.intents, events: [{ id: 1, type: 'recovery', detail: { run: `${RUN}:print:receipt`.slice(0, 64), result: 'nothing-taken', detail: 'no money was taken' } }] };
    const violations = checkInvariants({ terminal: [charge(1)], applications: [app('KH26-000001', 1)], atCrash, after });
    expect(violations.join('\n')).toMatch(/print intent #3 .* still unfinished/);
    expect(violations.join('\n')).toMatch(/nothing-taken.*standing charge/);
  });

  it('finds a citizen left without proof and not told, and a text recovery claims but the gateway never sent', () => {
    const atCrash: JournalSnapshot = { intents: paidAndSubmitted.intents.slice(0, 1), events: [] };
    const refunded = (citizen: string) => ({ intents: atCrash.intents, events: [{ id: 1, type: 'recovery', detail: { run: RUN.slice(0, 64), result: 'refunded', detail: 'reversed', citizen } }] });
    const books = { terminal: [charge(1, 'reversed'), reversalEntry(1)], applications: [], atCrash };
    expect(checkInvariants({ ...books, after: refunded('not-reachable') }).join('\n')).toMatch(/citizen was not told \(not-reachable\)/);
    expect(checkInvariants({ ...books, after: refunded('told-by-sms'), smsReceipts: [] }).join('\n')).toMatch(/gateway sent no such SMS/);
    const told = checkInvariants({ ...books, after: refunded('told-by-sms'), smsReceipts: [{ reference: 'ABCD1234', text: 'Khidma: … your payment of BD 1.000 was refunded' }] });
    expect(told.filter((v) => /told|SMS/.test(v))).toEqual([]);
  });

  it('knows the run of every key the kiosk writes', () => {
    for (const suffix of ['', ':pay:2', ':reversal:0001', ':print:receipt', ':qr']) expect(runOf(`${RUN}${suffix}`)).toBe(RUN);
  });
});

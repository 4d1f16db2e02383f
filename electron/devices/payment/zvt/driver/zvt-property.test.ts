/**
 * Property: whatever the citizens and the terminal do — approve, decline, go
 * silent, lose the answer, ignore an abort, report the wrong amount, repeat
 * itself — and whenever the citizen cancels, under link noise:
 *  - every authorise() call settles exactly once and never throws;
 *  - the driver never sends more than one authorisation per call (it never retries);
 *  - it never claims success unless the terminal booked exactly that approval;
 *  - money the terminal booked is never reported as a plain decline or cancel.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CUSTOMER_BEHAVIOURS, type Customer } from '../../../../../native-mocks/payment-terminal/customer.ts';
import { createVirtualClock } from './virtual-clock.ts';
import { createZvtSimRig } from './sim-rig.ts';

const FLAGGED = ['inDoubt', 'lateApproval', 'amountMismatch', 'currencyMismatch', 'duplicateCompletion'];

const customerArb: fc.Arbitrary<Customer> = fc
  .constantFrom(...CUSTOMER_BEHAVIOURS.filter((b) => b !== 'manual'))
  .chain((behaviour): fc.Arbitrary<Customer> =>
    behaviour === 'decline'
      ? fc.integer({ min: 1, max: 0x63 }).map((resultCode) => ({ behaviour, resultCode }))
      : behaviour === 'wrongAmount'
        ? fc.integer({ min: -500, max: 500 }).filter((d) => d !== 0).map((deltaFils) => ({ behaviour, deltaFils }))
        : fc.constant({ behaviour }),
  );

const faultArb = fc.constantFrom<[string, Record<string, unknown>] | null>(null, null, ['bad-crc', { count: 1 }], ['bad-crc', { count: 2 }], ['garbage', { mode: 'interleave' }], ['slow', { factor: 2 }], ['no-answer', {}]);

const stepArb = fc.record({
  customer: customerArb,
  amountFils: fc.integer({ min: 1, max: 50_000 }),
  cancelAfterMs: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
  fault: faultArb,
});

describe('ZVT driver property (driver + simulator, virtual time)', () => {
  it('random terminal behaviours never produce a second authorisation, a false success, or a hidden charge', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 5 }), async (steps) => {
        const clock = createVirtualClock();
        const rig = createZvtSimRig({ clock });
        try {
          for (const step of steps) {
            if (step.fault) rig.sim.setFault(step.fault[0], step.fault[1]);
            rig.sim.customers.clear();
            rig.sim.customers.enqueue(step.customer);
            const authBefore = rig.sim.commandsReceived()['authorisation'] ?? 0;
            const ledgerBefore = rig.sim.ledger.entries.length;
            const cancel = new AbortController();
            if (step.cancelAfterMs !== undefined) clock.setTimeout(() => cancel.abort(), step.cancelAfterMs);
            let settled = 0;
            const pending = rig.terminal.authorise({ amountFils: step.amountFils, signal: cancel.signal }).then((c) => {
              settled++;
              return c;
            });
            const result = await clock.runUntil(pending, 3_600_000);
            await clock.flush();
            expect(settled).toBe(1);

            const sent = (rig.sim.commandsReceived()['authorisation'] ?? 0) - authBefore;
            expect(sent).toBeLessThanOrEqual(1);
            const booked = rig.sim.ledger.entries.slice(ledgerBefore).filter((e) => e.reversalOf === undefined && (e.state === 'approved' || (e.state === 'reversed' && e.note?.startsWith('auto-reversed'))));
            if (result.completionCode === 'success') {
              expect(booked).toHaveLength(1);
              expect(booked[0]).toMatchObject({ amountFils: step.amountFils, receiptNumber: result.payload?.transaction?.receiptNumber });
            } else if (booked.length > 0) {
              expect(FLAGGED).toContain(result.errorCode);
            }
            expect(rig.sim.state()['lastError']).toBeNull();
            rig.sim.setFault(null);
            // Let the terminal finish whatever it was doing before the next citizen.
            await clock.runFor(400_000);
          }
          expect(clock.pendingTimers()).toBe(0);
        } finally {
          rig.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * Property: whatever a tester (or bad luck) does — faults on and off, cards in,
 * taken, yanked out, commands fired on top of each other and cancelled — every
 * command completes exactly once with a contract completion, nothing throws, the
 * driver never wedges, and once the faults are cleared the next initialise works.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CARD_READER_FAULTS } from '../../../../native-mocks/card-reader/card-reader-simulator.ts';
import { CARD_PROFILES } from '../../../../native-mocks/id-cards/card-profiles.ts';
import { selectByAid } from '../../chip/commands.ts';
import { NATIONAL_ID_AID } from '../../chip/id-card-layout.ts';
import { completionSchema } from '../../contract/completion.ts';
import type { CardReaderDevice } from './card-reader-device.ts';
import { createSimHarness } from './testing/sim-harness.ts';
import { elapse } from './testing/stepping-clock.ts';

const COMMANDS: Record<string, (d: CardReaderDevice, signal: AbortSignal) => Promise<unknown>> = {
  initialise: (d, signal) => d.initialise({ signal }),
  status: (d, signal) => d.refreshStatus({ signal }),
  accept: (d, signal) => d.acceptCard({ signal, timeoutMs: 5_000 }),
  refuse: (d, signal) => d.refuseEntry({ signal }),
  eject: (d, signal) => d.ejectCard({ signal, retainAfterMs: 3_000 }),
  waitTaken: (d, signal) => d.waitForTaken({ signal, timeoutMs: 4_000 }),
  capture: (d, signal) => d.captureCard('technician', { signal }),
  chipOn: (d, signal) => d.chipPowerOn({ signal }),
  apdu: (d, signal) => d.chipExchange(selectByAid(NATIONAL_ID_AID, true), { signal }),
  chipOff: (d, signal) => d.chipPowerOff({ signal }),
};

const step = fc.oneof(
  fc.record({ kind: fc.constant('fault' as const), fault: fc.option(fc.constantFrom(...CARD_READER_FAULTS), { nil: null }) }),
  fc.record({ kind: fc.constant('insert' as const), profile: fc.constantFrom(...CARD_PROFILES) }),
  fc.record({ kind: fc.constant('take' as const) }),
  fc.record({ kind: fc.constant('pull' as const) }),
  fc.record({
    kind: fc.constant('command' as const),
    name: fc.constantFrom(...Object.keys(COMMANDS)),
    /** Wait for it, or leave it running while the next steps happen. */
    await: fc.boolean(),
    cancelAfterMs: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('elapse' as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
);

const AnyCompletion = completionSchema(z.unknown(), z.string());

describe('card reader driver: random sequences never wedge it', () => {
  it('property: faults, cards and cancels in any order → every command completes once; the next initialise works', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.constantFrom(...CARD_PROFILES), { nil: null }), fc.array(step, { minLength: 1, maxLength: 14 }), async (startCard, steps) => {
        const h = createSimHarness({ driver: { retainAfterMs: 4_000 } });
        // Start from a working reader (and maybe a card inside), so the steps meet every state.
        expect((await h.run(h.driver.initialise())).completionCode).toBe('success');
        if (startCard) {
          const accepting = h.driver.acceptCard();
          h.sim.insertCard(startCard);
          expect((await h.run(accepting)).completionCode).toBe('success');
        }
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown) => unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        try {
          const running: Promise<unknown>[] = [];
          for (const s of steps) {
            switch (s.kind) {
              case 'fault':
                h.sim.setFault(s.fault);
                break;
              case 'insert':
                h.sim.insertCard(s.profile);
                break;
              case 'take':
                h.sim.takeCard();
                break;
              case 'pull':
                h.sim.pullCardMidRead();
                break;
              case 'elapse':
                await elapse(h.clock, s.ms);
                break;
              case 'command': {
                const controller = new AbortController();
                const cancelTimer = s.cancelAfterMs === undefined ? null : h.clock.setTimeout(() => controller.abort(), s.cancelAfterMs);
                // The test's own cancel timer must not count as a driver leak.
                const completion = COMMANDS[s.name]!(h.driver, controller.signal).finally(() => h.clock.clearTimeout(cancelTimer));
                if (s.await) await h.run(completion);
                running.push(completion);
                break;
              }
            }
          }
          const completions = await h.run(Promise.all(running));
          for (const c of completions) expect(AnyCompletion.safeParse(c).success).toBe(true);
          expect(new Set(completions.map((c) => (c as { requestId: string }).requestId)).size).toBe(completions.length);

          h.sim.setFault(null);
          const init = await h.run(h.driver.initialise());
          expect(init.completionCode).toBe('success');
          expect(h.driver.status().device).toBe('online');
          expect(await h.shutdown()).toEqual({ timers: 0, listeners: 0 });
          expect(unhandled).toEqual([]);
        } finally {
          process.off('unhandledRejection', onUnhandled);
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type VirtualClock } from './virtual-clock.ts';
import { createZvtSimRig, type ZvtRig } from './sim-rig.ts';
import type { PaymentEvent } from './zvt-terminal.ts';

let rig: ZvtRig | undefined;
let clock: VirtualClock;
afterEach(() => rig?.dispose());

function setup(): ZvtRig {
  clock = createVirtualClock();
  rig = createZvtSimRig({ clock });
  return rig;
}

describe('ZVT driver against the terminal simulator (sim mode, 9600 baud)', () => {
  it('registers, then authorises BHD 1.000 with prompts, status information and the terminal receipt', async () => {
    const { terminal, sim } = setup();
    const registration = await clock.runUntil(terminal.register());
    expect(registration.completionCode).toBe('success');
    const events: PaymentEvent[] = [];
    const result = await clock.runUntil(terminal.authorise({ amountFils: 1000, onEvent: (e) => events.push(e.event) }));
    expect(result.completionCode).toBe('success');
    expect(result.payload?.transaction).toMatchObject({ resultCode: 0, amountFils: 1000, currencyCode: 48, maskedPan: '************0119', traceNumber: 1, receiptNumber: 1 });
    expect(events.filter((e) => e.kind === 'prompt').map((e) => (e.kind === 'prompt' ? e.prompt : ''))).toEqual(['insertCard', 'enterPin', 'pleaseWait', 'removeCard']);
    expect(result.payload?.terminalReceipt).toContain('APPROVED');
    expect(sim.ledger.entries).toHaveLength(1);
    expect(sim.ledger.entries[0]).toMatchObject({ state: 'approved', amountFils: 1000 });
    expect(terminal.status().device).toBe('online');
    await clock.runFor(10_000);
    expect(clock.pendingTimers()).toBe(0);
  });
});

/**
 * Fault matrix: every simulator fault × the terminal's main commands → the
 * right completion code and device status, with no unhandled rejection, no
 * timer left behind and no listener leaked.
 */
import { describe, expect, it } from 'vitest';
import { countingTransport, failOnUnhandledRejections } from '../../../testing/leak-checks.ts';
import { createMemoryLink } from '../../../transport/memory-transport.ts';
import { PaymentTerminalSimulator } from '../../../../../native-mocks/payment-terminal/payment-terminal-sim.ts';
import { createVirtualClock } from './virtual-clock.ts';
import { ZvtTerminal } from './zvt-terminal.ts';

failOnUnhandledRejections();

type Command = 'authorise' | 'register' | 'statusEnquiry' | 'repeatReceipt' | 'endOfDay';
const COMMANDS: Command[] = ['authorise', 'register', 'statusEnquiry', 'repeatReceipt', 'endOfDay'];

interface Expectation {
  money: [string, string | undefined];
  admin: [string, string | undefined];
  device: string;
  /** Does the terminal still take commands (so the ledger/command counters may move)? */
  reachable: boolean;
}

const FAULTS: Array<[string, Record<string, unknown>, Expectation]> = [
  ['unplugged', {}, { money: ['deviceNotReady', 'terminalNotReady'], admin: ['deviceNotReady', 'terminalNotReady'], device: 'noDevice', reachable: false }],
  ['power-cut', {}, { money: ['deviceNotReady', 'terminalNotReady'], admin: ['deviceNotReady', 'terminalNotReady'], device: 'noDevice', reachable: false }],
  ['no-answer', {}, { money: ['timeOut', 'inDoubt'], admin: ['timeOut', undefined], device: 'offline', reachable: false }],
  ['garbage', {}, { money: ['timeOut', 'inDoubt'], admin: ['timeOut', undefined], device: 'offline', reachable: true }],
  ['bad-crc', {}, { money: ['timeOut', 'inDoubt'], admin: ['timeOut', undefined], device: 'offline', reachable: true }],
  ['garbage', { mode: 'interleave' }, { money: ['success', undefined], admin: ['success', undefined], device: 'online', reachable: true }],
  ['bad-crc', { count: 2 }, { money: ['success', undefined], admin: ['success', undefined], device: 'online', reachable: true }],
  ['slow', { factor: 4 }, { money: ['success', undefined], admin: ['success', undefined], device: 'online', reachable: true }],
];

describe('ZVT fault matrix (sim mode, serial framing, 9600 baud)', () => {
  for (const [fault, options, expected] of FAULTS) {
    for (const command of COMMANDS) {
      it(`${fault} ${JSON.stringify(options)} × ${command}`, async () => {
        const clock = createVirtualClock();
        const link = createMemoryLink({ baud: 9600, clock });
        const host = countingTransport(link.host);
        const sim = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
        const detach = sim.attach(link.device, { unplug: () => link.unplug() });
        const terminal = new ZvtTerminal({ clock, transport: host, linkKind: 'serial' });
        // One approved payment first, so repeat receipt and end-of-day have something to work on.
        expect((await clock.runUntil(terminal.authorise({ amountFils: 1000 }))).completionCode).toBe('success');
        const listenersBefore = host.live();
        const ledgerBefore = sim.ledger.snapshot();

        sim.setFault(fault, options);
        const run = command === 'authorise' ? terminal.authorise({ amountFils: 2000 }) : terminal[command]();
        const result = await clock.runUntil<{ completionCode: string; errorCode?: string }>(run);
        const [code, errorCode] = command === 'authorise' ? expected.money : expected.admin;
        expect({ completionCode: result.completionCode, errorCode: result.errorCode }).toEqual({ completionCode: code, errorCode });
        expect(terminal.status().device).toBe(expected.device);
        if (!expected.reachable) expect(sim.ledger.snapshot()).toEqual(ledgerBefore);
        if (fault === 'bad-crc' && options['count'] === undefined) expect(terminal.counters().counters['badCrc']).toBeGreaterThanOrEqual(3);
        if (fault === 'garbage') expect(terminal.counters().counters['garbageBytes']).toBeGreaterThan(0);
        // The driver never sends a second authorisation of its own.
        expect(sim.commandsReceived()['authorisation'] ?? 0).toBeLessThanOrEqual(2);

        // Nothing left running: the driver's timers, the link's, the simulator's.
        sim.setFault(null);
        await clock.runFor(400_000);
        expect(clock.pendingTimers()).toBe(0);
        expect(host.live()).toBe(listenersBefore);
        terminal.dispose();
        expect(host.live()).toBe(0);
        detach();
      });
    }
  }
});

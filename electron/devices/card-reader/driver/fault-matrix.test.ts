/**
 * The card reader's fault matrix: every simulator fault × the main commands ends in
 * the right completion code (and errorCode), the right device/media status, no
 * unhandled rejection, no listener or timer left behind — and the reader recovers
 * with the next initialise once the fault is cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_READER_FAULTS, type CardReaderFault } from '../../../../native-mocks/card-reader/card-reader-simulator.ts';
import { selectByAid } from '../../chip/commands.ts';
import { NATIONAL_ID_AID } from '../../chip/id-card-layout.ts';
import type { CompletionCode } from '../../contract/completion.ts';
import type { DeviceState, MediaState } from '../../contract/status.ts';
import type { CardReaderDevice } from './card-reader-device.ts';
import { createSimHarness, type SimHarness } from './testing/sim-harness.ts';
import { elapse } from './testing/stepping-clock.ts';

type Prep = 'cardInside' | 'chipOn' | 'idle';
interface MatrixCommand {
  readonly prep: Prep;
  readonly run: (driver: CardReaderDevice, h: SimHarness) => Promise<{ completionCode: CompletionCode; errorCode?: string }>;
}

const COMMANDS = {
  initialise: { prep: 'cardInside', run: (d) => d.initialise() },
  status: { prep: 'cardInside', run: (d) => d.refreshStatus() },
  acceptCard: {
    prep: 'idle',
    run: (d, h) => {
      // The citizen offers a card shortly after the slot opens.
      h.clock.setTimeout(() => h.sim.insertCard('valid-adult'), 100);
      return d.acceptCard();
    },
  },
  eject: { prep: 'cardInside', run: (d) => d.ejectCard() },
  capture: { prep: 'cardInside', run: (d) => d.captureCard('serviceRequest') },
  chipPowerOn: { prep: 'cardInside', run: (d) => d.chipPowerOn() },
  apdu: { prep: 'chipOn', run: (d) => d.chipExchange(selectByAid(NATIONAL_ID_AID, true)) },
  chipPowerOff: { prep: 'chipOn', run: (d) => d.chipPowerOff() },
} satisfies Record<string, MatrixCommand>;
type CommandName = keyof typeof COMMANDS;

interface Expectation {
  completionCode: CompletionCode;
  errorCode?: string;
  device: DeviceState;
  media?: MediaState;
}

const ok: Expectation = { completionCode: 'success', device: 'online' };

function expected(fault: CardReaderFault, command: CommandName): Expectation {
  switch (fault) {
    case 'unplugged':
      return { completionCode: 'deviceNotReady', errorCode: 'linkDown', device: 'noDevice' };
    case 'no-answer':
    case 'power-cut':
      return { completionCode: 'timeOut', errorCode: 'noAnswer', device: 'offline' };
    case 'garbage':
    case 'bad-crc':
      return { completionCode: 'hardwareError', errorCode: 'protocolError', device: 'hardwareError' };
    case 'slow':
      return ok;
    case 'jam':
      // Anything that moves the card jams it (accept: the intake jams, the next poll says so).
      return ['initialise', 'eject', 'capture', 'acceptCard'].includes(command)
        ? { completionCode: 'hardwareError', errorCode: 'mediaJam', device: 'hardwareError', media: 'jammed' }
        : ok;
    case 'card-pulled-mid-read':
      return ['eject', 'capture', 'chipPowerOn', 'apdu'].includes(command) ? { completionCode: 'userError', errorCode: 'mediaRemoved', device: 'online', media: 'notPresent' } : ok;
    case 'bin-full':
      return command === 'capture' ? { completionCode: 'commandErrorCode', errorCode: 'retainBinFull', device: 'online', media: 'present' } : ok;
  }
}

async function prepare(h: SimHarness, prep: Prep): Promise<void> {
  expect((await h.run(h.driver.initialise())).completionCode).toBe('success');
  if (prep === 'idle') return;
  const accepting = h.driver.acceptCard();
  await elapse(h.clock, 50);
  h.sim.insertCard('valid-adult');
  expect((await h.run(accepting)).completionCode).toBe('success');
  if (prep === 'chipOn') expect((await h.run(h.driver.chipPowerOn())).completionCode).toBe('success');
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('card reader fault matrix (simulator fault × command)', () => {
  for (const fault of CARD_READER_FAULTS) {
    for (const command of Object.keys(COMMANDS) as CommandName[]) {
      const want = expected(fault, command);
      it(`${fault} × ${command} → ${want.completionCode}${want.errorCode ? `/${want.errorCode}` : ''}`, async () => {
        const h = createSimHarness();
        const spec: MatrixCommand = COMMANDS[command];
        await prepare(h, spec.prep);
        h.sim.setFault(fault);
        const completion = await h.run(spec.run(h.driver, h));
        expect({ completionCode: completion.completionCode, errorCode: completion.errorCode }).toEqual({ completionCode: want.completionCode, errorCode: want.errorCode });
        const status = h.driver.status();
        expect(status.device).toBe(want.device);
        if (want.media) expect(status.media).toBe(want.media);

        // Silent or unreadable reader: the next command does not even try until an initialise gets through.
        if (['no-answer', 'power-cut', 'garbage', 'bad-crc', 'unplugged'].includes(fault)) {
          const next = await h.run(h.driver.chipPowerOff());
          expect(next.completionCode).toBe('deviceNotReady');
        }

        // Recovery: clear the fault; the next initialise works (reconnecting if the link was lost).
        h.sim.setFault(null);
        const init = await h.run(h.driver.initialise());
        expect(init.completionCode).toBe('success');
        expect(h.driver.status().device).toBe('online');

        const left = await h.shutdown();
        expect(left).toEqual({ timers: 0, listeners: 0 });
        expect(unhandled).toEqual([]);
      });
    }
  }
});

/**
 * `wire` mode: the same driver, the real serialport adapter, a socat pseudo-terminal
 * pair, and the same simulator on the other end (pacing its bytes at 115200 8E1).
 * Real time, so these stay few and short (the simulator's think times are scaled
 * down to a tenth).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CardReaderSimulator } from '../../../../native-mocks/card-reader/card-reader-simulator.ts';
import { attachToPty, type PtyAttachment } from '../../../../native-mocks/card-reader/pty-attach.ts';
import { createPtyPair, type PtyPair } from '../../../../native-mocks/wire/pty-pair.ts';
import { fictionalPerson, FICTIONAL_PIN } from '../../../../native-mocks/people/fictional-people.ts';
import { createSystemClock } from '../../../core/clock/clock.ts';
import { IdCardApplication } from '../../chip/id-card-application.ts';
import { openSerialTransport } from '../../transport/serial-transport.ts';
import { CardReaderDevice } from './card-reader-device.ts';

const BAUD = 115_200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Rig {
  pair: PtyPair;
  sim: CardReaderSimulator;
  attachment: PtyAttachment;
  driver: CardReaderDevice;
}
let rig: Rig | null = null;

async function wireRig(): Promise<Rig> {
  const clock = createSystemClock();
  const pair = await createPtyPair('card-reader');
  const sim = new CardReaderSimulator({ clock, baud: BAUD, thinkScale: 0.1 });
  const attachment = await attachToPty(sim, pair.devicePath, clock, BAUD);
  const driver = new CardReaderDevice({
    clock,
    baud: BAUD,
    pollIntervalMs: 50,
    connect: () => openSerialTransport({ path: pair.hostPath, baudRate: BAUD, parity: 'even', rtscts: true }),
  });
  rig = { pair, sim, attachment, driver };
  return rig;
}

afterEach(async () => {
  if (!rig) return;
  await rig.driver.close();
  await rig.attachment.close();
  rig.sim.dispose();
  await rig.pair.close();
  rig = null;
});

describe('card reader in wire mode (socat pty + real serialport adapter + simulator)', () => {
  it('the journey end to end over real bytes: initialise, card in, ATR, personal data, PIN, eject, taken', async () => {
    const { driver, sim } = await wireRig();
    expect((await driver.initialise()).completionCode).toBe('success');
    const accepting = driver.acceptCard();
    await sleep(30);
    sim.insertCard('minor', { fresh: true });
    expect((await accepting).completionCode).toBe('success');
    const power = await driver.chipPowerOn();
    expect(power.completionCode).toBe('success');
    const app = new IdCardApplication((command) => driver.chipExchange(command));
    const read = await app.readAll();
    expect(read.ok && read.value.personal.cprNumber).toBe(fictionalPerson(new Date(), 'minor').cpr);
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: true, value: undefined });
    expect((await driver.ejectCard()).completionCode).toBe('success');
    const taken = driver.waitForTaken({ timeoutMs: 5_000 });
    await sleep(100);
    sim.takeCard();
    expect((await taken).completionCode).toBe('success');
    expect(driver.status()).toMatchObject({ device: 'online', media: 'notPresent' });
    expect(driver.counters().counters['link.resend']).toBeUndefined();
  });

  it('bad CRCs on the wire: NAKs, retries, then hardwareError; cleared, the next initialise works', async () => {
    const { driver, sim } = await wireRig();
    expect((await driver.initialise()).completionCode).toBe('success');
    sim.setFault('bad-crc');
    expect(await driver.refreshStatus()).toMatchObject({ completionCode: 'hardwareError', errorCode: 'protocolError' });
    expect(driver.counters().counters['link.replyNak']).toBe(3);
    sim.setFault(null);
    expect((await driver.initialise()).completionCode).toBe('success');
  });

  it('a silent reader on a real port: timeOut after the ACK retries, then deviceNotReady', async () => {
    const { driver, sim } = await wireRig();
    expect((await driver.initialise()).completionCode).toBe('success');
    sim.setFault('no-answer');
    const started = Date.now();
    expect(await driver.refreshStatus()).toMatchObject({ completionCode: 'timeOut', errorCode: 'noAnswer' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
    expect(await driver.ejectCard()).toMatchObject({ completionCode: 'deviceNotReady' });
  });

  it('cancel over the wire: DLE EOT reaches the reader, which drops the eject', async () => {
    const { driver, sim } = await wireRig();
    expect((await driver.initialise()).completionCode).toBe('success');
    const accepting = driver.acceptCard();
    await sleep(20);
    sim.insertCard('valid-adult', { fresh: true });
    await accepting;
    // Slow the motor (400 ms) so the cancel surely lands mid-command, even on a busy machine.
    sim.setFault('slow', { factor: 10 });
    const controller = new AbortController();
    const ejecting = driver.ejectCard({ signal: controller.signal });
    await sleep(10);
    controller.abort();
    expect((await ejecting).completionCode).toBe('canceled');
    sim.setFault(null);
    expect((await driver.refreshStatus()).payload?.media).toBe('present');
    expect(sim.state()).toMatchObject({ slot: 'inside' });
  });
});

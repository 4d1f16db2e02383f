import { afterEach, describe, expect, it } from 'vitest';
import { fictionalPerson, FICTIONAL_PIN } from '../../../../native-mocks/people/fictional-people.ts';
import type { UnsolicitedEvent } from '../../contract/events.ts';
import { IdCardApplication } from '../../chip/id-card-application.ts';
import { selectByAid } from '../../chip/commands.ts';
import { NATIONAL_ID_AID } from '../../chip/id-card-layout.ts';
import { DeviceStatusSchema, SelfTestResultSchema, DeviceCountersSchema, UnsolicitedEventSchema } from '../../contract/index.ts';
import { createSimHarness, type SimHarness } from './testing/sim-harness.ts';
import { elapse } from './testing/stepping-clock.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

let h: SimHarness;
let events: UnsolicitedEvent[];

function setup(options: Parameters<typeof createSimHarness>[0] = {}): SimHarness {
  h = createSimHarness(options);
  events = [];
  h.driver.onEvent((e) => events.push(e));
  return h;
}

afterEach(async () => {
  const left = await h.shutdown();
  expect(left).toEqual({ timers: 0, listeners: 0 });
});

const types = () => events.filter((e) => e.type !== 'statusChanged').map((e) => (e.detail ? `${e.type}:${e.detail}` : e.type));

/** Initialise, then insert `profile` while acceptCard waits. */
async function cardIn(profile: Parameters<SimHarness['sim']['insertCard']>[0] = 'valid-adult') {
  expect((await h.run(h.driver.initialise())).completionCode).toBe('success');
  const accepting = h.driver.acceptCard();
  await elapse(h.clock, 150);
  expect(h.sim.insertCard(profile)).toEqual({ ok: true });
  return h.run(accepting);
}

describe('card reader driver over the simulator (sim mode, emulated wire time, fake clock)', () => {
  it('the whole journey: initialise, accept, ATR, read the chip, verify PIN, eject, taken', async () => {
    setup();
    const init = await h.run(h.driver.initialise());
    expect(init).toMatchObject({ completionCode: 'success', payload: { device: 'online', media: 'notPresent', chip: 'noCard' } });
    expect(DeviceStatusSchema.parse(init.payload)).toBeTruthy();

    const seen: string[] = [];
    const accepting = h.driver.acceptCard({ onEvent: (e) => seen.push(e.event) });
    await elapse(h.clock, 500);
    expect(h.sim.state()).toMatchObject({ entryEnabled: true, slot: 'empty' });
    h.sim.insertCard('valid-adult');
    expect(await h.run(accepting)).toMatchObject({ completionCode: 'success', payload: { media: 'present' } });
    expect(seen[0]).toBe('insertCard');
    expect(h.sim.state()).toMatchObject({ slot: 'inside', entryEnabled: false });

    const power = await h.run(h.driver.chipPowerOn());
    expect(power.completionCode).toBe('success');
    expect(power.payload?.protocols).toEqual([0]);
    expect(new TextDecoder().decode(power.payload?.historicalBytes)).toBe('KHIDMA-ID');
    expect(h.driver.status()).toMatchObject({ media: 'latched', chip: 'poweredOn' });

    const app = new IdCardApplication((command) => h.run(h.driver.chipExchange(command)));
    const read = await app.readAll();
    const person = fictionalPerson(TODAY, 'valid-adult');
    expect(read.ok && read.value.personal.cprNumber).toBe(person.cpr);
    expect(read.ok && read.value.personal.nameArabic).toBe(person.nameAr);
    expect(await app.verifyPin('0000')).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 2 } });
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: true, value: undefined });

    const eject = await h.run(h.driver.ejectCard());
    expect(eject).toMatchObject({ completionCode: 'success', payload: { media: 'entering' } });
    expect(h.sim.state()).toMatchObject({ slot: 'atGate', chipPowered: false });
    const waiting = h.driver.waitForTaken();
    await elapse(h.clock, 2_000);
    expect(h.sim.takeCard()).toEqual({ ok: true });
    expect(await h.run(waiting)).toMatchObject({ completionCode: 'success', payload: { outcome: 'taken' } });
    expect(h.driver.status()).toMatchObject({ media: 'notPresent', chip: 'noCard', device: 'online' });

    expect(types()).toEqual(['mediaInserted', 'mediaTaken']);
    for (const e of events) expect(UnsolicitedEventSchema.safeParse(e).success).toBe(true);
    const counters = DeviceCountersSchema.parse(h.driver.counters()).counters;
    expect(counters).toMatchObject({ cardsInserted: 1, chipActivations: 1, cardsEjected: 1, cardsTaken: 1 });
    expect(counters.apdus).toBeGreaterThanOrEqual(5);
    // Only our last ACK may still be on the wire; no poll, watch or retry timer is left.
    await elapse(h.clock, 5);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('retain on timeout: a card left at the gate is captured after retainAfterMs, counted, announced', async () => {
    setup({ driver: { retainAfterMs: 20_000 } });
    await cardIn();
    expect((await h.run(h.driver.ejectCard())).completionCode).toBe('success');
    const waiting = h.driver.waitForTaken();
    await elapse(h.clock, 19_000);
    expect(h.sim.state()).toMatchObject({ slot: 'atGate' });
    expect(await h.run(waiting)).toMatchObject({ completionCode: 'userError', errorCode: 'mediaNotTaken' });
    expect(h.sim.state()).toMatchObject({ slot: 'empty', bin: { count: 1 } });
    expect(h.driver.status().bins).toEqual([{ id: 'retain', state: 'ok', count: 1, capacity: 50 }]);
    expect(types()).toEqual(['mediaInserted', 'mediaRetained:notTaken']);
    expect(h.driver.counters().counters).toMatchObject({ cardsCaptured: 1, 'captured.notTaken': 1 });
  });

  it('an eject can override the retain policy per call (the flow passes its own wait)', async () => {
    setup({ driver: { retainAfterMs: null } });
    await cardIn();
    await h.run(h.driver.ejectCard({ retainAfterMs: 5_000 }));
    await elapse(h.clock, 7_000);
    expect(h.sim.state()).toMatchObject({ slot: 'empty', bin: { count: 1 } });
  });

  it('capture with a reason counts per reason; the bin goes high, then full, and the reader says so', async () => {
    setup({ driver: { binCapacity: 2, binHighThreshold: 1 }, sim: { binCapacity: 2 } });
    await cardIn('card-pin-blocked');
    expect(await h.run(h.driver.captureCard('pinBlocked'))).toMatchObject({ completionCode: 'success', payload: { binCount: 1 } });
    expect(h.driver.status().bins?.[0]?.state).toBe('high');
    const again = h.driver.acceptCard();
    await elapse(h.clock, 100);
    h.sim.insertCard('card-expired');
    await h.run(again);
    expect((await h.run(h.driver.captureCard('expiredCard'))).completionCode).toBe('success');
    expect(h.driver.status().bins?.[0]).toMatchObject({ state: 'full', count: 2 });
    const third = h.driver.acceptCard();
    await elapse(h.clock, 100);
    h.sim.insertCard('valid-adult');
    await h.run(third);
    expect(await h.run(h.driver.captureCard('fraudSuspected'))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'retainBinFull' });
    expect(h.driver.counters().counters).toMatchObject({ 'captured.pinBlocked': 1, 'captured.expiredCard': 1 });
    h.sim.refillBin();
    expect((await h.run(h.driver.initialise())).payload?.bins?.[0]).toMatchObject({ state: 'ok', count: 0 });
  });

  it('initialise reads the retract counter, so the bin count survives a kiosk restart', async () => {
    setup();
    await cardIn();
    await h.run(h.driver.captureCard('technician'));
    await h.driver.close();
    const { CardReaderDevice } = await import('./card-reader-device.ts');
    const { inProcessConnector } = await import('../../../../native-mocks/card-reader/in-process.ts');
    const { createMemoryLink } = await import('../../transport/memory-transport.ts');
    const restarted = new CardReaderDevice({ clock: h.clock, connect: inProcessConnector(h.sim, () => createMemoryLink({ baud: 115_200, clock: h.clock })) });
    expect((await h.run(restarted.initialise())).payload?.bins?.[0]?.count).toBe(1);
    await restarted.close();
  });

  it('initialise with a card left inside ejects it to the gate and watches for it to be taken', async () => {
    setup();
    await cardIn();
    const init = await h.run(h.driver.initialise());
    expect(init.payload).toMatchObject({ media: 'entering' });
    h.sim.takeCard();
    await elapse(h.clock, 1_000);
    expect(types()).toEqual(['mediaInserted', 'mediaTaken']);
  });

  it('commands run one at a time: concurrent calls are queued, not interleaved', async () => {
    setup();
    await h.run(h.driver.initialise());
    const results = await h.run(Promise.all([h.driver.refreshStatus(), h.driver.refuseEntry(), h.driver.refreshStatus(), h.driver.refreshStatus()]));
    expect(results.map((r) => r.completionCode)).toEqual(['success', 'success', 'success', 'success']);
    expect(new Set(results.map((r) => r.requestId)).size).toBe(4);
    expect(h.driver.counters().counters['link.strayReply']).toBeUndefined();
  });

  it('cancel while waiting for a card: canceled at once, the slot is closed again, a later card stays out', async () => {
    setup();
    await h.run(h.driver.initialise());
    const controller = new AbortController();
    const accepting = h.driver.acceptCard({ signal: controller.signal });
    await elapse(h.clock, 1_000);
    controller.abort();
    expect(await h.run(accepting)).toMatchObject({ completionCode: 'canceled' });
    await elapse(h.clock, 100);
    expect(h.sim.state()).toMatchObject({ entryEnabled: false });
    h.sim.insertCard('valid-adult');
    await elapse(h.clock, 2_000);
    expect(h.sim.state()).toMatchObject({ slot: 'atGate' });
  });

  it('cancel in the middle of an eject sends DLE EOT; the reader drops the command and the next command is clean', async () => {
    setup();
    await cardIn();
    const controller = new AbortController();
    const ejecting = h.driver.ejectCard({ signal: controller.signal });
    await elapse(h.clock, 100);
    controller.abort();
    expect(await h.run(ejecting)).toMatchObject({ completionCode: 'canceled' });
    expect(h.sim.state()).toMatchObject({ slot: 'inside' });
    expect(await h.run(h.driver.refreshStatus())).toMatchObject({ completionCode: 'success', payload: { media: 'present' } });
  });

  it('a command that takes longer than its timeout ends in timeOut, and its late reply is not taken for the next one', async () => {
    setup();
    await cardIn();
    h.sim.setFault('slow', { factor: 5 });
    expect(await h.run(h.driver.ejectCard({ timeoutMs: 1_000 }))).toMatchObject({ completionCode: 'timeOut' });
    h.sim.setFault(null);
    expect(await h.run(h.driver.refreshStatus())).toMatchObject({ completionCode: 'success' });
    expect(h.driver.status().device).toBe('online');
  });

  it('the technician self-test: initialise, status, an entry cycle, the bin', async () => {
    setup();
    const result = await h.run(h.driver.selfTest());
    expect(SelfTestResultSchema.parse(result)).toMatchObject({ passed: true });
    expect(result.checks.map((c) => c.name)).toEqual(['initialise', 'status', 'entryCycle', 'retainBin']);
    h.sim.setFault('no-answer');
    const failed = await h.run(h.driver.selfTest());
    expect(failed.passed).toBe(false);
    expect(failed.checks).toEqual([{ name: 'initialise', passed: false, detail: 'timeOut noAnswer' }]);
  });

  it('capabilities are separate from status and fixed', () => {
    setup();
    expect(h.driver.capabilities()).toEqual({ deviceClass: 'cardReader', model: 'Sankyo ICT3K5-compatible', motorised: true, chipProtocols: ['T0'], retainBinCapacity: 50, magneticTracks: [] });
  });

  it('commands before initialise end in deviceNotReady without touching the wire', async () => {
    setup();
    expect(await h.run(h.driver.ejectCard())).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'notInitialised' });
    expect(h.sim.state().commandsSeen).toBe(0);
  });

  it('a damaged chip: chipPowerOn ends in commandErrorCode atrNotObtained, the card can still be ejected', async () => {
    setup();
    await cardIn('damaged-chip');
    expect(await h.run(h.driver.chipPowerOn())).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'atrNotObtained' });
    expect(h.driver.status().chip).toBe('poweredOff');
    expect((await h.run(h.driver.ejectCard())).completionCode).toBe('success');
  });

  it('the raw APDU command hands back bytes as the card sent them (61xx left to the caller)', async () => {
    setup();
    await cardIn();
    await h.run(h.driver.chipPowerOn());
    const { encodeCommandApdu } = await import('../../chip/apdu.ts');
    const raw = await h.run(h.driver.transmitApdu(encodeCommandApdu(selectByAid(NATIONAL_ID_AID, true))));
    expect(raw.completionCode).toBe('success');
    expect(raw.payload?.[0]).toBe(0x61);
  });
});

import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bytes.ts';
import { createMemoryLink } from '../../../transport/memory-transport.ts';
import { encodeSerialFrame } from '../framing.ts';
import { createVirtualClock } from './virtual-clock.ts';
import { createSerialZvtLink, createTcpZvtLink } from './zvt-link.ts';
import { zvtTiming } from './zvt-timing.ts';

/** A link whose device end the test scripts byte by byte. */
function rig() {
  const clock = createVirtualClock();
  const mem = createMemoryLink({ baud: 9600, clock });
  const link = createSerialZvtLink(mem.host, clock, zvtTiming());
  const atDevice: string[] = [];
  mem.device.onData((chunk) => atDevice.push(toHex(chunk)));
  const received: string[] = [];
  link.onApdu((apdu) => received.push(toHex(apdu)));
  return { clock, mem, link, atDevice, received };
}

const STATUS_ENQUIRY = fromHex('05 01 03 00 00 00');
const AUTH = fromHex('06 01 07 04 00 00 00 00 10 00');

describe('ZVT serial link (PA00P016 chapter 3)', () => {
  it('frames the APDU and resolves on ACK', async () => {
    const { clock, mem, link, atDevice } = rig();
    const sent = link.send(STATUS_ENQUIRY, { repeatOnSilence: true });
    await clock.runFor(20);
    expect(atDevice).toEqual([toHex(encodeSerialFrame(STATUS_ENQUIRY))]);
    await mem.device.write(fromHex('06'));
    expect(await clock.runUntil(sent)).toEqual({ ok: true, transmissions: 1 });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('repeats on NAK, three transmissions in all, then gives up with reason nak', async () => {
    const { clock, mem, link, atDevice } = rig();
    const sent = link.send(AUTH, { repeatOnSilence: false });
    for (let i = 0; i < 3; i++) {
      await clock.runFor(50);
      await mem.device.write(fromHex('15'));
    }
    expect(await clock.runUntil(sent)).toEqual({ ok: false, reason: 'nak', transmissions: 3 });
    expect(atDevice).toHaveLength(3);
    expect(link.counters).toMatchObject({ naksReceived: 3, retransmissions: 2, framesSent: 3 });
  });

  it('never repeats a money frame on silence: one transmission, then noAck after T2', async () => {
    const { clock, link, atDevice } = rig();
    const started = clock.now();
    const sent = await clock.runUntil(link.send(AUTH, { repeatOnSilence: false }));
    expect(sent).toEqual({ ok: false, reason: 'noAck', transmissions: 1 });
    expect(atDevice).toHaveLength(1);
    expect(clock.now() - started).toBe(5000);
  });

  it('repeats a safe frame on silence up to three transmissions', async () => {
    const { clock, link, atDevice } = rig();
    const sent = await clock.runUntil(link.send(STATUS_ENQUIRY, { repeatOnSilence: true }));
    expect(sent).toEqual({ ok: false, reason: 'noAck', transmissions: 3 });
    expect(atDevice).toHaveLength(3);
    expect(link.counters.ackTimeouts).toBe(3);
  });

  it('ACKs a good frame at once and hands up the APDU; NAKs a bad CRC and counts it', async () => {
    const { clock, mem, atDevice, received, link } = rig();
    const good = encodeSerialFrame(fromHex('80 00 00'));
    const bad = good.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    await mem.device.write(bad);
    await mem.device.write(good);
    await clock.runFor(100);
    expect(received).toEqual(['80 00 00']);
    expect(atDevice).toEqual(['15', '06']);
    expect(link.counters).toMatchObject({ badCrc: 1, naksSent: 1, framesReceived: 1 });
  });

  it('a message left half-received for T1 (200 ms) is dropped and NAKed', async () => {
    const { clock, mem, atDevice, received, link } = rig();
    await mem.device.write(encodeSerialFrame(fromHex('04 FF 01 0A')).subarray(0, 5));
    await clock.runFor(199 + 6);
    expect(atDevice).toEqual([]);
    await clock.runFor(10);
    expect(atDevice).toEqual(['15']);
    expect(received).toEqual([]);
    expect(link.counters.interByteTimeouts).toBe(1);
  });

  it('skips garbage between frames and counts it', async () => {
    const { clock, mem, received, link } = rig();
    await mem.device.write(fromHex('FF 00 7E 41'));
    await mem.device.write(encodeSerialFrame(fromHex('06 0F 00')));
    await clock.runFor(50);
    expect(received).toEqual(['06 0F 00']);
    expect(link.counters.garbageBytes).toBe(4);
  });

  it('DLE inside the APDU is doubled on the wire and undoubled on receipt', async () => {
    const { clock, mem, received } = rig();
    await mem.device.write(encodeSerialFrame(fromHex('04 0F 02 10 10')));
    await clock.runFor(50);
    expect(received).toEqual(['04 0F 02 10 10']);
  });

  it('reports notSent when the link is already down, and closed when it drops while waiting', async () => {
    const a = rig();
    a.mem.unplug();
    expect(await a.link.send(AUTH, { repeatOnSilence: false })).toEqual({ ok: false, reason: 'notSent', transmissions: 0 });
    const b = rig();
    const sent = b.link.send(AUTH, { repeatOnSilence: false });
    await b.clock.runFor(30);
    b.mem.unplug();
    expect(await b.clock.runUntil(sent)).toEqual({ ok: false, reason: 'closed', transmissions: 1 });
    expect(b.clock.pendingTimers()).toBe(0);
  });

  it('queues frames: the second goes out only after the first is acknowledged', async () => {
    const { clock, mem, link, atDevice } = rig();
    const first = link.send(STATUS_ENQUIRY, { repeatOnSilence: true });
    const second = link.send(fromHex('80 00 00'), { repeatOnSilence: true });
    await clock.runFor(50);
    expect(atDevice).toHaveLength(1);
    await mem.device.write(fromHex('06'));
    await clock.runFor(50);
    expect(atDevice).toHaveLength(2);
    await mem.device.write(fromHex('06'));
    expect((await clock.runUntil(Promise.all([first, second]))).map((r) => r.ok)).toEqual([true, true]);
  });
});

describe('ZVT TCP link (PA00P016 chapter 4)', () => {
  it('sends bare APDUs and reassembles APDUs split anywhere', async () => {
    const clock = createVirtualClock();
    const mem = createMemoryLink({ baud: 0, clock });
    const link = createTcpZvtLink(mem.host);
    const atDevice: string[] = [];
    mem.device.onData((c) => atDevice.push(toHex(c)));
    const received: string[] = [];
    link.onApdu((a) => received.push(toHex(a)));
    expect(await link.send(AUTH, { repeatOnSilence: false })).toEqual({ ok: true, transmissions: 1 });
    await clock.flush();
    expect(atDevice).toEqual([toHex(AUTH)]);
    const stream = fromHex('80 00 00 04 FF 01 0A 06 0F 00');
    await mem.device.write(stream.subarray(0, 4));
    await mem.device.write(stream.subarray(4));
    await clock.flush();
    expect(received).toEqual(['80 00 00', '04 FF 01 0A', '06 0F 00']);
  });
});

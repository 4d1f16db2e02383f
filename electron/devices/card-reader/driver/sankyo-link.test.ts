import { describe, expect, it } from 'vitest';
import { asciiBytes, toHex } from '../../shared/bytes.ts';
import type { ByteTransport } from '../../transport/byte-transport.ts';
import { createMemoryLink } from '../../transport/memory-transport.ts';
import { encodeCommand, encodeReply } from '../codec.ts';
import { ACK, createFrameDecoder, DLE, encodeFrame, EOT, NAK } from '../frame.ts';
import { type LinkTrace, SankyoLink } from './sankyo-link.ts';
import { createSteppingClock, elapse, settle, type SteppingClock } from './testing/stepping-clock.ts';

/** What the scripted reader heard: 'frame C10', 'ack', 'nak', 'cancel'. */
type Heard = string;

/**
 * A hand-scripted reader on the device end of a memory link: `script` is called for
 * everything the host sends and answers with raw bytes (or nothing).
 */
function scripted(script: (heard: Heard, device: ByteTransport, n: number) => void) {
  const clock = createSteppingClock();
  const link = createMemoryLink({ baud: 0, clock });
  const heard: Heard[] = [];
  const decoder = createFrameDecoder();
  link.device.onData((chunk) => {
    for (const e of decoder.push(chunk)) {
      const what = e.kind === 'frame' ? `frame ${new TextDecoder().decode(e.text)}` : e.kind;
      heard.push(what);
      script(what, link.device, heard.length);
    }
  });
  const traces: LinkTrace[] = [];
  const sankyo = new SankyoLink({
    transport: link.host,
    clock,
    baud: 0,
    ackTimeoutMs: 300,
    charTimeoutMs: 250,
    commandRetries: 3,
    replyRetries: 3,
    drainTimeoutMs: 500,
    onTrace: (t) => traces.push(t),
  });
  return { clock, link, sankyo, heard, traces };
}

const reply = (text: string) => encodeFrame(encodeReply({ kind: 'positive', cm: text.charCodeAt(1), pm: text.charCodeAt(2), status: text.slice(3, 5), data: asciiBytes(text.slice(5)) }));
const send = (device: ByteTransport, ...parts: Array<Uint8Array | number[]>) => {
  for (const p of parts) void device.write(p instanceof Uint8Array ? p : Uint8Array.from(p));
};
const STATUS = encodeCommand({ kind: 'status' });
const EJECT = encodeCommand({ kind: 'eject' });
const live = () => new AbortController().signal;
const run = <T>(clock: SteppingClock, p: Promise<T>) => settle(p, clock);

describe('Sankyo link layer (ACK/NAK, retries, DLE EOT) against a scripted reader', () => {
  it('command → ACK → reply → our ACK', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [ACK], reply('P1002'));
    });
    const result = await run(t.clock, t.sankyo.exchange(STATUS, live()));
    expect(result).toMatchObject({ ok: true, reply: { kind: 'positive', status: '02' } });
    expect(t.heard).toEqual(['frame C10', 'ack']);
  });

  it('the reader NAKs our frame: we send it again', async () => {
    const t = scripted((heard, device, n) => {
      if (heard === 'frame C10') send(device, n === 1 ? [NAK] : [ACK]);
      if (heard === 'frame C10' && n > 1) send(device, reply('P1000'));
    });
    expect((await run(t.clock, t.sankyo.exchange(STATUS, live()))).ok).toBe(true);
    expect(t.heard).toEqual(['frame C10', 'frame C10', 'ack']);
    expect(t.traces).toEqual([{ kind: 'resend', reason: 'nak' }]);
  });

  it('a silent reader: 1 + 3 sends, 300 ms apart, then noAnswer', async () => {
    const t = scripted(() => {});
    const start = t.clock.now();
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toEqual({ ok: false, failure: { kind: 'noAnswer' } });
    expect(t.heard).toEqual(['frame C10', 'frame C10', 'frame C10', 'frame C10']);
    expect(t.clock.now() - start).toBe(1_200);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('garbage instead of an ACK: garbled, not noAnswer', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [0x41, 0x42, 0x43]);
    });
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toMatchObject({ ok: false, failure: { kind: 'garbled' } });
    expect(t.traces.filter((x) => x.kind === 'garbage')).toHaveLength(4);
  });

  it('a reply with a bad CRC is NAKed and sent again; three bad ones in a row and we give up', async () => {
    const bad = reply('P1002');
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    const once = scripted((heard, device, n) => {
      if (heard === 'frame C10') send(device, [ACK], bad);
      if (heard === 'nak' && n === 2) send(device, reply('P1002'));
    });
    expect((await run(once.clock, once.sankyo.exchange(STATUS, live()))).ok).toBe(true);
    expect(once.heard).toEqual(['frame C10', 'nak', 'ack']);

    const always = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [ACK], bad);
      if (heard === 'nak') send(device, bad);
    });
    expect(await run(always.clock, always.sankyo.exchange(STATUS, live()))).toMatchObject({ ok: false, failure: { kind: 'garbled' } });
    expect(always.heard).toEqual(['frame C10', 'nak', 'nak', 'nak']);
  });

  it('a reply to some other command is acknowledged and ignored; ours is taken', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [ACK], reply('P3001'), reply('P1001'));
    });
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toMatchObject({ ok: true, reply: { cm: 0x31, status: '01' } });
    expect(t.heard).toEqual(['frame C10', 'ack', 'ack']);
    expect(t.traces).toEqual([{ kind: 'strayReply' }]);
  });

  it('cancel after the ACK: DLE EOT out; a reply already on its way is ACKed and dropped; the reader confirms', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C30') send(device, [ACK]);
      // The reader had just finished: its reply crosses our DLE EOT, then it confirms.
      if (heard === 'cancel') send(device, reply('P3001'), [DLE, EOT]);
      if (heard === 'frame C10') send(device, [ACK], reply('P1002'));
    });
    const controller = new AbortController();
    const ejecting = t.sankyo.exchange(EJECT, controller.signal);
    await elapse(t.clock, 50);
    controller.abort();
    expect(await run(t.clock, ejecting)).toEqual({ ok: false, failure: { kind: 'aborted', confirmed: true } });
    expect(t.heard).toEqual(['frame C30', 'cancel', 'ack']);
    // The next exchange gets its own reply, not the eject's.
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toMatchObject({ ok: true, reply: { cm: 0x31, status: '02' } });
  });

  it('a reader that never confirms the cancel: aborted, unconfirmed, after the drain time', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C30') send(device, [ACK]);
    });
    const controller = new AbortController();
    const ejecting = t.sankyo.exchange(EJECT, controller.signal);
    await elapse(t.clock, 10);
    controller.abort();
    expect(await run(t.clock, ejecting)).toEqual({ ok: false, failure: { kind: 'aborted', confirmed: false } });
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('the reply-timeout backstop cancels like a caller would', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C30') send(device, [ACK]);
      if (heard === 'cancel') send(device, [DLE, EOT]);
    });
    expect(await run(t.clock, t.sankyo.exchange(EJECT, live(), 2_000))).toEqual({ ok: false, failure: { kind: 'aborted', confirmed: true } });
    expect(t.clock.now()).toBe(Date.UTC(2026, 10, 23, 9, 0, 0) + 2_000);
  });

  it('the reader cancels on its own (DLE EOT instead of a reply)', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [ACK, DLE, EOT]);
    });
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toEqual({ ok: false, failure: { kind: 'canceledByReader' } });
  });

  it('half a reply and then silence: after 250 ms between characters we NAK, the reader repeats, we take it', async () => {
    const full = reply('P1002');
    const t = scripted((heard, device) => {
      if (heard === 'frame C10') send(device, [ACK], full.subarray(0, 4));
      if (heard === 'nak') send(device, full);
    });
    expect((await run(t.clock, t.sankyo.exchange(STATUS, live()))).ok).toBe(true);
    expect(t.heard).toEqual(['frame C10', 'nak', 'ack']);
  });

  it('the port closes in the middle: closed, at once', async () => {
    const t = scripted((heard, device) => {
      if (heard === 'frame C30') send(device, [ACK]);
    });
    const ejecting = t.sankyo.exchange(EJECT, live());
    await elapse(t.clock, 10);
    t.link.unplug('USB unplugged');
    expect(await run(t.clock, ejecting)).toEqual({ ok: false, failure: { kind: 'closed', reason: 'USB unplugged' } });
    expect(await run(t.clock, t.sankyo.exchange(STATUS, live()))).toEqual({ ok: false, failure: { kind: 'closed', reason: 'USB unplugged' } });
  });

  it('a reply nobody asked for (after a timeout) is acknowledged so the reader goes idle', async () => {
    const t = scripted(() => {});
    const acks: string[] = [];
    t.link.device.onData((chunk) => acks.push(toHex(chunk)));
    send(t.link.device, reply('P1000'));
    await elapse(t.clock, 1);
    expect(acks).toEqual(['06']);
    expect(t.traces).toEqual([{ kind: 'strayReply' }]);
  });

  it('refuses a second exchange while one runs (the queue must serialise)', async () => {
    const t = scripted(() => {});
    void t.sankyo.exchange(STATUS, live());
    expect(() => t.sankyo.exchange(STATUS, live())).toThrow(/one exchange at a time/);
    t.sankyo.dispose();
    await elapse(t.clock, 5_000);
    expect(t.clock.pendingTimers()).toBe(0);
  });
});

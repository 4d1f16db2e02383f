/**
 * The reader simulator on its own (no driver): bytes in, bytes out, slot and bin
 * state, faults, and the control API. The driver's side is tested in
 * electron/devices/card-reader/driver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCommand, decodeReply, type CardReaderCommand } from '../../electron/devices/card-reader/codec.ts';
import { ACK, createFrameDecoder, DLE_EOT_BYTES, encodeFrame, NAK } from '../../electron/devices/card-reader/frame.ts';
import { encodeCommandApdu } from '../../electron/devices/chip/apdu.ts';
import { selectByAid } from '../../electron/devices/chip/commands.ts';
import { NATIONAL_ID_AID } from '../../electron/devices/chip/id-card-layout.ts';
import { latin1String, toHex } from '../../electron/devices/shared/bytes.ts';
import { createFakeClock, type FakeClock } from '../../electron/devices/testing/fake-clock.ts';
import { startControlServer, type ControlServer } from '../control/control-server.ts';
import { SimulatorRegistry } from '../control/simulator-control.ts';
import { FICTIONAL_PIN, FICTIONAL_PUK } from '../people/fictional-people.ts';
import { CardReaderSimulator } from './card-reader-simulator.ts';
import { pacedPort } from './pty-attach.ts';
import type { SimPort } from './sim-wire.ts';

/** A host end for the simulator: records what it says, decoded. */
function host(clock: FakeClock, options: ConstructorParameters<typeof CardReaderSimulator>[0] | object = {}) {
  const sim = new CardReaderSimulator({ clock, ...options });
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const heard: string[] = [];
  const decoder = createFrameDecoder();
  const port: SimPort = {
    write(bytes) {
      for (const e of decoder.push(bytes)) {
        if (e.kind === 'frame') {
          const reply = decodeReply(e.text);
          heard.push(reply.ok ? (reply.value.kind === 'positive' ? `P${latin1String(e.text.subarray(1, 3))} ${reply.value.status}` : `N${latin1String(e.text.subarray(1, 3))} ${reply.value.error}`) : 'bad reply');
        } else heard.push(e.kind === 'error' ? `error ${e.reason}` : e.kind);
      }
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  sim.attach(port);
  const send = (bytes: Uint8Array) => listeners.forEach((l) => l(bytes));
  const command = (c: CardReaderCommand) => send(encodeFrame(encodeCommand(c)));
  /** Send, let the reader think, acknowledge its reply. */
  const exchange = (c: CardReaderCommand, thinkMs = 2_000) => {
    command(c);
    clock.advance(thinkMs);
    send(Uint8Array.of(ACK));
    return heard.at(-1);
  };
  return { sim, heard, send, command, exchange };
}

const INIT: CardReaderCommand = { kind: 'initialise', cardAction: 'eject', countCaptures: true, powerDown: 'eject', testShutter: true, pulledDuringCaptureIsError: true };

describe('reader simulator: the Sankyo protocol from the reader side', () => {
  it('ACKs a command at once and replies after the think time', () => {
    const clock = createFakeClock();
    const t = host(clock);
    t.command({ kind: 'status' });
    expect(t.heard).toEqual(['ack']);
    clock.advance(1);
    expect(t.heard).toEqual(['ack']);
    clock.advance(1);
    expect(t.heard).toEqual(['ack', 'N10 B0']);
  });

  it('NAKs a frame with a bad CRC; repeats its reply on NAK; DLE EOT drops the command and is echoed', () => {
    const clock = createFakeClock();
    const t = host(clock);
    const bad = encodeFrame(encodeCommand({ kind: 'status' }));
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    t.send(bad);
    expect(t.heard).toEqual(['nak']);
    t.exchange(INIT);
    t.command({ kind: 'status' });
    clock.advance(10);
    t.send(Uint8Array.of(NAK));
    expect(t.heard.slice(-3)).toEqual(['ack', 'P10 00', 'P10 00']);
    t.command({ kind: 'enableEntry' });
    t.send(DLE_EOT_BYTES);
    clock.advance(1_000);
    expect(t.heard.slice(-2)).toEqual(['ack', 'cancel']);
    expect(t.sim.state()).toMatchObject({ entryEnabled: false });
  });

  it('the slot: offered card waits at the gate, is drawn in when entry opens, ejected, taken', () => {
    const clock = createFakeClock();
    const t = host(clock);
    t.exchange(INIT);
    t.sim.insertCard('valid-adult');
    expect(t.sim.state()).toMatchObject({ slot: 'atGate', entryEnabled: false });
    clock.advance(5_000);
    expect(t.sim.state()).toMatchObject({ slot: 'atGate' });
    t.exchange({ kind: 'enableEntry' }, 10);
    clock.advance(300);
    expect(t.sim.state()).toMatchObject({ slot: 'inside', entryEnabled: false });
    expect(t.exchange({ kind: 'status' })).toBe('P10 02');
    expect(t.exchange({ kind: 'eject' })).toBe('P30 01');
    expect(t.sim.takeCard()).toEqual({ ok: true });
    expect(t.exchange({ kind: 'status' })).toBe('P10 00');
  });

  it('chip: ATR on activate, APDUs answered by the card, damaged chip answers 61', () => {
    const clock = createFakeClock();
    const t = host(clock);
    t.exchange(INIT);
    t.exchange({ kind: 'enableEntry' });
    t.sim.insertCard('damaged-chip');
    clock.advance(400);
    expect(t.exchange({ kind: 'chipActivate', voltage: 'emv' })).toBe('NI0 61');
    t.exchange({ kind: 'eject' });
    t.sim.takeCard();
    t.exchange({ kind: 'enableEntry' });
    t.sim.insertCard('valid-adult');
    clock.advance(400);
    expect(t.exchange({ kind: 'chipApdu', protocol: 'T0', apdu: encodeCommandApdu(selectByAid(NATIONAL_ID_AID)) })).toBe('NI3 65');
    expect(t.exchange({ kind: 'chipActivate', voltage: 'emv' })).toBe('PI0 02');
    expect(t.exchange({ kind: 'chipApdu', protocol: 'T0', apdu: encodeCommandApdu(selectByAid(NATIONAL_ID_AID)) })).toBe('PI3 02');
    expect(t.sim.state()).toMatchObject({ chipPowered: true });
  });

  it('capture fills the bin; a full bin answers 50 until the technician empties it', () => {
    const clock = createFakeClock();
    const t = host(clock, { binCapacity: 1 });
    t.exchange(INIT);
    for (const expected of ['P31 00', 'N31 50']) {
      t.exchange({ kind: 'enableEntry' });
      t.sim.insertCard('valid-adult', { fresh: true });
      clock.advance(400);
      expect(t.exchange({ kind: 'capture' })).toBe(expected);
    }
    expect(t.exchange({ kind: 'retainCounterRead' })).toBe('PC0 02');
    t.sim.refillBin();
    expect(t.exchange({ kind: 'capture' })).toBe('P31 00');
  });

  it('power cut: silence; the capacitor ejects the card to the gate; back on, everything but initialise answers B0', () => {
    const clock = createFakeClock();
    const t = host(clock);
    t.exchange(INIT);
    t.exchange({ kind: 'enableEntry' });
    t.sim.insertCard('valid-adult');
    clock.advance(400);
    t.sim.setFault('power-cut');
    const before = t.heard.length;
    t.exchange({ kind: 'status' });
    expect(t.heard.length).toBe(before);
    expect(t.sim.state()).toMatchObject({ slot: 'atGate', powered: false, initialised: false });
    t.sim.setFault(null);
    expect(t.exchange({ kind: 'status' })).toBe('N10 B0');
    expect(t.exchange(INIT)).toBe('P04 01');
  });

  it('wire faults: garbage is never an ACK; bad-crc replies fail their CRC every time; slow multiplies think time', () => {
    const clock = createFakeClock();
    const t = host(clock);
    t.exchange(INIT);
    t.sim.setFault('garbage');
    t.command({ kind: 'status' });
    expect(t.heard.at(-1)).toBe('error garbage');
    t.sim.setFault('bad-crc');
    t.command({ kind: 'status' });
    clock.advance(5);
    t.send(Uint8Array.of(NAK));
    expect(t.heard.slice(-3)).toEqual(['ack', 'error badCrc', 'error badCrc']);
    t.send(Uint8Array.of(ACK));
    t.sim.setFault('slow', { factor: 4 });
    t.command({ kind: 'eject' });
    clock.advance(1_599);
    expect(t.heard.at(-1)).toBe('ack');
    clock.advance(1);
    expect(t.heard.at(-1)).toBe('N30 02');
  });
});

describe('reader simulator: pacing on a pseudo-terminal (both ways)', () => {
  it('a paced port releases each write when the previous one would have left the wire (11 bits a byte)', () => {
    const clock = createFakeClock();
    const out: Array<[number, string]> = [];
    const inner: SimPort = { write: (b) => out.push([clock.now(), toHex(b)]), onData: () => () => {} };
    const paced = pacedPort(inner, clock, 9_600);
    paced.write(new Uint8Array(96));
    paced.write(Uint8Array.of(ACK));
    expect(paced.pending()).toBe(2);
    clock.advance(110);
    expect(out.map(([at]) => at)).toEqual([110]);
    clock.advance(2);
    expect(out).toHaveLength(2);
    // 96 bytes × 11 bits at 9600 baud = 110 ms; the ACK byte follows 1.146 ms later.
    expect(out[1]?.[0]).toBeCloseTo(110 + 11_000 / 9_600, 6);
    expect(paced.pending()).toBe(0);
  });

  it('and bytes from the host are heard only once they would have arrived', () => {
    const clock = createFakeClock();
    let push: (chunk: Uint8Array) => void = () => {};
    const inner: SimPort = { write: () => {}, onData: (l) => ((push = l), () => {}) };
    const heardAt: number[] = [];
    pacedPort(inner, clock, 115_200).onData(() => heardAt.push(clock.now()));
    push(new Uint8Array(1152));
    clock.advance(109);
    expect(heardAt).toEqual([]);
    clock.advance(1);
    expect(heardAt).toEqual([110]);
  });
});

describe('reader simulator: control API', () => {
  let server: ControlServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('insert a card, set a fault, read the state over HTTP; the state never carries a PIN', async () => {
    const clock = createFakeClock();
    const sim = new CardReaderSimulator({ clock });
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const call = async (path: string, body?: unknown) => {
      const res = await fetch(`${server!.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-control-token': server!.token, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const list = await call('/api/simulators');
    expect(JSON.stringify(list.json)).toContain('card-pulled-mid-read');
    const inserted = await call('/api/simulators/card-reader/actions/insertCard', { args: { profile: 'card-pin-blocked' } });
    expect(inserted.status).toBe(200);
    expect(inserted.json.state).toMatchObject({ slot: 'atGate', card: { profile: 'card-pin-blocked', pinTriesLeft: 0 } });
    const text = JSON.stringify(inserted.json);
    expect(text).not.toMatch(/"pin"|"puk"/i);
    expect(text).not.toContain(FICTIONAL_PIN);
    expect(text).not.toContain(FICTIONAL_PUK);
    expect((await call('/api/simulators/card-reader/actions/insertCard', { args: { profile: 'nobody' } })).status).toBe(400);
    expect((await call('/api/simulators/card-reader/fault', { fault: 'jam' })).json.state).toMatchObject({ fault: 'jam' });
    expect((await call('/api/simulators/card-reader/fault', { fault: 'paper-out' })).status).toBe(400);
    expect((await call('/api/simulators/card-reader/actions/takeCard', { args: {} })).json.state).toMatchObject({ slot: 'empty' });
    sim.dispose();
  });
});

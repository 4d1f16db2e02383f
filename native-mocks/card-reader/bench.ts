/**
 * Benchmark: card insert → ATR + personal data, in wire mode (socat pseudo-terminal,
 * the kiosk's real serialport adapter, the card reader driver and the chip
 * application on one end, this simulator on the other), against the emulated wire
 * time of the very bytes exchanged (11 bits a byte at 8E1). The ratio says how much
 * the software (driver, codec, adapter, pty, simulator) adds to the line itself.
 *
 * Two passes: reader think times off (the ratio is then pure software overhead over
 * the wire) and on (realistic total, against wire + the simulator's think time).
 *
 * Not part of the simulator (which never imports the driver): a harness that sits
 * here so it can use the simulator's internals. The serial adapter is passed in,
 * because simulator code may not import the transport it imitates:
 *   cardReaderWireBench({ openSerialTransport })   // from electron/devices/transport/serial-transport.ts
 */
import { performance } from 'node:perf_hooks';
import { IdCardApplication } from '../../electron/devices/chip/id-card-application.ts';
import { systemDeviceClock } from '../../electron/devices/contract/clock.ts';
import { CardReaderDevice } from '../../electron/devices/card-reader/driver/card-reader-device.ts';
import { createPtyPair } from '../wire/pty-pair.ts';
import { CardReaderSimulator } from './card-reader-simulator.ts';
import { attachToPty } from './pty-attach.ts';
import { THINK_MS } from './reader-model.ts';

/** Same shape as bench/stats.ts BenchRow (kept structural: native-mocks does not import bench/). */
export interface CardReaderBenchRow {
  name: string;
  value: number;
  unit: string;
  ratio?: { value: number; against: string };
  samples?: number;
}

/** The ByteTransport shape, structurally (the transport module is off-limits to simulator code). */
interface HostTransport {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
  readonly description: string;
}

export interface CardReaderBenchOptions {
  openSerialTransport(options: { path: string; baudRate: number; parity: 'even'; rtscts: boolean }): Promise<HostTransport>;
  baud?: number;
  /** Rounds with think times off (default 5) and on (default 3). */
  rounds?: number;
  realisticRounds?: number;
}

const BITS_PER_BYTE = 11;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Counts bytes both ways through the host's transport. */
function counting(inner: HostTransport): HostTransport & { bytes(): number; reset(): void } {
  let bytes = 0;
  return {
    get isOpen() {
      return inner.isOpen;
    },
    get description() {
      return inner.description;
    },
    write: (chunk) => {
      bytes += chunk.length;
      return inner.write(chunk);
    },
    onData: (listener) =>
      inner.onData((chunk) => {
        bytes += chunk.length;
        listener(chunk);
      }),
    onClose: (listener) => inner.onClose(listener),
    close: () => inner.close(),
    bytes: () => bytes,
    reset: () => {
      bytes = 0;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('bench: the simulator never got there');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

interface Sample {
  insertToDataMs: number;
  readOnlyMs: number;
  insertBytes: number;
  readBytes: number;
  /** Reader think time after the card was inside (polls during the intake overlap it, so they are left out). */
  readThinkMs: number;
}

async function pass(options: CardReaderBenchOptions, baud: number, rounds: number, thinkScale: number): Promise<Sample[]> {
  const clock = systemDeviceClock();
  const pair = await createPtyPair('bench');
  const sim = new CardReaderSimulator({ clock, baud, thinkScale });
  const attachment = await attachToPty(sim, pair.devicePath, clock, baud);
  let wire: ReturnType<typeof counting> | null = null;
  const driver = new CardReaderDevice({
    clock,
    baud,
    pollIntervalMs: 2,
    connect: async () => (wire = counting(await options.openSerialTransport({ path: pair.hostPath, baudRate: baud, parity: 'even', rtscts: true }))),
  });
  const samples: Sample[] = [];
  try {
    if ((await driver.initialise()).completionCode !== 'success') throw new Error('bench: reader did not initialise');
    for (let round = 0; round < rounds; round++) {
      const accepting = driver.acceptCard();
      await until(() => sim.state().entryEnabled === true);
      wire!.reset();
      const t0 = performance.now();
      sim.insertCard('valid-adult', { fresh: true });
      if ((await accepting).completionCode !== 'success') throw new Error('bench: card not accepted');
      const t1 = performance.now();
      const bytesAtInside = wire!.bytes();
      const thinkAtInside = sim.thinkTimeMs;
      if ((await driver.chipPowerOn()).completionCode !== 'success') throw new Error('bench: no ATR');
      const app = new IdCardApplication((command) => driver.chipExchange(command));
      const selected = await app.select();
      const personal = selected.ok ? await app.readPersonalData() : selected;
      if (!personal.ok) throw new Error(`bench: read failed (${personal.failure.kind})`);
      const t2 = performance.now();
      samples.push({ insertToDataMs: t2 - t0, readOnlyMs: t2 - t1, insertBytes: wire!.bytes(), readBytes: wire!.bytes() - bytesAtInside, readThinkMs: sim.thinkTimeMs - thinkAtInside });
      await driver.ejectCard({ retainAfterMs: null });
      sim.takeCard();
      await driver.waitForTaken({ timeoutMs: 5_000 });
    }
  } finally {
    await driver.close();
    await attachment.close();
    sim.dispose();
    await pair.close();
  }
  return samples;
}

export async function cardReaderWireBench(options: CardReaderBenchOptions): Promise<CardReaderBenchRow[]> {
  const baud = options.baud ?? 115_200;
  const wireMs = (bytes: number) => (bytes * BITS_PER_BYTE * 1000) / baud;
  const fast = await pass(options, baud, options.rounds ?? 5, 0);
  const real = await pass(options, baud, options.realisticRounds ?? 3, 1);
  const m = (samples: Sample[], pick: (s: Sample) => number) => median(samples.map(pick));
  const insertMs = m(fast, (s) => s.insertToDataMs);
  const insertWire = wireMs(m(fast, (s) => s.insertBytes));
  const readMs = m(fast, (s) => s.readOnlyMs);
  const readWire = wireMs(m(fast, (s) => s.readBytes));
  const realMs = m(real, (s) => s.insertToDataMs);
  // The intake (motor drawing the card in) runs while we poll, so the honest baseline is
  // intake time + (wire + think) of everything after the card is inside.
  const realBaseline = THINK_MS.drawIn + m(real, (s) => wireMs(s.readBytes) + s.readThinkMs);
  return [
    { name: `card insert → ATR + personal data, wire mode ${baud} 8E1 (think off)`, value: insertMs, unit: 'ms', samples: fast.length, ratio: { value: insertMs / insertWire, against: 'emulated wire time' } },
    { name: '  ATR + personal data only (card already inside)', value: readMs, unit: 'ms', samples: fast.length, ratio: { value: readMs / readWire, against: 'emulated wire time' } },
    { name: '  emulated wire time for the same bytes', value: insertWire, unit: 'ms' },
    { name: '  bytes on the wire, both ways', value: m(fast, (s) => s.insertBytes), unit: 'bytes' },
    { name: `card insert → ATR + personal data (realistic think times)`, value: realMs, unit: 'ms', samples: real.length, ratio: { value: realMs / realBaseline, against: 'card intake + wire + reader think time' } },
  ];
}

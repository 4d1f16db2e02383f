/**
 * Benchmark: the software overhead of one ZVT authorisation — driver, codec and
 * simulator, everything but the line — against the emulated wire time of the same
 * conversation at 9600 baud. Runs on virtual time with zero think times, so the
 * wall-clock time measured is pure software and the virtual time elapsed is pure
 * wire time. Rows have the shape of bench/stats.ts BenchRow; the lead wires
 * `zvtAuthorisationBench` into `npm run bench`.
 */
import { createZvtSimRig } from '../../electron/devices/payment/zvt/driver/sim-rig.ts';
import { createVirtualClock } from '../../electron/devices/payment/zvt/driver/virtual-clock.ts';

export interface BenchRowLike {
  name: string;
  value: number;
  unit: string;
  ratio?: { value: number; against: string };
  samples?: number;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

const NO_THINKING = { answerMs: 0, insertCardMs: 0, pinMs: 0, hostMs: 0, removeCardMs: 0 };

export async function zvtAuthorisationBench(runs = 30, baud = 9600): Promise<BenchRowLike[]> {
  const clock = createVirtualClock();
  const rig = createZvtSimRig({ clock, baud, sim: { think: NO_THINKING } });
  try {
    await clock.runUntil(rig.terminal.register());
    await clock.runUntil(rig.terminal.authorise({ amountFils: 1000 })); // warm-up
    const software: number[] = [];
    const wire: number[] = [];
    for (let i = 0; i < runs; i++) {
      const v0 = clock.now();
      const t0 = performance.now();
      const result = await clock.runUntil(rig.terminal.authorise({ amountFils: 1000 + i }));
      software.push(performance.now() - t0);
      wire.push(clock.now() - v0);
      if (result.completionCode !== 'success') throw new Error(`benchmark authorisation failed: ${result.completionCode}`);
      await clock.runFor(100);
    }
    const sw = median(software);
    const wt = median(wire);
    return [
      { name: `ZVT authorisation, emulated wire time at ${baud} baud`, value: wt, unit: 'ms', samples: runs },
      { name: 'ZVT authorisation, software overhead (driver + codec + simulator)', value: sw, unit: 'ms', samples: runs, ratio: { value: sw / wt, against: 'the emulated wire time' } },
    ];
  } finally {
    rig.dispose();
  }
}

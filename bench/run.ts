import { printRows, type BenchRow } from './stats.ts';
import { startupBench } from './startup.bench.ts';
import { devicesBench } from './devices.bench.ts';
import { journalBench } from './journal.bench.ts';
import { serviceBench } from './service.bench.ts';

/**
 * `npm run bench`: figures and ratios, printed. Never asserted in tests —
 * these machines are noisy; read the ratios, not the milliseconds.
 */
const suites: [string, () => Promise<BenchRow[]>][] = [
  ['Start-up and bundle (foundation)', startupBench],
  ['Devices: software vs wire time', devicesBench],
  ['Journal durability cost', journalBench],
  ['A complete paid service', serviceBench],
];

const only = process.argv[2];
for (const [title, run] of suites) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  printRows(title, await run());
}

import { printRows, type BenchRow } from './stats.ts';
import { startupBench } from './startup.bench.ts';

/**
 * `npm run bench`: figures and ratios, printed. Never asserted in tests —
 * these machines are noisy; read the ratios, not the milliseconds.
 */
const suites: [string, () => Promise<BenchRow[]>][] = [['Start-up and bundle (foundation)', startupBench]];

const only = process.argv[2];
for (const [title, run] of suites) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  printRows(title, await run());
}

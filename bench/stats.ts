/** Small helpers for benchmark figures: medians, ratios and one table format. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** Optional comparison: value / baseline, with what the baseline is. */
  ratio?: { value: number; against: string };
  samples?: number;
}

export function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}`);
  for (const row of rows) {
    const ratio = row.ratio ? `  ratio ${row.ratio.value.toFixed(2)}× ${row.ratio.against}` : '';
    const samples = row.samples ? `  (${row.samples} samples)` : '';
    console.log(`  ${row.name.padEnd(58)} ${row.value.toFixed(row.unit === 'ms' ? 1 : 0).padStart(10)} ${row.unit}${samples}${ratio}`);
  }
}

/**
 * Cuts a receipt bitmap into bands the driver sends one at a time, checking the
 * printer between bands — the only way to stop a receipt at paper-out and say
 * how much of it came out.
 *
 * The codec's job builder (print-job.ts, on @point-of-sale/receipt-printer-encoder)
 * builds whole jobs: ESC @ … image … LF [feed, cut]. It has no band API, so this
 * helper (ours, not the codec's) builds each band as a job and keeps only its
 * GS v 0 commands: the encoder ends every job with a line feed, which between
 * bands would leave a white gap, and repeats ESC @, which would reset the printer
 * (and its GS a setting) mid-receipt. The first job's preamble (ESC @ …) and the
 * last job's ending (feed and cut) are kept once.
 *
 * Bands are a multiple of 24 rows so the encoder adds no padding except on the last.
 */
import { buildRasterPrintJob, type RasterJobOptions } from '../print-job.ts';
import type { MonoBitmap } from './mono-bitmap.ts';

export interface RasterBand {
  readonly bytes: Uint8Array;
  /** Rows of the receipt in this band (padding excluded). */
  readonly rows: number;
}

export interface BandedJob {
  /** ESC @ and the encoder's set-up commands. */
  readonly preamble: Uint8Array;
  readonly bands: readonly RasterBand[];
  /** Feed and cut. */
  readonly ending: Uint8Array;
  readonly totalRows: number;
}

const GS = 0x1d;

/** Byte ranges of the GS v 0 commands in a job: header "1D 76 30 m xL xH yL yH", then xBytes × rows. */
export function rasterCommandRanges(job: Uint8Array): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  while (i + 8 <= job.length) {
    if (job[i] === GS && job[i + 1] === 0x76 && job[i + 2] === 0x30) {
      const xBytes = (job[i + 4] ?? 0) | ((job[i + 5] ?? 0) << 8);
      const rows = (job[i + 6] ?? 0) | ((job[i + 7] ?? 0) << 8);
      const end = i + 8 + xBytes * rows;
      if (end > job.length) throw new RangeError('raster command runs past the end of the job');
      ranges.push([i, end]);
      i = end;
    } else {
      i++;
    }
  }
  return ranges;
}

function slice(bitmap: MonoBitmap, top: number, rows: number): MonoBitmap {
  return { width: bitmap.width, height: rows, bytesPerRow: bitmap.bytesPerRow, data: bitmap.data.subarray(top * bitmap.bytesPerRow, (top + rows) * bitmap.bytesPerRow) };
}

export function bandRasterJob(bitmap: MonoBitmap, options: RasterJobOptions & { bandRows?: number } = {}): BandedJob {
  const bandRows = options.bandRows ?? 240;
  if (bandRows < 24 || bandRows % 24 !== 0 || bandRows > 240) throw new RangeError('bandRows must be a multiple of 24 up to 240');
  if (bitmap.height < 1) throw new RangeError('nothing to print');
  const bands: RasterBand[] = [];
  let preamble = new Uint8Array();
  let ending = new Uint8Array();
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - top);
    const last = top + rows >= bitmap.height;
    const job = buildRasterPrintJob(slice(bitmap, top, rows), { ...options, cut: last ? (options.cut ?? 'full') : 'none' });
    const ranges = rasterCommandRanges(job);
    const first = ranges[0];
    const final = ranges.at(-1);
    if (!first || !final) throw new Error('the job builder produced no raster command');
    if (top === 0) preamble = job.slice(0, first[0]);
    if (last) ending = job.slice(final[1]);
    bands.push({ bytes: job.slice(first[0], final[1]), rows });
  }
  return { preamble, bands, ending, totalRows: bitmap.height };
}

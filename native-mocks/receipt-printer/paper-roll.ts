/**
 * The simulated paper: how much is left on the roll, and the receipt currently
 * coming out of the printer as rows of dots (rows of 72 bytes for 576 dots, the
 * GS v 0 layout), until the cutter separates it.
 */
export const WIDTH_DOTS = 576;
export const BYTES_PER_ROW = WIDTH_DOTS / 8;
export const DOTS_PER_MM = 8;

export interface PrintedReceipt {
  readonly rows: readonly Uint8Array[];
  readonly cut: boolean;
  /** Simulator clock time of the last row or the cut. */
  readonly at: number;
}

export class PaperRoll {
  /** Dot rows of paper left. */
  remaining: number;
  readonly nearEndAt: number;
  #rows: Uint8Array[] = [];

  constructor(remaining: number, nearEndAt: number) {
    this.remaining = remaining;
    this.nearEndAt = nearEndAt;
  }

  get nearEnd(): boolean {
    return this.remaining > 0 && this.remaining <= this.nearEndAt;
  }

  get end(): boolean {
    return this.remaining <= 0;
  }

  get pendingRows(): number {
    return this.#rows.length;
  }

  /** Print one row of dots; false when there is no paper for it. */
  printRow(row: Uint8Array): boolean {
    if (this.remaining <= 0) return false;
    const copy = new Uint8Array(BYTES_PER_ROW);
    copy.set(row.subarray(0, BYTES_PER_ROW));
    this.#rows.push(copy);
    this.remaining--;
    return true;
  }

  /** Blank paper (line feeds); returns the rows actually fed. */
  feed(rows: number): number {
    let fed = 0;
    while (fed < rows && this.remaining > 0) {
      this.#rows.push(new Uint8Array(BYTES_PER_ROW));
      this.remaining--;
      fed++;
    }
    return fed;
  }

  /** The cutter separates what has come out. */
  cut(at: number): PrintedReceipt {
    const receipt = { rows: this.#rows, cut: true, at };
    this.#rows = [];
    return receipt;
  }

  /** What hangs out of the printer now, not yet cut. */
  current(at: number): PrintedReceipt {
    return { rows: [...this.#rows], cut: false, at };
  }

  refill(rows: number): void {
    this.remaining = rows;
  }
}

/** Rows → the 1-bit image layout the PNG encoder takes. */
export function rowsToImage(rows: readonly Uint8Array[]): { width: number; height: number; bytesPerRow: number; data: Uint8Array } {
  const data = new Uint8Array(rows.length * BYTES_PER_ROW);
  rows.forEach((r, i) => data.set(r, i * BYTES_PER_ROW));
  return { width: WIDTH_DOTS, height: rows.length, bytesPerRow: BYTES_PER_ROW, data };
}

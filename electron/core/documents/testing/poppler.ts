/**
 * Runs poppler-utils (installed by scripts/setup.sh) on a PDF in memory:
 * pdftotext for what a reader extracts, pdftoppm for what a printer draws.
 * Test-only: the kiosk itself never shells out to poppler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePgm, type GrayImage } from './gray-image.ts';

function withPdfFile<T>(pdf: Uint8Array, use: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'khidma-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * pdftotext output (reading order, UTF-8), with the Unicode embedding marks
 * (RLE, PDF, ...) poppler wraps around right-to-left lines removed, so tests
 * compare plain logical-order text.
 */
export function pdfText(pdf: Uint8Array): string {
  return withPdfFile(pdf, (_dir, file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, ''));
}

/** Page `page` rendered in 8-bit gray at `dpi` (pdftoppm -gray writes PGM). */
export function renderPageGray(pdf: Uint8Array, dpi: number, page = 1): GrayImage {
  return withPdfFile(pdf, (dir, file) => {
    const prefix = join(dir, 'page');
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    return parsePgm(new Uint8Array(readFileSync(`${prefix}.pgm`)));
  });
}

/** pdfinfo's fields ("Pages", "Page size", "Title", "CreationDate" as ISO 8601, ...). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const text = withPdfFile(pdf, (_dir, file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  const info: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) info[match[1]] = match[2].trim();
  }
  return info;
}

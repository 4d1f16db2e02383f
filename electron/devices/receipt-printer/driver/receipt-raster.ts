/**
 * Renders a ReceiptModel to a 576-dot-wide 1-bit bitmap (80 mm paper at
 * 203 dpi = 8 dots/mm, 72 mm printable), ready for an ESC/POS raster image.
 *
 * Why we rasterise ourselves (fontkit shaping + bidi-js + our own scanline fill)
 * instead of rendering HTML/SVG in headless Chromium: it runs in plain Node in
 * a few milliseconds, with no browser process to start, crash or keep in memory
 * on the kiosk; the output is bit-exact and testable; and the fonts are the
 * bundled Noto files, so the receipt looks the same on every machine.
 */
import type { Font } from 'fontkit';
import { type CoverageCanvas, createCanvas, fillRect, type MonoBitmap, stackBitmaps, toMonoBitmap } from './mono-bitmap.ts';
import { fillPath } from './path-fill.ts';
import { drawQr, qrSideDots } from './qr-raster.ts';
import type { Align, ReceiptBlock, ReceiptModel, TextSize } from './receipt-model.ts';
import type { FontFace, ReceiptFonts } from './receipt-fonts.ts';
import { type ShapedLine, shapeLine, wrapText } from './text-shaper.ts';

export const RECEIPT_WIDTH_DOTS = 576;
const MARGIN = 12;
const SIZE_DOTS: Record<TextSize, number> = { small: 22, normal: 28, large: 40 };

export interface RasterOptions {
  width?: number;
  margin?: number;
}

/** Vertical metrics per line. Arabic needs room above and below for dots and marks. */
function lineMetrics(size: number): { height: number; baseline: number } {
  return { height: Math.round(size * 1.55), baseline: Math.round(size * 1.08) };
}

function drawShaped(canvas: CoverageCanvas, line: ShapedLine, left: number, baseline: number): void {
  for (const g of line.glyphs) {
    const scale = line.size / (g.font as Font).unitsPerEm;
    fillPath(canvas, g.glyph.path.commands, { scale, dx: left + g.x, dy: baseline - g.y });
  }
}

function alignedLeft(align: Align, direction: 'ltr' | 'rtl', lineWidth: number, width: number, margin: number): number {
  const physical = align === 'center' ? 'center' : (align === 'start') === (direction === 'ltr') ? 'left' : 'right';
  if (physical === 'center') return Math.round((width - lineWidth) / 2);
  if (physical === 'left') return margin;
  return Math.round(width - margin - lineWidth);
}

function renderText(block: Extract<ReceiptBlock, { kind: 'text' }>, face: FontFace, direction: 'ltr' | 'rtl', width: number, margin: number): MonoBitmap {
  const size = SIZE_DOTS[block.size ?? 'normal'];
  const lines = wrapText(block.text, face, size, direction, width - 2 * margin);
  const { height, baseline } = lineMetrics(size);
  const canvas = createCanvas(width, height * lines.length);
  lines.forEach((text, i) => {
    const shaped = shapeLine(text, face, size, direction);
    drawShaped(canvas, shaped, alignedLeft(block.align ?? 'start', direction, shaped.width, width, margin), i * height + baseline);
  });
  return toMonoBitmap(canvas);
}

function renderPair(block: Extract<ReceiptBlock, { kind: 'pair' }>, face: FontFace, direction: 'ltr' | 'rtl', width: number, margin: number): MonoBitmap {
  const size = SIZE_DOTS[block.size ?? 'normal'];
  const { height, baseline } = lineMetrics(size);
  const label = shapeLine(block.label, face, size, direction);
  // Values are often identifiers (masked card, reference, date): with 'auto' they keep
  // their own direction, so "**** 0119" does not turn into "0119 ****" on an Arabic receipt.
  const value = shapeLine(block.value, face, size, block.valueDirection ?? 'auto');
  const gap = size;
  const oneLine = label.width + gap + value.width <= width - 2 * margin;
  const canvas = createCanvas(width, oneLine ? height : 2 * height);
  drawShaped(canvas, label, alignedLeft('start', direction, label.width, width, margin), baseline);
  drawShaped(canvas, value, alignedLeft('end', direction, value.width, width, margin), (oneLine ? 0 : height) + baseline);
  return toMonoBitmap(canvas);
}

function renderRule(style: 'solid' | 'dashed', width: number, margin: number): MonoBitmap {
  const canvas = createCanvas(width, 14);
  for (let x = margin; x < width - margin; x += style === 'dashed' ? 12 : width) {
    fillRect(canvas, x, 6, style === 'dashed' ? 7 : width - 2 * margin, 2);
  }
  return toMonoBitmap(canvas);
}

function renderQr(block: Extract<ReceiptBlock, { kind: 'qr' }>, fonts: ReceiptFonts, direction: 'ltr' | 'rtl', width: number, margin: number): MonoBitmap {
  // 6 dots (0.75 mm) per module scans reliably from thermal paper with phone cameras;
  // shrink for long data so the code always fits the printable width.
  let moduleDots = block.moduleDots ?? 6;
  while (moduleDots > 2 && qrSideDots(block.data, moduleDots) > width - 2 * margin) moduleDots--;
  const side = qrSideDots(block.data, moduleDots);
  const canvas = createCanvas(width, side);
  drawQr(canvas, block.data, Math.round((width - side) / 2), 0, moduleDots);
  const parts = [toMonoBitmap(canvas)];
  if (block.caption) parts.push(renderText({ kind: 'text', text: block.caption, align: 'center', size: 'small' }, fonts.regular, direction, width, margin));
  return stackBitmaps(width, parts);
}

export function renderBlock(block: ReceiptBlock, fonts: ReceiptFonts, baseDirection: 'ltr' | 'rtl', options: RasterOptions = {}): MonoBitmap {
  const width = options.width ?? RECEIPT_WIDTH_DOTS;
  const margin = options.margin ?? MARGIN;
  switch (block.kind) {
    case 'text':
      return renderText(block, block.bold ? fonts.bold : fonts.regular, block.direction ?? baseDirection, width, margin);
    case 'pair':
      return renderPair(block, block.bold ? fonts.bold : fonts.regular, block.direction ?? baseDirection, width, margin);
    case 'rule':
      return renderRule(block.style ?? 'dashed', width, margin);
    case 'qr':
      return renderQr(block, fonts, baseDirection, width, margin);
    case 'space':
      return toMonoBitmap(createCanvas(width, Math.max(0, Math.round(block.dots))));
  }
}

/** The whole receipt, top to bottom. */
export function renderReceipt(model: ReceiptModel, fonts: ReceiptFonts, options: RasterOptions = {}): MonoBitmap {
  const width = options.width ?? RECEIPT_WIDTH_DOTS;
  if (width % 8 !== 0) throw new RangeError(`receipt width must be a multiple of 8 dots, got ${width}`);
  return stackBitmaps(
    width,
    model.blocks.map((b) => renderBlock(b, fonts, model.direction, options)),
  );
}

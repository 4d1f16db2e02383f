/**
 * Fills glyph outlines onto a coverage canvas: flatten the outline (lines,
 * quadratic and cubic Béziers, as fontkit's glyph.path gives them) into edges,
 * then scan it with 4 sub-scanlines per dot and exact horizontal coverage,
 * non-zero winding rule (TrueType/CFF outlines are drawn for it).
 *
 * Written here rather than taken from a canvas package: ~100 lines, no native
 * build, and the receipt only needs solid fills.
 */
import type { CoverageCanvas } from './mono-bitmap.ts';

export interface PathCommand {
  readonly command: string;
  readonly args: readonly number[];
}

/** Maps outline coordinates (font units, y up) to canvas dots (y down). */
export interface Transform {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** +1 for downward edges, -1 for upward. */
  dir: number;
}

const SUBSAMPLES = 4;
/** Segments per curve: enough for 40-dot glyphs to look round on a 203 dpi head. */
const CURVE_STEPS = 8;

export function flattenPath(commands: readonly PathCommand[], t: Transform): Edge[] {
  const edges: Edge[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const map = (x: number, y: number): [number, number] => [t.dx + x * t.scale, t.dy - y * t.scale];
  const line = (x: number, y: number) => {
    if (y !== cy) edges.push(cy < y ? { x0: cx, y0: cy, x1: x, y1: y, dir: 1 } : { x0: x, y0: y, x1: cx, y1: cy, dir: -1 });
    cx = x;
    cy = y;
  };
  for (const { command, args: a } of commands) {
    switch (command) {
      case 'moveTo': {
        if (cx !== sx || cy !== sy) line(sx, sy);
        [cx, cy] = map(a[0] ?? 0, a[1] ?? 0);
        sx = cx;
        sy = cy;
        break;
      }
      case 'lineTo': {
        const [x, y] = map(a[0] ?? 0, a[1] ?? 0);
        line(x, y);
        break;
      }
      case 'quadraticCurveTo': {
        const [qx, qy] = map(a[0] ?? 0, a[1] ?? 0);
        const [x, y] = map(a[2] ?? 0, a[3] ?? 0);
        const [px, py] = [cx, cy];
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const s = i / CURVE_STEPS;
          const u = 1 - s;
          line(u * u * px + 2 * u * s * qx + s * s * x, u * u * py + 2 * u * s * qy + s * s * y);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x, c1y] = map(a[0] ?? 0, a[1] ?? 0);
        const [c2x, c2y] = map(a[2] ?? 0, a[3] ?? 0);
        const [x, y] = map(a[4] ?? 0, a[5] ?? 0);
        const [px, py] = [cx, cy];
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const s = i / CURVE_STEPS;
          const u = 1 - s;
          line(
            u * u * u * px + 3 * u * u * s * c1x + 3 * u * s * s * c2x + s * s * s * x,
            u * u * u * py + 3 * u * u * s * c1y + 3 * u * s * s * c2y + s * s * s * y,
          );
        }
        break;
      }
      case 'closePath':
        line(sx, sy);
        break;
      default:
        break;
    }
  }
  if (cx !== sx || cy !== sy) line(sx, sy);
  return edges;
}

/** Fill an outline onto the canvas, adding its coverage to what is already there. */
export function fillPath(canvas: CoverageCanvas, commands: readonly PathCommand[], t: Transform): void {
  const edges = flattenPath(commands, t);
  if (edges.length === 0) return;
  let minY = Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const e of edges) {
    minY = Math.min(minY, e.y0);
    maxY = Math.max(maxY, e.y1);
    minX = Math.min(minX, e.x0, e.x1);
    maxX = Math.max(maxX, e.x0, e.x1);
  }
  const yStart = Math.max(0, Math.floor(minY));
  const yEnd = Math.min(canvas.height, Math.ceil(maxY));
  const xStart = Math.max(0, Math.floor(minX));
  const xEnd = Math.min(canvas.width, Math.ceil(maxX) + 1);
  if (yStart >= yEnd || xStart >= xEnd) return;
  const row = new Float32Array(xEnd - xStart);
  const crossings: Array<{ x: number; dir: number }> = [];
  for (let py = yStart; py < yEnd; py++) {
    row.fill(0);
    for (let s = 0; s < SUBSAMPLES; s++) {
      const y = py + (s + 0.5) / SUBSAMPLES;
      crossings.length = 0;
      for (const e of edges) {
        if (y < e.y0 || y >= e.y1) continue;
        crossings.push({ x: e.x0 + ((y - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < crossings.length; i++) {
        const c = crossings[i]!;
        const before = winding;
        winding += c.dir;
        if (before === 0 && winding !== 0) {
          // Span starts here; find where the winding returns to zero.
          let j = i + 1;
          let w = winding;
          for (; j < crossings.length; j++) {
            w += crossings[j]!.dir;
            if (w === 0) break;
          }
          const end = crossings[j]?.x ?? c.x;
          addSpan(row, c.x - xStart, end - xStart, 1 / SUBSAMPLES);
          winding = 0;
          i = j;
        }
      }
    }
    for (let x = 0; x < row.length; x++) {
      const v = row[x] ?? 0;
      if (v > 0) {
        const i = py * canvas.width + xStart + x;
        canvas.coverage[i] = Math.min(255, (canvas.coverage[i] ?? 0) + Math.round(Math.min(1, v) * 255));
      }
    }
  }
}

/** Add `weight` × (covered fraction) to each dot the span [a, b) touches. */
function addSpan(row: Float32Array, a: number, b: number, weight: number): void {
  if (b <= a) return;
  const first = Math.max(0, Math.floor(a));
  const last = Math.min(row.length - 1, Math.floor(b));
  for (let x = first; x <= last; x++) {
    const covered = Math.min(b, x + 1) - Math.max(a, x);
    if (covered > 0) row[x] = (row[x] ?? 0) + covered * weight;
  }
}

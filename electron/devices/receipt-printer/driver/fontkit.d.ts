/**
 * The slice of fontkit (https://github.com/foliojs/fontkit, installed as a
 * dependency of pdfkit) the receipt rasteriser uses. fontkit ships no types and
 * @types/fontkit is not installed, so these are written from its source
 * (src/TTFFont.js, src/layout/GlyphRun.js, src/glyph/Path.js).
 */
declare module 'fontkit' {
  export interface PathCommand {
    readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    readonly args: readonly number[];
  }
  export interface Path {
    readonly commands: readonly PathCommand[];
  }
  export interface Glyph {
    readonly id: number;
    readonly name: string;
    readonly path: Path;
    readonly advanceWidth: number;
    readonly codePoints: readonly number[];
  }
  export interface GlyphPosition {
    readonly xAdvance: number;
    readonly yAdvance: number;
    readonly xOffset: number;
    readonly yOffset: number;
  }
  /** Glyphs in visual (left-to-right) order: fontkit reverses right-to-left runs itself. */
  export interface GlyphRun {
    readonly glyphs: readonly Glyph[];
    readonly positions: readonly GlyphPosition[];
    readonly advanceWidth: number;
    readonly direction: 'ltr' | 'rtl';
  }
  export interface Font {
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly lineGap: number;
    layout(text: string, features?: readonly string[] | Record<string, boolean>, script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

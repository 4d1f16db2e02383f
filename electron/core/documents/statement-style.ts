/**
 * Page geometry, colours and type sizes of the ID data statement, in PDF
 * points (1/72 inch). One place, so the drawing modules agree.
 */
import type { TextStyle } from './pdf-text.ts';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 40;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

export const COLOR = {
  navy: '#163b5c',
  navyText: '#d5e0eb',
  gold: '#b08d3c',
  text: '#1b1f24',
  muted: '#56606b',
  border: '#b7c2cd',
  sectionFill: '#e4ebf2',
  stripe: '#f5f7fa',
  white: '#ffffff',
} as const;

export const HEADER_HEIGHT = 88;
/** Top of the footer rule; nothing else may reach below it. */
export const FOOTER_TOP = A4.height - 46;

/** Table columns: English label | value | Arabic label. */
export const LABEL_WIDTH = 132;
export const VALUE_WIDTH = CONTENT_WIDTH - 2 * LABEL_WIDTH;
export const CELL_PAD = 8;
export const SECTION_HEADER_HEIGHT = 20;

/**
 * Type sizes and spacing of the data tables. The regular set fits every
 * ordinary card; the compact one is used only when long names or a long
 * kiosk location would push the page past its footer.
 */
export interface TableMetrics {
  readonly enLabel: TextStyle;
  readonly arLabel: TextStyle;
  readonly value: TextStyle;
  readonly lineHeight: number;
  readonly minRowHeight: number;
  readonly sectionGap: number;
}

export const REGULAR_TABLE: TableMetrics = {
  enLabel: { size: 9.5, color: COLOR.muted },
  arLabel: { size: 10.5, color: COLOR.muted },
  value: { size: 10.5, weight: 'bold', color: COLOR.text },
  lineHeight: 15,
  minRowHeight: 23,
  sectionGap: 12,
};

export const COMPACT_TABLE: TableMetrics = {
  enLabel: { size: 8.5, color: COLOR.muted },
  arLabel: { size: 9.5, color: COLOR.muted },
  value: { size: 9, weight: 'bold', color: COLOR.text },
  lineHeight: 12.5,
  minRowHeight: 19,
  sectionGap: 7,
};

export const SECTION_TITLE = {
  en: { size: 10, weight: 'bold', color: COLOR.navy },
  ar: { size: 11, weight: 'bold', color: COLOR.navy },
} satisfies Record<string, TextStyle>;

export const NOTE = {
  en: { size: 8, color: COLOR.text },
  enStrong: { size: 8, weight: 'bold', color: COLOR.navy },
  ar: { size: 9, color: COLOR.text },
  arStrong: { size: 9, weight: 'bold', color: COLOR.navy },
  enLineHeight: 11,
  arLineHeight: 13,
} as const;

export const QR_SIDE = 96;

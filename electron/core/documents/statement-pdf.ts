/**
 * The A4 "ID data statement": what the citizen's ID card chip holds, printed
 * in Arabic and English with a verification QR code.
 *
 * Layout (A4 portrait): a navy header band with the authority's name (English
 * left, Arabic right, a seal between; statement-frame.ts), the bilingual title,
 * three tables of English label | value | Arabic label (statement-table.ts), a
 * verification block above the footer: English text | QR | Arabic text, link
 * under it (statement-verification.ts). Arabic is shaped by fontkit and
 * reordered per line by bidi-runs.ts (pdf-text.ts draws it).
 *
 * Deterministic: the same input gives the same bytes. The issue time comes
 * from the caller's clock (never Date.now() here), and pdfkit derives the
 * file ID from the document info, which holds only that time and fixed text.
 * No personal data goes into the document info, the log or an error message.
 */
import PDFDocument from 'pdfkit';
import type { Logger } from '../log/logger.ts';
import { registerDocumentFonts } from './pdf-fonts.ts';
import { qrSymbol } from './qr-vector.ts';
import { AUTHORITY, statementContent } from './statement-content.ts';
import { drawFooter, drawHeader, drawTitle } from './statement-frame.ts';
import { checkStatementInput, type CheckedStatementInput, type StatementInput } from './statement-input.ts';
import { COMPACT_TABLE, FOOTER_TOP, REGULAR_TABLE } from './statement-style.ts';
import { drawSections, sectionsHeight } from './statement-table.ts';
import { drawVerification, verificationHeight, type QrBox } from './statement-verification.ts';

export { A4 } from './statement-style.ts';

export interface StatementLayout {
  /** Where the QR symbol (without its quiet zone) sits, in points from the top-left of page 1. */
  readonly qr: QrBox;
  /** Which table type set was needed to fit the page. */
  readonly tables: 'regular' | 'compact';
}

export interface RenderedStatement {
  readonly pdf: Uint8Array;
  readonly layout: StatementLayout;
}

export class StatementLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementLayoutError';
  }
}

/** Space between the last table and the verification block. */
const GAP = 16;

function drawStatement(doc: PDFKit.PDFDocument, input: CheckedStatementInput): StatementLayout {
  const content = statementContent(input);
  const symbol = qrSymbol(input.verificationUrl);
  drawHeader(doc, content);
  const tablesTop = drawTitle(doc, content.title);
  const room = FOOTER_TOP - 8 - verificationHeight(doc, content, symbol) - GAP - tablesTop;
  // Measure first: pdfkit cannot take back what it has drawn.
  const tables = sectionsHeight(doc, content.sections, REGULAR_TABLE) <= room ? 'regular' : 'compact';
  if (tables === 'compact' && sectionsHeight(doc, content.sections, COMPACT_TABLE) > room) {
    // Only card data at the very limits of the schema can get here; a clipped
    // official document is worse than a clear refusal.
    throw new StatementLayoutError('ID data statement does not fit on one A4 page');
  }
  const tablesBottom = drawSections(doc, content.sections, tablesTop, tables === 'regular' ? REGULAR_TABLE : COMPACT_TABLE);
  // The block follows the tables (a document reads top to bottom); the free space stays above the footer.
  const qr = drawVerification(doc, content, symbol, tablesBottom + GAP);
  drawFooter(doc, content, input.reference);
  return { qr, tables };
}

/** Renders the statement and reports where the QR code was drawn (tests read the QR back from pixels). */
export async function renderIdDataStatementWithLayout(input: StatementInput, deps: { logger?: Logger } = {}): Promise<RenderedStatement> {
  let checked: CheckedStatementInput;
  try {
    checked = checkStatementInput(input);
  } catch (error) {
    deps.logger?.warn({ event: 'document.refused', document: 'id-data-statement', error: (error as Error).message }, 'ID data statement input refused');
    throw error;
  }
  const issued = new Date(checked.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    lang: 'ar-BH',
    displayTitle: true,
    info: {
      // Only fixed text, the reference and the injected time: the file ID is a hash of these.
      Title: `ID Data Statement ${checked.reference}`,
      Author: AUTHORITY.en,
      Subject: 'ID data statement / شهادة بيانات الهوية',
      Creator: 'Khidma Kiosk',
      Producer: 'Khidma Kiosk (pdfkit)',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  registerDocumentFonts(doc);
  let layout: StatementLayout;
  try {
    layout = drawStatement(doc, checked);
  } catch (error) {
    deps.logger?.error({ event: 'document.failed', document: 'id-data-statement', reference: checked.reference, error: (error as Error).message }, 'ID data statement could not be laid out');
    doc.end();
    await finished.catch(() => undefined);
    throw error;
  }
  doc.end();
  await finished;
  const pdf = new Uint8Array(Buffer.concat(chunks));
  deps.logger?.info({ event: 'document.rendered', document: 'id-data-statement', reference: checked.reference, kioskId: checked.kiosk.id, bytes: pdf.byteLength }, 'ID data statement rendered');
  return { pdf, layout };
}

/** The A4 ID data statement as PDF bytes. */
export async function renderIdDataStatement(input: StatementInput, deps: { logger?: Logger } = {}): Promise<Uint8Array> {
  return (await renderIdDataStatementWithLayout(input, deps)).pdf;
}

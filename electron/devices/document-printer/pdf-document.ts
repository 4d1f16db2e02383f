/**
 * Just enough PDF knowledge to refuse what is not a PDF before it reaches a
 * print queue (a wrong buffer would print pages of garbage on the citizen's
 * receipt paper) and to count pages for the counters. Not a PDF parser:
 * pdfkit writes one `/Type /Page` object per page, and that is what we count.
 */

export const DEFAULT_MAX_PDF_BYTES = 20 * 1024 * 1024;

export type PdfCheck = { readonly ok: true; readonly pages: number } | { readonly ok: false; readonly reason: string };

export function checkPdf(bytes: Uint8Array, maxBytes = DEFAULT_MAX_PDF_BYTES): PdfCheck {
  if (bytes.length > maxBytes) return { ok: false, reason: `document is ${bytes.length} bytes, the limit is ${maxBytes}` };
  // One char per byte: the PDF syntax we look for is ASCII, binary streams just pass through.
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.startsWith('%PDF-')) return { ok: false, reason: 'not a PDF (no %PDF- header)' };
  if (!text.slice(-1024).includes('%%EOF')) return { ok: false, reason: 'truncated PDF (no %%EOF)' };
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  if (pages === 0) return { ok: false, reason: 'PDF without pages' };
  return { ok: true, pages };
}

/**
 * Text in ZVT messages (print lines, additional text, card names).
 *
 * PA00P015 calls the default character set "7-bit ASCII with umlauts"; terminals
 * and ECR libraries in the field send the umlauts as code page 437 bytes (ä = 84,
 * ö = 94, ü = 81, ß = E1): ecrterm's test_text_encoding_default decodes
 * 06 D1 0D 00 "Test " 84 " " 94 " " 81 " " E1 as "Test ä ö ü ß", and Portalum.Zvt
 * uses Encoding 437. So: bytes below 80 are ASCII, the rest CP437. A terminal can be
 * switched to UTF-8 through TLV tag 27 at registration; decodeZvtText takes that flag.
 */

// CP437 0x80-0xFF.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export function decodeZvtText(bytes: Uint8Array, charset: 'cp437' | 'utf8' = 'cp437'): string {
  if (charset === 'utf8') return new TextDecoder('utf-8').decode(bytes);
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] ?? '\ufffd');
  return out;
}

/** Encode for a CP437 terminal; characters it cannot show become '?'. */
export function encodeZvtText(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code < 0x80) out.push(code);
    else {
      const index = CP437_HIGH.indexOf(ch);
      out.push(index >= 0 ? 0x80 + index : 0x3f);
    }
  }
  return Uint8Array.from(out);
}

export const CP437_HIGH_HALF_LENGTH = CP437_HIGH.length;

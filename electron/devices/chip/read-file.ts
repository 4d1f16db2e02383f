/**
 * Read a whole transparent EF with READ BINARY in 256-byte steps, over an injected
 * exchange function (so it works with the Sankyo reader, a PC/SC reader or a
 * simulated card alike).
 *
 * Stops when the card returns fewer bytes than asked, answers 6282 ("end of file
 * reached before reading Ne bytes", data included) or 6B00 ("offset outside the
 * EF", ISO/IEC 7816-4 11.3.3), or `maxSize` is reached. Any other status word
 * ends the read with an error naming it. The loop is bounded by maxSize / 256.
 */
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { readBinary } from './commands.ts';
import { describeStatusWord } from './status-words.ts';
import { concatBytes } from '../shared/bytes.ts';
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export type ApduExchange = (command: CommandApdu) => Promise<DecodeResult<ResponseApdu>>;

export async function readTransparentFile(exchange: ApduExchange, maxSize: number): Promise<DecodeResult<Uint8Array>> {
  if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > 0x8000) throw new RangeError('maxSize must be 1..32768');
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < maxSize) {
    const want = Math.min(256, maxSize - offset);
    const result = await exchange(readBinary(offset, want));
    if (!result.ok) return result;
    const { data, sw1, sw2 } = result.value;
    const sw = (sw1 << 8) | sw2;
    if (sw === 0x6b00 && offset > 0) break;
    if (sw !== 0x9000 && sw !== 0x6282) return fail(`READ BINARY at ${offset}: ${describeStatusWord(sw1, sw2)}`);
    if (data.length > want) return fail(`READ BINARY at ${offset}: card returned ${data.length} bytes for ${want}`);
    chunks.push(data);
    offset += data.length;
    if (sw === 0x6282 || data.length < want) break;
  }
  return ok(concatBytes(...chunks));
}

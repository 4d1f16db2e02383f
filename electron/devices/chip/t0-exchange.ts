/**
 * T=0 response handling over an injected transmit function (no I/O of its own).
 *
 * Follows ISO/IEC 7816-3:2006 12.2.2 / ISO/IEC 7816-4 annex A ("Transportation
 * of APDU messages by T=0"):
 *  - SW1 '6C' XX: the card refused Le; re-issue the same command with Le = XX
 *    (case 2S.3, "Le not accepted, La indicated");
 *  - SW1 '61' XX: XX more bytes are waiting; fetch them with GET RESPONSE
 *    (CLA 'C0' 00 00 Le=XX) and repeat while the card keeps answering '61'
 *    (case 4S.2/4S.3 and chained responses). Data from every step is concatenated.
 *
 * Loops are bounded (maxSteps) so a misbehaving card cannot keep us here forever.
 * GET RESPONSE uses the command's logical channel with secure-messaging and
 * chaining bits cleared (ISO 7816-4 5.4.1 class byte coding); a proprietary CLA
 * (b8 = 1) falls back to the interindustry '0X'.
 */
import { type CommandApdu, decodeResponseApdu, encodeCommandApdu, type ResponseApdu } from './apdu.ts';
import { concatBytes } from '../shared/bytes.ts';
import { type DecodeResult, fail, ok } from '../shared/result.ts';

/** Send a command APDU's bytes to the card, resolve with the raw response bytes (data + SW1 SW2). */
export type ApduTransmit = (commandApdu: Uint8Array) => Promise<Uint8Array>;

export interface T0ExchangeOptions {
  /** Upper bound on transmit calls for one command (re-issue + GET RESPONSE chain). Default 32. */
  readonly maxSteps?: number;
}

export function getResponseCommand(cla: number, le: number): CommandApdu {
  // First interindustry class 0X (and proprietary 8X): keep the logical channel (b2 b1) only.
  // Further interindustry class 4X-7X: keep 01 and the channel bits (b4..b1), clear SM b6 and chaining b5.
  const getResponseCla = (cla & 0x40) === 0 ? cla & 0x03 : cla & 0x4f;
  return { cla: getResponseCla, ins: 0xc0, p1: 0x00, p2: 0x00, data: new Uint8Array(), le };
}

export async function exchangeApdu(
  transmit: ApduTransmit,
  command: CommandApdu,
  options: T0ExchangeOptions = {},
): Promise<DecodeResult<ResponseApdu>> {
  const maxSteps = options.maxSteps ?? 32;
  const collected: Uint8Array[] = [];
  let current = command;
  let reissued = false;
  for (let step = 0; step < maxSteps; step++) {
    const raw = await transmit(encodeCommandApdu(current));
    const decoded = decodeResponseApdu(raw);
    if (!decoded.ok) return decoded;
    const { sw1, sw2, data } = decoded.value;
    if (sw1 === 0x6c && !reissued) {
      // Re-issue once with the length the card asked for; a second 6C is passed up.
      current = { ...current, le: sw2 === 0 ? 256 : sw2 };
      reissued = true;
      continue;
    }
    collected.push(data);
    if (sw1 === 0x61) {
      current = getResponseCommand(command.cla, sw2 === 0 ? 256 : sw2);
      reissued = false;
      continue;
    }
    return ok({ data: concatBytes(...collected), sw1, sw2 });
  }
  return fail(`card kept asking for more after ${maxSteps} exchanges`);
}

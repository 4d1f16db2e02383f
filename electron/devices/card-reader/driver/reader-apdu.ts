/**
 * APDUs through the Sankyo reader: one C-APDU in a "C I 3" (T=0) command, the
 * R-APDU back in the reply, long replies fetched with "C I 7" (next block), and
 * the ISO 7816-3 T=0 procedure (61xx GET RESPONSE, 6Cxx re-issue) done by the chip
 * codec's exchangeApdu over that.
 *
 * The reader's failures (card pulled, link lost, chip silent) are not status words,
 * so they travel out of exchangeApdu's transmit callback as a ReaderFailure and come
 * back here as the command's outcome.
 */
import { type CommandApdu, type ResponseApdu } from '../../chip/apdu.ts';
import { exchangeApdu } from '../../chip/t0-exchange.ts';
import { concatBytes } from '../../shared/bytes.ts';
import { type CardReaderCommand, type CardReaderReply, interpretApduReply } from '../codec.ts';
import type { DriverFailure } from './outcomes.ts';

export type PositiveReply = Extract<CardReaderReply, { kind: 'positive' }>;
export type Step = { readonly ok: true; readonly reply: PositiveReply } | { readonly ok: false; readonly failure: DriverFailure };
export type Transact = (command: CardReaderCommand) => Promise<Step>;

/** More than this many "next block" replies for one APDU means the reader is confused. */
const MAX_BLOCKS = 8;

class ReaderFailure extends Error {
  readonly failure: DriverFailure;
  constructor(failure: DriverFailure) {
    super(failure.description ?? failure.completionCode);
    this.failure = failure;
  }
}

const chipError = (description: string): DriverFailure => ({ completionCode: 'commandErrorCode', errorCode: 'chipCommunicationError', description });

/** One raw C-APDU → R-APDU (data + SW1 SW2), no T=0 procedure handling. */
export async function transmitRaw(transact: Transact, apdu: Uint8Array): Promise<{ ok: true; response: Uint8Array } | { ok: false; failure: DriverFailure }> {
  let step = await transact({ kind: 'chipApdu', protocol: 'T0', apdu });
  const parts: Uint8Array[] = [];
  for (let blocks = 0; ; blocks++) {
    if (!step.ok) return step;
    const part = interpretApduReply(step.reply);
    if (!part.ok) return { ok: false, failure: chipError(part.error) };
    switch (part.value.kind) {
      case 'complete':
        return { ok: true, response: concatBytes(...parts, part.value.responseApdu) };
      case 'cardAborted':
        return { ok: false, failure: chipError('the card aborted the exchange') };
      case 'partial':
        if (blocks >= MAX_BLOCKS) return { ok: false, failure: chipError('reply longer than the reader may send') };
        parts.push(part.value.chunk);
        step = await transact({ kind: 'chipNextBlock' });
    }
  }
}

/** A command APDU with T=0 GET RESPONSE / re-issue handled; the response's SW is the card's business. */
export async function exchangeThroughReader(transact: Transact, command: CommandApdu): Promise<{ ok: true; response: ResponseApdu } | { ok: false; failure: DriverFailure }> {
  try {
    const result = await exchangeApdu(async (bytes) => {
      const raw = await transmitRaw(transact, bytes);
      if (!raw.ok) throw new ReaderFailure(raw.failure);
      return raw.response;
    }, command);
    return result.ok ? { ok: true, response: result.value } : { ok: false, failure: chipError(result.error) };
  } catch (error) {
    if (error instanceof ReaderFailure) return { ok: false, failure: error.failure };
    throw error;
  }
}

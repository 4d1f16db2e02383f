/**
 * One ECR command conversation (PA00P015 chapter 1.3 "master-slave"): the ECR
 * sends a command; the PT answers 80 00 00 (or refuses with 84 xx 00) within T3
 * and becomes master; it then sends intermediate status, print lines, status
 * information…, each of which the ECR answers with 80 00 00, until Completion
 * (06 0F) or Abort (06 1E) hands mastership back. T4 restarts with every message.
 *
 * The exchange only sequences and times the conversation; what the messages mean
 * for a payment is the driver's business (onMessage). It never sends the command
 * a second time: the link repeats frames at transport level, and only on NAK for
 * money frames.
 *
 * Cancel (abortSignal): the citizen pressed Cancel. We send Abort (06 B0) once and
 * keep listening — the PT decides: 06 1E (aborted) or, if the host already said
 * yes, an approval. Stop (stopSignal): the command is over for runCommand (its
 * backstop fired); we stop listening at once.
 */
import type { DeviceClock } from '../../../contract/clock.ts';
import { decodeApdu, encodeApdu, type ZvtApdu } from '../apdu.ts';
import { decodeMessage, encodeMessage, type ZvtMessage } from '../messages.ts';
import type { ZvtLink } from './zvt-link.ts';
import type { ZvtTiming } from './zvt-timing.ts';

export type FinalMessage = Extract<ZvtMessage, { type: 'completion' | 'statusEnquiryCompletion' }>;

export type ExchangeEnd =
  | { readonly kind: 'completed'; readonly message: FinalMessage }
  | { readonly kind: 'aborted'; readonly resultCode: number }
  /** 84 xx to our command: refused before anything happened. */
  | { readonly kind: 'rejected'; readonly errorCode: number }
  /** The link was down before the command went out. */
  | { readonly kind: 'notSent' }
  /** NAK on every transmission: the PT did not take the command. */
  | { readonly kind: 'refused' }
  /** Sent, but no transport ACK or no 80 00 00 within T3: the PT may or may not act on it. */
  | { readonly kind: 'noAcknowledge' }
  /** T4 passed without a message while the PT was master. */
  | { readonly kind: 'silence' }
  | { readonly kind: 'linkLost' }
  | { readonly kind: 'stopped' };

export interface ExchangeOptions {
  readonly link: ZvtLink;
  readonly clock: DeviceClock;
  readonly timing: ZvtTiming;
  readonly command: ZvtApdu;
  /** Money frames are never repeated on silence. */
  readonly money: boolean;
  readonly abortSignal?: AbortSignal;
  readonly stopSignal?: AbortSignal;
  /** Every decoded message from the PT after the command was taken (acks excluded). */
  readonly onMessage: (message: ZvtMessage) => void;
  /** The command reached the PT (transport ACK over serial, written over TCP). */
  readonly onDelivered?: () => void;
  /** 06 B0 went out. */
  readonly onAbortSent?: () => void;
  /** A PT frame we could not decode (answered 84 9A / 84 83). */
  readonly onUndecodable?: (reason: string) => void;
}

export interface Exchange {
  /** Feed an APDU received from the PT while this exchange is active. */
  handle(apdu: Uint8Array): void;
  readonly done: Promise<ExchangeEnd>;
}

const ACK_APDU = encodeApdu(encodeMessage({ type: 'ack', data: new Uint8Array() }));
const ABORT_APDU = encodeApdu(encodeMessage({ type: 'abortCommand', fields: [] }));
const MAX_INBOX = 32;
const nack = (code: number) => encodeApdu(encodeMessage({ type: 'negativeAck', errorCode: code, data: new Uint8Array() }));

export function startExchange(o: ExchangeOptions): Exchange {
  const { link, clock, timing } = o;
  let phase: 'sending' | 'awaitAnswer' | 'master' | 'ended' = 'sending';
  const inbox: Uint8Array[] = [];
  let timer: unknown;
  let abortWanted = false;
  let abortSent = false;
  let resolveDone: (end: ExchangeEnd) => void = () => {};
  const done = new Promise<ExchangeEnd>((resolve) => (resolveDone = resolve));

  // A function, so TypeScript does not narrow `phase` across the await below.
  const ended = () => phase === 'ended';
  const end = (result: ExchangeEnd) => {
    if (phase === 'ended') return;
    phase = 'ended';
    clock.clearTimeout(timer);
    offClose();
    o.abortSignal?.removeEventListener('abort', onAbort);
    o.stopSignal?.removeEventListener('abort', onStop);
    inbox.length = 0;
    resolveDone(result);
  };

  const arm = (ms: number, result: ExchangeEnd) => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => end(result), ms);
  };

  // 06 B0 is only meaningful while the PT is master (PA00P015 2.23): before that we hold it.
  const sendAbort = () => {
    if (abortSent || phase !== 'master') return;
    abortSent = true;
    o.onAbortSent?.();
    void link.send(ABORT_APDU, { repeatOnSilence: true });
  };

  function onAbort(): void {
    abortWanted = true;
    sendAbort();
  }
  function onStop(): void {
    end({ kind: 'stopped' });
  }
  const offClose = link.onClose(() => end({ kind: 'linkLost' }));
  if (o.abortSignal?.aborted) abortWanted = true;
  o.abortSignal?.addEventListener('abort', onAbort, { once: true });
  o.stopSignal?.addEventListener('abort', onStop, { once: true });

  const process = (raw: Uint8Array) => {
    if (phase === 'ended') return;
    const apdu = decodeApdu(raw);
    const decoded = apdu.ok ? decodeMessage(apdu.value) : apdu;
    if (phase === 'awaitAnswer') {
      if (decoded.ok && decoded.value.type === 'ack') {
        becomeMaster();
        return;
      }
      if (decoded.ok && decoded.value.type === 'negativeAck') {
        end({ kind: 'rejected', errorCode: decoded.value.errorCode });
        return;
      }
      // Some PTs skip 80 00 00 and start with their first message: it is the answer too.
      becomeMaster();
    }
    // phase === 'master'
    if (decoded.ok && (decoded.value.type === 'ack' || decoded.value.type === 'negativeAck')) {
      // The PT answering our 06 B0 (or a stray ack): never acknowledged, never ends the exchange.
      return;
    }
    arm(timing.t4SilenceMs, { kind: 'silence' });
    if (!decoded.ok) {
      void link.send(nack(0x9a), { repeatOnSilence: true });
      o.onUndecodable?.(decoded.error);
      return;
    }
    if (decoded.value.type === 'other') {
      // PA00P016: an unknown command is answered "84 83 00, function not possible".
      void link.send(nack(0x83), { repeatOnSilence: true });
      o.onUndecodable?.(`unexpected APDU ${decoded.value.cls.toString(16)} ${decoded.value.instr.toString(16)}`);
      return;
    }
    const message = decoded.value;
    void link.send(ACK_APDU, { repeatOnSilence: true });
    if (message.type === 'intermediateStatus' && message.timeoutMinutes !== undefined && message.timeoutMinutes > 0) {
      arm(Math.min(timing.t4MaxMs, Math.max(timing.t4SilenceMs, message.timeoutMinutes * 60_000)), { kind: 'silence' });
    }
    o.onMessage(message);
    if (message.type === 'completion' || message.type === 'statusEnquiryCompletion') end({ kind: 'completed', message });
    else if (message.type === 'abort') end({ kind: 'aborted', resultCode: message.resultCode });
  };

  function becomeMaster(): void {
    phase = 'master';
    arm(timing.t4SilenceMs, { kind: 'silence' });
    if (abortWanted) sendAbort();
  }

  void (async () => {
    if (o.stopSignal?.aborted) return end({ kind: 'stopped' });
    const sent = await link.send(encodeApdu(o.command), { repeatOnSilence: !o.money });
    if (ended()) return;
    if (!sent.ok) {
      const byReason = { notSent: 'notSent', nak: 'refused', noAck: 'noAcknowledge', closed: 'linkLost' } as const;
      return end({ kind: byReason[sent.reason] });
    }
    o.onDelivered?.();
    phase = 'awaitAnswer';
    arm(timing.t3AnswerMs, { kind: 'noAcknowledge' });
    // Frames that arrived while the send was being acknowledged, in order.
    for (const raw of inbox.splice(0)) process(raw);
  })();

  return {
    handle(apdu) {
      // Bounded: a PT flooding frames before our send is acknowledged cannot grow memory.
      if (phase === 'sending') {
        if (inbox.length < MAX_INBOX) inbox.push(apdu);
      } else {
        process(apdu);
      }
    },
    done,
  };
}

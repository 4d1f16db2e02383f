/**
 * The simulated PT's application: it answers ECR commands the way PA00P015
 * describes (80 00 00, then as master: intermediate status, status information,
 * print lines, completion or abort, each waiting for the ECR's 80 00 00), with
 * think times, a ledger, and the scripted customer behaviour.
 *
 * Choices a real terminal might make differently (documented so tests can rely on them):
 *  - Abort (06 B0) is honoured only before the host is asked; after that the
 *    payment goes ahead (that is what makes a late approval possible);
 *  - a Status-Information the ECR never acknowledges (T3) is auto-reversed, as
 *    terminals do when the ECR may not have recorded the payment;
 *  - a new command while the terminal hangs silently (noAnswer, approvedAnswerLost)
 *    abandons the hung conversation, so the kiosk's status enquiry / repeat
 *    receipt can find an in-doubt payment.
 */
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { decodeApdu } from '../../electron/devices/payment/zvt/apdu.ts';
import { transactionData } from '../../electron/devices/payment/zvt/bmp.ts';
import { decodeMessage, type ZvtMessage } from '../../electron/devices/payment/zvt/messages.ts';
import type { Customer, CustomerQueue } from './customer.ts';
import type { Ledger, LedgerEntry } from './ledger.ts';
import { TEST_CARD } from './ledger.ts';
import { apduOf, completion, printLines, receiptLines, statusInformationFor, totalsInformation } from './terminal-messages.ts';
import type { SimWire } from './sim-wire.ts';

export interface ThinkTimes {
  answerMs: number;
  insertCardMs: number;
  pinMs: number;
  hostMs: number;
  removeCardMs: number;
  /** How long a 'manual' customer may take before the PT gives up. */
  manualTimeoutMs: number;
}

export const DEFAULT_THINK: ThinkTimes = { answerMs: 30, insertCardMs: 1200, pinMs: 1500, hostMs: 900, removeCardMs: 600, manualTimeoutMs: 60_000 };

export interface TerminalLogicOptions {
  readonly wire: SimWire;
  readonly clock: DeviceClock;
  readonly ledger: Ledger;
  readonly customers: CustomerQueue;
  readonly think: () => ThinkTimes;
  readonly currencyCode: number;
  readonly onChange: () => void;
  /** ECR acknowledgement wait (T3). */
  readonly t3Ms?: number;
}

/** Thrown inside a script when power is cut or the conversation is abandoned. */
class Stop extends Error {}

type Phase = 'idle' | 'card' | 'pin' | 'host' | 'reporting' | 'silent' | 'admin';

export class TerminalLogic {
  readonly #o: TerminalLogicOptions;
  #generation = 0;
  #phase: Phase = 'idle';
  #abortRequested = false;
  #ackWaiter: ((acked: boolean) => void) | undefined;
  #decision: ((approve: boolean) => void) | undefined;
  #registered = false;
  #lastCommand = '';
  #lastError: string | undefined;
  /** The conversation's last message (completion/abort) is out; only its acknowledgement is awaited. */
  #closing = false;
  #pending: Uint8Array | undefined;
  /** ECR commands taken, by type: the crash harness and the property tests count authorisations here. */
  readonly commandsReceived: Record<string, number> = {};

  constructor(options: TerminalLogicOptions) {
    this.#o = options;
    options.wire.onApdu((apdu) => this.#onApdu(apdu));
  }

  state(): Record<string, unknown> {
    return { phase: this.#phase, registered: this.#registered, lastCommand: this.#lastCommand, waitingForDecision: this.#decision !== undefined, lastError: this.#lastError ?? null, commandsReceived: { ...this.commandsReceived } };
  }

  /** Power cut: the running conversation dies mid-word. The ledger stays. */
  powerCut(): void {
    this.#generation++;
    this.#pending = undefined;
    this.#closing = false;
    this.#phase = 'idle';
    this.#ackWaiter?.(false);
    this.#ackWaiter = undefined;
    this.#decision = undefined;
    this.#o.wire.reset();
    this.#o.onChange();
  }

  /**
   * The ECR link went away or was replaced (TCP reconnect, unplug): an acknowledgement
   * we are waiting for can no longer come, so stop waiting now, as at T3 (a status
   * information left unacknowledged is auto-reversed, see #report).
   */
  linkChanged(): void {
    const waiter = this.#ackWaiter;
    this.#ackWaiter = undefined;
    waiter?.(false);
  }

  /** The control panel's answer for a 'manual' customer. */
  decide(approve: boolean): boolean {
    const d = this.#decision;
    if (!d) return false;
    this.#decision = undefined;
    d(approve);
    return true;
  }

  #onApdu(raw: Uint8Array, redelivered = false): void {
    const apdu = decodeApdu(raw);
    const decoded = apdu.ok ? decodeMessage(apdu.value) : apdu;
    if (!decoded.ok) {
      void this.#send({ type: 'negativeAck', errorCode: 0x9a, data: new Uint8Array() });
      return;
    }
    const message = decoded.value;
    if (message.type !== 'ack' && message.type !== 'negativeAck' && !redelivered) this.commandsReceived[message.type] = (this.commandsReceived[message.type] ?? 0) + 1;
    if (message.type === 'ack' || message.type === 'negativeAck') {
      const waiter = this.#ackWaiter;
      this.#ackWaiter = undefined;
      waiter?.(message.type === 'ack');
      return;
    }
    if (message.type === 'abortCommand') {
      if (this.#phase === 'idle') {
        void this.#send({ type: 'negativeAck', errorCode: 0x83, data: new Uint8Array() });
      } else {
        this.#abortRequested = true;
        void this.#send({ type: 'ack', data: new Uint8Array() });
        // A 'manual' customer still deciding: stop waiting, the abort check comes next.
        this.decide(false);
      }
      return;
    }
    if (this.#phase !== 'idle' && this.#phase !== 'silent') {
      if (this.#closing && !this.#pending) {
        // The ECR acknowledged our last message and went straight on (over TCP both can
        // arrive in one segment): take the command as soon as this conversation closes.
        this.#pending = raw;
        return;
      }
      // The ECR should not talk while the PT is master.
      void this.#send({ type: 'negativeAck', errorCode: 0x83, data: new Uint8Array() });
      return;
    }
    // Abandon a hung conversation (see file comment).
    this.#generation++;
    this.#lastCommand = message.type;
    void this.#run(message);
  }

  async #run(message: ZvtMessage): Promise<void> {
    const generation = this.#generation;
    this.#abortRequested = false;
    this.#closing = false;
    try {
      switch (message.type) {
        case 'registration':
          this.#registered = true;
          await this.#adminConversation(generation, [completion(0)]);
          break;
        case 'statusEnquiry':
          await this.#adminConversation(generation, [{ type: 'statusEnquiryCompletion', softwareVersion: Uint8Array.from('KHIDMA-SIM 1.0', (c) => c.charCodeAt(0)), terminalStatus: 0x00, fields: [] }]);
          break;
        case 'authorisation':
          await this.#authorise(generation, message);
          break;
        case 'reversal':
          await this.#reverse(generation, message);
          break;
        case 'repeatReceipt':
          await this.#repeatReceipt(generation);
          break;
        case 'endOfDay':
          await this.#endOfDay(generation);
          break;
        default:
          await this.#send({ type: 'negativeAck', errorCode: 0x83, data: new Uint8Array() });
      }
    } catch (error) {
      // A simulator bug must show (state.lastError) but never become an unhandled rejection in the kiosk process.
      if (!(error instanceof Stop)) this.#lastError = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.#generation && this.#phase !== 'silent') this.#phase = 'idle';
      this.#closing = false;
      this.#o.onChange();
      const next = this.#pending;
      this.#pending = undefined;
      if (next && generation === this.#generation) this.#onApdu(next, true);
    }
  }

  // ---- conversation helpers ----

  #check(generation: number): void {
    if (generation !== this.#generation) throw new Stop();
  }

  async #sleep(generation: number, ms: number): Promise<void> {
    await new Promise<void>((resolve) => this.#o.clock.setTimeout(resolve, ms));
    this.#check(generation);
  }

  #send(message: ZvtMessage): Promise<boolean> {
    return this.#o.wire.sendApdu(apduOf(message));
  }

  /** Send as master and wait for the ECR's 80 00 00 (T3). False when it never came. */
  async #tell(generation: number, message: ZvtMessage): Promise<boolean> {
    this.#check(generation);
    if (message.type === 'completion' || message.type === 'statusEnquiryCompletion' || message.type === 'abort') this.#closing = true;
    const acked = new Promise<boolean>((resolve) => {
      const timer = this.#o.clock.setTimeout(() => {
        if (this.#ackWaiter === done) this.#ackWaiter = undefined;
        resolve(false);
      }, this.#o.t3Ms ?? 5000);
      const done = (ok: boolean) => {
        this.#o.clock.clearTimeout(timer);
        resolve(ok);
      };
      this.#ackWaiter = done;
    });
    const delivered = await this.#send(message);
    if (!delivered) {
      this.#ackWaiter?.(false);
      this.#ackWaiter = undefined;
    }
    const ok = await acked;
    this.#check(generation);
    return ok;
  }

  async #accept(generation: number): Promise<void> {
    await this.#sleep(generation, this.#o.think().answerMs);
    await this.#send({ type: 'ack', data: new Uint8Array() });
    this.#check(generation);
  }

  async #adminConversation(generation: number, messages: ZvtMessage[]): Promise<void> {
    this.#phase = 'admin';
    await this.#accept(generation);
    for (const m of messages) if (!(await this.#tell(generation, m))) return;
  }

  // ---- authorisation ----

  async #authorise(generation: number, message: Extract<ZvtMessage, { type: 'authorisation' }>): Promise<void> {
    const data = transactionData(message.fields);
    const customer = this.#o.customers.next();
    const think = this.#o.think();
    if (customer.behaviour === 'busy') {
      await this.#sleep(generation, think.answerMs);
      await this.#send({ type: 'negativeAck', errorCode: 0x9c, data: new Uint8Array() });
      return;
    }
    this.#phase = 'card';
    await this.#accept(generation);
    if (data.amount === undefined || data.amount <= 0) {
      await this.#tell(generation, { type: 'abort', resultCode: 0x9a, fields: [] });
      return;
    }
    if (data.currencyCode !== undefined && data.currencyCode !== this.#o.currencyCode) {
      await this.#tell(generation, { type: 'abort', resultCode: 0x6f, fields: [] });
      return;
    }
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x0a, fields: [] }))) return;
    if (customer.behaviour === 'noAnswer') {
      this.#phase = 'silent';
      return;
    }
    await this.#sleep(generation, think.insertCardMs);
    if (await this.#abortedBeforeHost(generation, customer)) return;
    this.#phase = 'pin';
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x01, fields: [] }))) return;
    const approvedByCustomer = customer.behaviour === 'manual' ? await this.#waitForDecision(generation, think.manualTimeoutMs) : true;
    if (customer.behaviour !== 'manual') await this.#sleep(generation, think.pinMs);
    if (await this.#abortedBeforeHost(generation, customer)) return;
    if (approvedByCustomer === undefined) {
      await this.#tell(generation, { type: 'abort', resultCode: 0x6c, fields: [] });
      return;
    }
    if (customer.behaviour === 'cardRemoved') {
      if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x0c, fields: [] }))) return;
      await this.#tell(generation, { type: 'abort', resultCode: 0x64, fields: [] });
      return;
    }
    this.#phase = 'host';
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x04, fields: [] }))) return;
    await this.#sleep(generation, think.hostMs);
    const declineCode = this.#declineCode(customer, approvedByCustomer);
    const charged = customer.behaviour === 'wrongAmount' ? Math.max(1, data.amount + (customer.deltaFils ?? 100)) : data.amount;
    const entry = this.#o.ledger.record({
      traceNumber: this.#o.ledger.nextTrace(),
      receiptNumber: this.#o.ledger.nextReceipt(),
      amountFils: charged,
      currencyCode: this.#o.currencyCode,
      maskedPan: TEST_CARD.maskedPan,
      authCode: declineCode === 0 ? String(100000 + Math.floor((this.#o.clock.now() / 7) % 900000)).slice(0, 6) : '',
      state: declineCode === 0 ? 'approved' : 'declined',
      resultCode: declineCode,
      at: this.#o.clock.now(),
      ...(customer.behaviour === 'approvedAnswerLost' ? { note: 'answer lost' } : {}),
    });
    this.#o.onChange();
    if (customer.behaviour === 'approvedAnswerLost') {
      this.#phase = 'silent';
      return;
    }
    this.#phase = 'reporting';
    if (declineCode !== 0) {
      if (!(await this.#tell(generation, statusInformationFor(entry)))) return;
      await this.#tell(generation, { type: 'abort', resultCode: declineCode, fields: [] });
      return;
    }
    await this.#report(generation, entry, 'PURCHASE');
    if (customer.behaviour === 'duplicateCompletion') {
      await this.#tell(generation, statusInformationFor(entry));
      await this.#tell(generation, completion(0));
    }
  }

  #declineCode(customer: Customer, approvedByCustomer: boolean): number {
    if (customer.behaviour === 'decline') return customer.resultCode ?? 0x05;
    if (customer.behaviour === 'insufficientFunds') return 0x71;
    if (customer.behaviour === 'manual' && !approvedByCustomer) return customer.resultCode ?? 0x05;
    return 0;
  }

  /** Status information, receipt, "remove card", completion. Auto-reverses if the ECR never acknowledges the status. */
  async #report(generation: number, entry: LedgerEntry, title: string, originalTrace?: number): Promise<void> {
    if (!(await this.#tell(generation, statusInformationFor(entry, originalTrace)))) {
      this.#autoReverse(entry);
      return;
    }
    for (const line of printLines(receiptLines(title, entry))) if (!(await this.#tell(generation, line))) return;
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x0b, fields: [] }))) return;
    await this.#sleep(generation, this.#o.think().removeCardMs);
    await this.#tell(generation, completion(0));
  }

  #autoReverse(entry: LedgerEntry): void {
    if (entry.state !== 'approved' || entry.reversalOf !== undefined) return;
    entry.state = 'reversed';
    entry.note = 'auto-reversed: the ECR did not acknowledge the status information';
    this.#o.ledger.record({
      traceNumber: this.#o.ledger.nextTrace(),
      receiptNumber: this.#o.ledger.nextReceipt(),
      amountFils: entry.amountFils,
      currencyCode: entry.currencyCode,
      maskedPan: entry.maskedPan,
      authCode: '',
      state: 'reversed',
      resultCode: 0,
      at: this.#o.clock.now(),
      reversalOf: entry.receiptNumber,
      note: 'auto-reversal',
    });
    this.#o.onChange();
  }

  async #abortedBeforeHost(generation: number, customer: Customer): Promise<boolean> {
    if (!this.#abortRequested || customer.behaviour === 'approveDespiteAbort') return false;
    await this.#tell(generation, { type: 'abort', resultCode: 0x6c, fields: [] });
    return true;
  }

  /** true = approve, false = decline, undefined = the customer walked away. */
  async #waitForDecision(generation: number, timeoutMs: number): Promise<boolean | undefined> {
    this.#o.onChange();
    const decision = await new Promise<boolean | undefined>((resolve) => {
      const timer = this.#o.clock.setTimeout(() => {
        this.#decision = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.#decision = (approve) => {
        this.#o.clock.clearTimeout(timer);
        resolve(approve);
      };
    });
    this.#check(generation);
    return decision;
  }

  // ---- reversal, repeat receipt, end of day ----

  async #reverse(generation: number, message: Extract<ZvtMessage, { type: 'reversal' }>): Promise<void> {
    this.#phase = 'admin';
    await this.#accept(generation);
    const receipt = transactionData(message.fields).receiptNumber;
    const original = receipt === undefined ? undefined : this.#o.ledger.findByReceipt(receipt);
    if (!original) {
      await this.#tell(generation, { type: 'abort', resultCode: 0xb5, fields: [] });
      return;
    }
    if (original.state === 'reversed') {
      await this.#tell(generation, { type: 'abort', resultCode: 0xb4, fields: [] });
      return;
    }
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x04, fields: [] }))) return;
    await this.#sleep(generation, this.#o.think().hostMs);
    original.state = 'reversed';
    const reversalEntry = this.#o.ledger.record({
      traceNumber: this.#o.ledger.nextTrace(),
      receiptNumber: this.#o.ledger.nextReceipt(),
      amountFils: original.amountFils,
      currencyCode: original.currencyCode,
      maskedPan: original.maskedPan,
      authCode: '',
      state: 'reversed',
      resultCode: 0,
      at: this.#o.clock.now(),
      reversalOf: original.receiptNumber,
    });
    this.#o.onChange();
    if (!(await this.#tell(generation, statusInformationFor(reversalEntry, original.traceNumber)))) return;
    for (const line of printLines(receiptLines('REVERSAL', reversalEntry))) if (!(await this.#tell(generation, line))) return;
    await this.#tell(generation, completion(0));
  }

  async #repeatReceipt(generation: number): Promise<void> {
    this.#phase = 'admin';
    await this.#accept(generation);
    const last = this.#o.ledger.last();
    if (!last) {
      await this.#tell(generation, { type: 'abort', resultCode: 0x83, fields: [] });
      return;
    }
    const original = last.reversalOf === undefined ? undefined : this.#o.ledger.findByReceipt(last.reversalOf);
    for (const line of printLines(['*** COPY ***', ...receiptLines(last.reversalOf === undefined ? 'PURCHASE' : 'REVERSAL', last)])) if (!(await this.#tell(generation, line))) return;
    if (!(await this.#tell(generation, statusInformationFor(last, original?.traceNumber)))) return;
    await this.#tell(generation, completion(0));
  }

  async #endOfDay(generation: number): Promise<void> {
    this.#phase = 'admin';
    await this.#accept(generation);
    if (!(await this.#tell(generation, { type: 'intermediateStatus', status: 0x04, fields: [] }))) return;
    await this.#sleep(generation, this.#o.think().hostMs);
    const totals = this.#o.ledger.closeBatch();
    this.#o.onChange();
    if (!(await this.#tell(generation, totalsInformation(totals.amountFils, this.#o.clock.now())))) return;
    const lines = ['KHIDMA TEST TERMINAL', 'END OF DAY', `BATCH ${totals.batch}`, `COUNT ${totals.count}`, `TOTAL BHD ${Math.floor(totals.amountFils / 1000)}.${String(totals.amountFils % 1000).padStart(3, '0')}`];
    for (const line of printLines(lines)) if (!(await this.#tell(generation, line))) return;
    await this.#tell(generation, completion(0));
  }
}

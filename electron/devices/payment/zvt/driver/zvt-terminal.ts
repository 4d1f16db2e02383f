/**
 * The ZVT payment terminal driver: the device contract (runCommand, status,
 * capabilities, counters, self-test, events) on top of the ZVT link and the
 * codec. One command at a time, in arrival order.
 *
 * Money safety (see docs/devices-payment-printer.md for the whole story):
 *  - the driver NEVER sends an authorisation it was not asked for: no retry after
 *    a timeout, a lost link or a strange answer; transport repeats happen only on
 *    NAK (the PT proved it did not take the frame);
 *  - Cancel during a payment sends Abort (06 B0) and waits for the PT's word: the
 *    completion says `canceled` only when the PT confirmed the abort;
 *  - a payment whose completion never arrives ends `timeOut` / `inDoubt`, carrying
 *    every trace and receipt number seen; late and duplicate messages become
 *    anomalies (onAnomaly), not silent log lines.
 *
 * Currency: amounts are integer fils. ZVT's amount field (BMP 04) is "in the
 * smallest unit of the currency" with no decimal point, so 1.000 BHD is sent as
 * 000000001000. The terminal is configured for BHD (ISO 4217 048, exponent 3); we
 * announce 048 at registration and in every authorisation (BMP 49), so a terminal
 * set up for another currency refuses (result 6F/C6 → wrongCurrency) instead of
 * charging 1000 of its own units; and a reported currency other than ours is
 * `currencyMismatch`.
 */
import type { DeviceClock } from '../../../contract/clock.ts';
import type { Completion } from '../../../contract/completion.ts';
import type { UnsolicitedEvent } from '../../../contract/events.ts';
import { createRequestIdFactory, runCommand, type CommandContext } from '../../../contract/run-command.ts';
import type { DeviceCounters, DeviceState, DeviceStatus, SelfTestResult } from '../../../contract/status.ts';
import type { ByteTransport } from '../../../transport/byte-transport.ts';
import { decodeApdu, encodeApdu, type ZvtApdu } from '../apdu.ts';
import { transactionData } from '../bmp.ts';
import { authorisation, decodeMessage, encodeMessage, KIOSK_CONFIG_BYTE, reversal, type ZvtMessage } from '../messages.ts';
import { evaluateAdmin, type AdminPayload } from './admin-evaluation.ts';
import { classifyLateMessage, type LastMoneyCommand, type PaymentAnomaly } from './late-messages.ts';
import { promptForIntermediateStatus, type PaymentPrompt } from './payment-prompts.ts';
import { evaluateMoney, inDoubt, type MoneyConversation, type MoneyPayload } from './payment-evaluation.ts';
import { printText, recordFromFields, sameTransaction, textBlockLines, type TransactionRecord } from './transaction-record.ts';
import type { ZvtErrorCode } from './zvt-errors.ts';
import { type ExchangeEnd, startExchange } from './zvt-exchange.ts';
import { createSerialZvtLink, createTcpZvtLink, type ZvtLink } from './zvt-link.ts';
import { type ZvtTiming, zvtTiming } from './zvt-timing.ts';

export interface ZvtTerminalOptions {
  readonly transport: ByteTransport;
  /** 'serial' adds DLE framing, CRC and ACK/NAK; 'tcp' sends bare APDUs. */
  readonly linkKind: 'serial' | 'tcp';
  readonly clock: DeviceClock;
  /** ZVT password, 6 digits (PA00P015 1.2). Fictional default for the simulator. */
  readonly password?: string;
  /** ISO 4217 numeric; 48 = BHD. */
  readonly currencyCode?: number;
  readonly configByte?: number;
  readonly timing?: Partial<ZvtTiming>;
  readonly model?: string;
}

/** Intermediate events of a running command. */
export type PaymentEvent = { readonly kind: 'prompt'; readonly prompt: PaymentPrompt; readonly statusCode: number } | { readonly kind: 'abortSent' };

export interface AuthoriseRequest {
  readonly amountFils: number;
  /** The citizen's Cancel: the driver sends 06 B0 and waits for the PT's answer. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: { requestId: string; event: PaymentEvent }) => void;
  readonly requestId?: string;
}

export interface ReverseRequest {
  readonly receiptNumber: number;
  /** When given, the reversal must report this amount (else amountMismatch). */
  readonly amountFils?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: { requestId: string; event: PaymentEvent }) => void;
  readonly requestId?: string;
}

export interface AdminRequest {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: { requestId: string; event: PaymentEvent }) => void;
  readonly requestId?: string;
}

export type PaymentCompletion = Completion<MoneyPayload, ZvtErrorCode>;
export type AdminCompletion = Completion<AdminPayload, ZvtErrorCode>;

const MAX_AMOUNT = 999_999_999_999;

type CountName =
  | 'commands'
  | 'authorisations'
  | 'approved'
  | 'declined'
  | 'canceled'
  | 'inDoubt'
  | 'reversals'
  | 'endOfDays'
  | 'anomalies'
  | 'undecodableFrames'
  | 'duplicateFrames'
  | 'unsolicitedMessages';

/** The money conversation while it runs: filled in by the messages as they arrive. */
interface OpenConversation extends MoneyConversation {
  transactions: TransactionRecord[];
  terminalReceipt: string[];
  reachedTerminal: boolean;
  abortRequested: boolean;
  completionResultCode?: number;
  /** 06 0F arrived (so a second one is a duplicate). */
  completed: boolean;
}
const MAX_ANOMALIES = 32;

export class ZvtTerminal {
  readonly #link: ZvtLink;
  readonly #clock: DeviceClock;
  readonly #timing: ZvtTiming;
  readonly #password: string;
  readonly #currencyCode: number;
  readonly #configByte: number;
  readonly #model: string;
  readonly #nextId = createRequestIdFactory('payment');
  readonly #since: number;
  #chain: Promise<unknown> = Promise.resolve();
  #active: ((apdu: Uint8Array) => void) | undefined;
  #busy = false;
  #device: DeviceState;
  #detail: string[] = [];
  #lastMoney: LastMoneyCommand | undefined;
  readonly #anomalies: PaymentAnomaly[] = [];
  readonly #eventListeners = new Set<(event: UnsolicitedEvent) => void>();
  readonly #anomalyListeners = new Set<(anomaly: PaymentAnomaly) => void>();
  readonly #offLink: Array<() => void>;
  readonly #counts: Record<CountName, number> = {
    commands: 0,
    authorisations: 0,
    approved: 0,
    declined: 0,
    canceled: 0,
    inDoubt: 0,
    reversals: 0,
    endOfDays: 0,
    anomalies: 0,
    undecodableFrames: 0,
    duplicateFrames: 0,
    unsolicitedMessages: 0,
  };

  constructor(options: ZvtTerminalOptions) {
    this.#clock = options.clock;
    this.#timing = zvtTiming(options.timing);
    this.#password = options.password ?? '000000';
    this.#currencyCode = options.currencyCode ?? 48;
    this.#configByte = options.configByte ?? KIOSK_CONFIG_BYTE;
    this.#model = options.model ?? 'ZVT terminal';
    this.#since = this.#clock.now();
    this.#link = options.linkKind === 'serial' ? createSerialZvtLink(options.transport, this.#clock, this.#timing) : createTcpZvtLink(options.transport);
    this.#device = this.#link.isOpen ? 'online' : 'noDevice';
    this.#offLink = [
      this.#link.onApdu((apdu) => (this.#active ? this.#active(apdu) : this.#idle(apdu))),
      this.#link.onClose((reason) => {
        this.#detail = [`link closed: ${reason}`.slice(0, 120)];
        this.#setDevice('noDevice');
      }),
    ];
  }

  // ---- contract surface ----

  capabilities() {
    return { deviceClass: 'payment' as const, model: this.#model, protocol: 'zvt' as const, currencyCode: this.#currencyCode, reversal: true, endOfDay: true };
  }

  status(): DeviceStatus {
    const device: DeviceState = this.#busy && this.#device === 'online' ? 'deviceBusy' : this.#device;
    return { device, ...(this.#detail.length > 0 ? { detail: [...this.#detail] } : {}) };
  }

  counters(): DeviceCounters {
    return { deviceClass: 'payment', since: this.#since, counters: { ...this.#counts, ...this.#link.counters } };
  }

  onEvent(listener: (event: UnsolicitedEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onAnomaly(listener: (anomaly: PaymentAnomaly) => void): () => void {
    this.#anomalyListeners.add(listener);
    return () => this.#anomalyListeners.delete(listener);
  }

  /** The most recent anomalies (bounded), for the payments layer to reconcile after a restart of its own. */
  recentAnomalies(): readonly PaymentAnomaly[] {
    return [...this.#anomalies];
  }

  /** Stops listening and clears timers. The transport is closed by whoever opened it. */
  dispose(): void {
    for (const off of this.#offLink) off();
    this.#link.dispose();
    this.#eventListeners.clear();
    this.#anomalyListeners.clear();
  }

  // ---- commands ----

  register(request: AdminRequest = {}): Promise<AdminCompletion> {
    const command = encodeMessage({ type: 'registration', password: this.#password, configByte: this.#configByte, currencyCode: this.#currencyCode });
    return this.#admin('registration', command, request);
  }

  statusEnquiry(request: AdminRequest = {}): Promise<AdminCompletion> {
    return this.#admin('statusEnquiry', encodeMessage({ type: 'statusEnquiry', password: this.#password, fields: [] }), request);
  }

  /** Repeat Receipt (06 20): the PT resends the last transaction — how an in-doubt payment is found. */
  repeatReceipt(request: AdminRequest = {}): Promise<AdminCompletion> {
    return this.#admin('repeatReceipt', encodeMessage({ type: 'repeatReceipt', password: this.#password, fields: [] }), request);
  }

  endOfDay(request: AdminRequest = {}): Promise<AdminCompletion> {
    return this.#admin('endOfDay', encodeMessage({ type: 'endOfDay', password: this.#password, fields: [] }), request);
  }

  authorise(request: AuthoriseRequest): Promise<PaymentCompletion> {
    const requestId = request.requestId ?? this.#nextId();
    if (!Number.isSafeInteger(request.amountFils) || request.amountFils <= 0 || request.amountFils > MAX_AMOUNT) {
      return Promise.resolve({ requestId, completionCode: 'commandErrorCode', errorCode: 'amountNotAllowed', description: `amount must be 1..${MAX_AMOUNT} fils` });
    }
    const command = encodeMessage(authorisation({ amount: request.amountFils, currencyCode: this.#currencyCode }));
    return this.#money(requestId, 'authorisation', command, request.amountFils, request);
  }

  reverse(request: ReverseRequest): Promise<PaymentCompletion> {
    const requestId = request.requestId ?? this.#nextId();
    if (!Number.isInteger(request.receiptNumber) || request.receiptNumber < 0 || request.receiptNumber > 9999) {
      return Promise.resolve({ requestId, completionCode: 'commandErrorCode', errorCode: 'protocolError', description: 'receipt number must be 0..9999' });
    }
    const command = encodeMessage(reversal(this.#password, request.receiptNumber));
    return this.#money(requestId, 'reversal', command, request.amountFils, request);
  }

  /** Technician self-test: registration, then status enquiry; passes when both succeed and the PT says "ready". */
  async selfTest(): Promise<SelfTestResult> {
    const registration = await this.register();
    const enquiry = await this.statusEnquiry();
    const ready = enquiry.completionCode === 'success' && enquiry.payload?.terminalStatus === 0x00;
    const checks = [
      { name: 'registration', passed: registration.completionCode === 'success', detail: registration.description ?? registration.completionCode },
      { name: 'statusEnquiry', passed: ready, detail: enquiry.description ?? `terminal status ${enquiry.payload?.terminalStatus ?? 'unknown'}` },
    ].map((c) => ({ ...c, detail: c.detail.slice(0, 200) }));
    return { deviceClass: 'payment', at: this.#clock.now(), passed: checks.every((c) => c.passed), checks };
  }

  // ---- internals ----

  /** Run commands one after another; a caller who cancels while queued never reaches the PT. */
  #serialise<T>(signal: AbortSignal | undefined, canceled: () => T, run: () => Promise<T>): Promise<T> {
    const turn = this.#chain.then(
      () => (signal?.aborted ? canceled() : run()),
      () => (signal?.aborted ? canceled() : run()),
    );
    this.#chain = turn.catch(() => undefined);
    return turn;
  }

  #money(requestId: string, operation: 'authorisation' | 'reversal', command: ZvtApdu, amountFils: number | undefined, request: AuthoriseRequest | ReverseRequest): Promise<PaymentCompletion> {
    const conversation: OpenConversation = {
      operation,
      ...(amountFils === undefined ? {} : { requestedAmountFils: amountFils }),
      currencyCode: this.#currencyCode,
      transactions: [],
      terminalReceipt: [],
      reachedTerminal: false,
      abortRequested: false,
      completed: false,
    };
    const canceled = (): PaymentCompletion => ({ requestId, completionCode: 'canceled', description: 'canceled before it reached the terminal' });
    return this.#serialise(request.signal, canceled, async () => {
      this.#counts.commands++;
      this.#counts[operation === 'authorisation' ? 'authorisations' : 'reversals']++;
      // The caller's signal is NOT given to runCommand: cancelling a payment is a
      // request to the PT (06 B0), not something the kiosk can decide alone.
      const completion = await runCommand<MoneyPayload, ZvtErrorCode, PaymentEvent>({
        requestId,
        timeoutMs: this.#timing.commandBackstopMs,
        clock: this.#clock,
        ...(request.onEvent ? { onEvent: request.onEvent } : {}),
        execute: async (ctx) => {
          const end = await this.#converse(ctx, command, true, request.signal, (message) => this.#collectMoney(conversation, message, ctx), () => {
            conversation.reachedTerminal = true;
          }, () => {
            conversation.abortRequested = true;
          });
          return evaluateMoney(conversation, end);
        },
      });
      // The backstop fired: runCommand gave a bare timeOut; a payment is in doubt.
      const final: PaymentCompletion =
        completion.completionCode === 'timeOut' && completion.errorCode === undefined ? { ...inDoubt(conversation, completion.description ?? 'backstop'), requestId } : completion;
      this.#afterMoney(final, conversation);
      return final;
    });
  }

  #collectMoney(c: OpenConversation, message: ZvtMessage, ctx: CommandContext<PaymentEvent>): void {
    switch (message.type) {
      case 'statusInformation': {
        const record = recordFromFields(message.fields);
        if (c.transactions.some((t) => sameTransaction(t, record))) this.#counts.duplicateFrames++;
        else c.transactions.push(record);
        break;
      }
      case 'completion': {
        c.completed = true;
        const code = transactionData(message.fields).resultCode;
        if (code !== undefined) c.completionResultCode = code;
        break;
      }
      default:
        this.#collectCommon(c.terminalReceipt, message, ctx);
    }
  }

  #collectCommon(receipt: string[], message: ZvtMessage, ctx: CommandContext<PaymentEvent>): void {
    if (message.type === 'intermediateStatus') {
      ctx.emit({ kind: 'prompt', prompt: promptForIntermediateStatus(message.status), statusCode: message.status });
    } else if (message.type === 'printLine') {
      if (message.attribute !== 0xff) receipt.push(printText(message.text));
    } else if (message.type === 'printTextBlock') {
      receipt.push(...textBlockLines(message.fields));
    }
  }

  #afterMoney(final: PaymentCompletion, c: OpenConversation): void {
    const ended: LastMoneyCommand['ended'] =
      final.completionCode === 'success' ? 'approved' : final.errorCode === 'inDoubt' ? 'inDoubt' : final.completionCode === 'canceled' ? 'canceled' : 'notApproved';
    if (c.operation === 'authorisation') {
      if (ended === 'approved') this.#counts.approved++;
      else if (ended === 'inDoubt') this.#counts.inDoubt++;
      else if (ended === 'canceled') this.#counts.canceled++;
      else this.#counts.declined++;
    }
    this.#lastMoney = { requestId: final.requestId, ended, completed: c.completed, transactions: c.transactions };
    if (final.errorCode === 'lateApproval' || final.errorCode === 'duplicateCompletion' || final.errorCode === 'amountMismatch' || final.errorCode === 'currencyMismatch') {
      const transaction = final.payload?.transaction;
      this.#raiseAnomaly({
        kind: final.errorCode === 'lateApproval' ? 'lateApproval' : final.errorCode === 'duplicateCompletion' ? 'duplicateCompletion' : 'unexpectedMessage',
        at: this.#clock.now(),
        relatedRequestId: final.requestId,
        ...(transaction ? { transaction } : {}),
        detail: final.description ?? final.errorCode,
      });
    }
  }

  #admin(operation: AdminPayload['operation'], command: ZvtApdu, request: AdminRequest): Promise<AdminCompletion> {
    const requestId = request.requestId ?? this.#nextId();
    const transactions: TransactionRecord[] = [];
    const terminalReceipt: string[] = [];
    const canceled = (): AdminCompletion => ({ requestId, completionCode: 'canceled', description: 'canceled before it reached the terminal' });
    return this.#serialise(request.signal, canceled, async () => {
      this.#counts.commands++;
      if (operation === 'endOfDay') this.#counts.endOfDays++;
      return runCommand<AdminPayload, ZvtErrorCode, PaymentEvent>({
        requestId,
        timeoutMs: this.#timing.commandBackstopMs,
        clock: this.#clock,
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.onEvent ? { onEvent: request.onEvent } : {}),
        execute: async (ctx) => {
          const end = await this.#converse(ctx, command, false, undefined, (message) => {
            if (message.type === 'statusInformation') transactions.push(recordFromFields(message.fields));
            else this.#collectCommon(terminalReceipt, message, ctx);
          });
          return evaluateAdmin({ operation, transactions, terminalReceipt }, end);
        },
      });
    });
  }

  /** One exchange with the PT, with the driver's bookkeeping (busy, device state) around it. */
  async #converse(
    ctx: CommandContext<PaymentEvent>,
    command: ZvtApdu,
    money: boolean,
    abortSignal: AbortSignal | undefined,
    onMessage: (message: ZvtMessage) => void,
    onDelivered?: () => void,
    onAbortSent?: () => void,
  ): Promise<ExchangeEnd> {
    this.#busy = true;
    this.#emitStatus();
    const exchange = startExchange({
      link: this.#link,
      clock: this.#clock,
      timing: this.#timing,
      command,
      money,
      ...(abortSignal ? { abortSignal } : {}),
      stopSignal: ctx.signal,
      onMessage,
      ...(onDelivered ? { onDelivered } : {}),
      onAbortSent: () => {
        onAbortSent?.();
        ctx.emit({ kind: 'abortSent' });
      },
      onUndecodable: () => {
        this.#counts.undecodableFrames++;
      },
    });
    this.#active = (apdu) => exchange.handle(apdu);
    try {
      const end = await exchange.done;
      this.#noteEnd(end);
      return end;
    } finally {
      this.#active = undefined;
      this.#busy = false;
      this.#emitStatus();
    }
  }

  #noteEnd(end: ExchangeEnd): void {
    switch (end.kind) {
      case 'completed':
      case 'aborted':
      case 'rejected':
        this.#detail = [];
        this.#setDevice('online');
        break;
      case 'notSent':
      case 'linkLost':
        // Gone (cable, socket, power) is noDevice, as for the printer; a link that is up but dead air is offline.
        this.#setDevice(this.#link.isOpen ? 'offline' : 'noDevice');
        break;
      case 'refused':
        this.#detail = ['terminal NAKs every frame'];
        this.#setDevice('hardwareError');
        break;
      case 'noAcknowledge':
      case 'silence':
        this.#detail = [end.kind === 'silence' ? 'terminal went silent' : 'terminal does not acknowledge'];
        this.#setDevice('offline');
        break;
      case 'stopped':
        break;
    }
  }

  /** A PT message with no command running: acknowledge it, then see whether it matters. */
  #idle(raw: Uint8Array): void {
    const apdu = decodeApdu(raw);
    const decoded = apdu.ok ? decodeMessage(apdu.value) : apdu;
    if (!decoded.ok) {
      this.#counts.undecodableFrames++;
      void this.#link.send(encodeApdu(encodeMessage({ type: 'negativeAck', errorCode: 0x9a, data: new Uint8Array() })), { repeatOnSilence: true });
      return;
    }
    const message = decoded.value;
    if (message.type === 'ack' || message.type === 'negativeAck') return;
    this.#counts.unsolicitedMessages++;
    void this.#link.send(encodeApdu(encodeMessage({ type: 'ack', data: new Uint8Array() })), { repeatOnSilence: true });
    const anomaly = classifyLateMessage(message, this.#lastMoney, this.#clock.now());
    if (anomaly) this.#raiseAnomaly(anomaly);
  }

  #raiseAnomaly(anomaly: PaymentAnomaly): void {
    this.#counts.anomalies++;
    this.#anomalies.push(anomaly);
    if (this.#anomalies.length > MAX_ANOMALIES) this.#anomalies.shift();
    for (const l of [...this.#anomalyListeners]) l(anomaly);
    this.#emit({ type: 'deviceError', deviceClass: 'payment', at: anomaly.at, detail: `${anomaly.kind}: ${anomaly.detail}`.slice(0, 200) });
  }

  #setDevice(device: DeviceState): void {
    if (this.#device === device) return;
    this.#device = device;
    this.#emitStatus();
  }

  #lastEmitted: string | undefined;
  #emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.#lastEmitted) return;
    this.#lastEmitted = key;
    this.#emit({ type: 'statusChanged', deviceClass: 'payment', at: this.#clock.now(), status });
  }

  #emit(event: UnsolicitedEvent): void {
    for (const l of [...this.#eventListeners]) l(event);
  }
}

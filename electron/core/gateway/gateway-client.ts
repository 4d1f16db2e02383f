import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import { DEFAULT_BACKOFF, sleepOnClock, type BackoffPolicy, type Sleep } from './backoff.ts';
import { createCallExecutor, type CallRequest } from './call-executor.ts';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { createFetchTransport } from './fetch-transport.ts';
import type { GatewayConfig } from './gateway-config.ts';
import { failure, success, type GatewayResult } from './gateway-error.ts';
import type { HttpTransport } from './http-transport.ts';
import { createHttpsTransport } from './https-transport.ts';
import { OPERATIONS } from './operations.ts';
import type { SmsRecipient } from '../flow/flow-ports.ts';
import type {
  AddressLookup,
  Application,
  AuditAnchor,
  AuditAnchorList,
  ApplicationStatus,
  Citizen,
  EkeyAccount,
  Eligibility,
  FeeSchedule,
  OtpSent,
  OtpVerification,
  PasswordPolicy,
  QrPayment,
  Rating,
  SmsReceipt,
} from './response-schemas.ts';

/**
 * The typed government-gateway client. One method per operation in
 * resources/gateway/openapi.yaml that the kiosk uses; each resolves to a
 * GatewayResult and never throws for anything the network or the gateway
 * does (only for programming errors such as a missing idempotency key).
 *
 * Every call names the kiosk session it belongs to. Calls that create
 * something take an idempotency key from the caller, who journals it before
 * calling: that key is what lets a retry, or the recovery after a power cut,
 * find the original result instead of making a second one.
 */
export interface GatewayClientDeps {
  config: GatewayConfig;
  kioskId: string;
  clock: Clock;
  logger: Logger;
  /** How retries wait; defaults to the injected clock. Tests pass one that returns at once. */
  sleep?: Sleep;
  /** Overrides the transport chosen from config (tests, or a future transport). */
  transport?: HttpTransport;
  backoff?: BackoffPolicy;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, instead of config.timeoutMs. */
  timeoutMs?: number;
}

interface Session {
  sessionId: string;
}
interface Keyed extends Session {
  idempotencyKey: string;
}


export type OtpPurpose = 'ekey-register' | 'ekey-reset' | 'ekey-unlock' | 'contact-update' | 'identity-check';

export interface ApplicationInput extends Keyed {
  serviceId: string;
  applicationType: string;
  cpr: string;
  data: Record<string, string>;
  payment: { method: 'card' | 'qr'; amountFils: number; transactionRef: string } | null;
}

export type Lookup<T> = { found: true; value: T } | { found: false };
export interface Created<T> {
  value: T;
  /** True when the gateway had already done this (same idempotency key): nothing new was created. */
  replayed: boolean;
}

export interface GatewayClient {
  getCitizen(input: Session & { cpr: string }, options?: CallOptions): Promise<GatewayResult<Citizen>>;
  checkEligibility(input: Session & { cpr: string; serviceId: string }, options?: CallOptions): Promise<GatewayResult<Eligibility>>;
  getFeeSchedule(input: Session & { serviceId?: string }, options?: CallOptions): Promise<GatewayResult<FeeSchedule>>;
  submitApplication(input: ApplicationInput, options?: CallOptions): Promise<GatewayResult<Created<Application>>>;
  getApplicationStatus(input: Session & { reference: string }, options?: CallOptions): Promise<GatewayResult<ApplicationStatus>>;
  /** Crash recovery: what became of the submit with this key? `found: false` means it never arrived. */
  findSubmission(input: Session & { idempotencyKey: string }, options?: CallOptions): Promise<GatewayResult<Lookup<Application>>>;
  lookupAddress(input: Session & { block: string; road: string; building: string; flat?: string | null }, options?: CallOptions): Promise<GatewayResult<AddressLookup>>;
  /** Never retried: each attempt would send another SMS. */
  sendOtp(input: Session & { cpr: string; mobile: string | null; purpose: OtpPurpose }, options?: CallOptions): Promise<GatewayResult<OtpSent>>;
  /** Never retried: each attempt uses up one of the citizen's tries. */
  verifyOtp(input: Session & { otpId: string; code: string }, options?: CallOptions): Promise<GatewayResult<OtpVerification>>;
  /** To a typed mobile number, or to the mobile registered for a CPR (the kiosk never needs to know it). */
  sendSmsReceipt(input: Keyed & SmsRecipient & { language: 'ar' | 'en'; reference: string; text: string }, options?: CallOptions): Promise<GatewayResult<Created<SmsReceipt>>>;
  createQrPayment(input: Keyed & { serviceId: string; amountFils: number; description: string }, options?: CallOptions): Promise<GatewayResult<Created<QrPayment>>>;
  getQrPayment(input: Session & { paymentId: string }, options?: CallOptions): Promise<GatewayResult<QrPayment>>;
  cancelQrPayment(input: Keyed & { paymentId: string }, options?: CallOptions): Promise<GatewayResult<QrPayment>>;
  /** Crash recovery: the QR payment created with this key, if any. */
  findQrPayment(input: Session & { idempotencyKey: string }, options?: CallOptions): Promise<GatewayResult<Lookup<QrPayment>>>;
  submitRating(input: Keyed & { serviceId: string; score: number; reason: string | null; applicationReference: string | null }, options?: CallOptions): Promise<GatewayResult<Created<Rating>>>;
  getEkeyPasswordPolicy(input: Session, options?: CallOptions): Promise<GatewayResult<PasswordPolicy>>;
  getEkeyAccount(input: Session & { cpr: string }, options?: CallOptions): Promise<GatewayResult<EkeyAccount>>;
  registerEkey(input: Keyed & { cpr: string; mobile: string; otpId: string; password: string }, options?: CallOptions): Promise<GatewayResult<Created<EkeyAccount>>>;
  upgradeEkey(input: Keyed & { cpr: string; fingerprintVerified: boolean; cardSerial: string }, options?: CallOptions): Promise<GatewayResult<EkeyAccount>>;
  resetEkeyPassword(input: Keyed & { cpr: string; otpId: string; newPassword: string }, options?: CallOptions): Promise<GatewayResult<EkeyAccount>>;
  unlockEkey(input: Keyed & { cpr: string; otpId: string }, options?: CallOptions): Promise<GatewayResult<EkeyAccount>>;
  /** The head of the technician audit chain, kept off the machine (idempotent by key: one per head). */
  recordAuditAnchor(input: Keyed & { seq: number; hash: string; at: string }, options?: CallOptions): Promise<GatewayResult<Created<AuditAnchor>>>;
  /** The heads the gateway holds for this kiosk, newest first. */
  listAuditAnchors(input: Session, options?: CallOptions): Promise<GatewayResult<AuditAnchorList>>;
  /** For diagnostics and the service menu (hide gateway services while open). */
  circuitState(): CircuitState;
}

/** A fresh idempotency key. Journal it before the call it protects. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

export function createGatewayClient(deps: GatewayClientDeps): GatewayClient {
  const { config, clock } = deps;
  const logger = deps.logger.child({ component: 'gateway' });
  const breaker = createCircuitBreaker({
    failureThreshold: config.circuitBreaker.failureThreshold,
    resetAfterMs: config.circuitBreaker.resetAfterMs,
    clock,
    onStateChange: (from, to) => (to === 'open' ? logger.warn({ from, to }, 'gateway circuit opened') : logger.info({ from, to }, `gateway circuit ${to}`)),
  });
  const execute = createCallExecutor({
    baseUrl: config.baseUrl,
    kioskId: deps.kioskId,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    transport: deps.transport ?? (config.tls ? createHttpsTransport(config.tls) : createFetchTransport()),
    breaker,
    clock,
    sleep: deps.sleep ?? sleepOnClock(clock),
    logger,
    backoff: deps.backoff ?? DEFAULT_BACKOFF,
    random: deps.random ?? Math.random,
    newRequestId: randomUUID,
  });

  const call = (session: Session, options: CallOptions | undefined, rest: Omit<CallRequest, 'sessionId' | 'signal' | 'timeoutMs'>): CallRequest => ({
    sessionId: session.sessionId,
    ...rest,
    ...(options?.signal ? { signal: options.signal } : {}),
    ...(options?.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });

  const value = async <T>(result: Promise<GatewayResult<{ value: T }>>): Promise<GatewayResult<T>> => {
    const r = await result;
    return r.ok ? success(r.value.value) : r;
  };
  const created = async <T>(result: Promise<GatewayResult<{ value: T; replayed: boolean }>>): Promise<GatewayResult<Created<T>>> => {
    const r = await result;
    return r.ok ? success({ value: r.value.value, replayed: r.value.replayed }) : r;
  };
  /** A 404 on a by-key query is an answer ("never arrived"), not a failure. */
  const lookup = async <T>(result: Promise<GatewayResult<{ value: T }>>): Promise<GatewayResult<Lookup<T>>> => {
    const r = await result;
    if (r.ok) return success({ found: true, value: r.value.value });
    if (r.failure.kind === 'rejected' && r.failure.code === 'not-found') return success({ found: false });
    return failure(r.failure);
  };

  return {
    getCitizen: (input, options) => value(execute(OPERATIONS.getCitizen, call(input, options, { pathParams: { cpr: input.cpr } }))),
    checkEligibility: (input, options) =>
      value(execute(OPERATIONS.checkEligibility, call(input, options, { pathParams: { cpr: input.cpr, serviceId: input.serviceId } }))),
    getFeeSchedule: (input, options) => value(execute(OPERATIONS.getFeeSchedule, call(input, options, { query: { serviceId: input.serviceId } }))),
    submitApplication: (input, options) =>
      created(
        execute(
          OPERATIONS.submitApplication,
          call(input, options, {
            idempotencyKey: input.idempotencyKey,
            body: { serviceId: input.serviceId, applicationType: input.applicationType, cpr: input.cpr, data: input.data, payment: input.payment },
          }),
        ),
      ),
    getApplicationStatus: (input, options) => value(execute(OPERATIONS.getApplicationStatus, call(input, options, { pathParams: { reference: input.reference } }))),
    findSubmission: async (input, options) => {
      const r = await lookup(execute(OPERATIONS.getSubmission, call(input, options, { pathParams: { idempotencyKey: input.idempotencyKey } })));
      return r.ok && r.value.found ? success({ found: true, value: r.value.value.application }) : (r as GatewayResult<Lookup<Application>>);
    },
    lookupAddress: (input, options) =>
      value(execute(OPERATIONS.lookupAddress, call(input, options, { query: { block: input.block, road: input.road, building: input.building, flat: input.flat } }))),
    sendOtp: (input, options) => value(execute(OPERATIONS.sendOtp, call(input, options, { body: { cpr: input.cpr, mobile: input.mobile, purpose: input.purpose } }))),
    verifyOtp: (input, options) => value(execute(OPERATIONS.verifyOtp, call(input, options, { pathParams: { otpId: input.otpId }, body: { code: input.code } }))),
    sendSmsReceipt: (input, options) =>
      created(
        execute(
          OPERATIONS.sendSmsReceipt,
          call(input, options, {
            idempotencyKey: input.idempotencyKey,
            body: { ...smsRecipientOf(input), language: input.language, reference: input.reference, text: input.text },
          }),
        ),
      ),
    createQrPayment: (input, options) =>
      created(
        execute(
          OPERATIONS.createQrPayment,
          call(input, options, { idempotencyKey: input.idempotencyKey, body: { serviceId: input.serviceId, amountFils: input.amountFils, description: input.description } }),
        ),
      ),
    getQrPayment: (input, options) => value(execute(OPERATIONS.getQrPayment, call(input, options, { pathParams: { paymentId: input.paymentId } }))),
    cancelQrPayment: (input, options) =>
      value(execute(OPERATIONS.cancelQrPayment, call(input, options, { idempotencyKey: input.idempotencyKey, pathParams: { paymentId: input.paymentId } }))),
    findQrPayment: (input, options) =>
      lookup(execute(OPERATIONS.getQrPaymentByIdempotencyKey, call(input, options, { pathParams: { idempotencyKey: input.idempotencyKey } }))),
    submitRating: (input, options) =>
      created(
        execute(
          OPERATIONS.submitRating,
          call(input, options, {
            idempotencyKey: input.idempotencyKey,
            body: { serviceId: input.serviceId, score: input.score, reason: input.reason, applicationReference: input.applicationReference },
          }),
        ),
      ),
    recordAuditAnchor: (input, options) =>
      created(execute(OPERATIONS.recordAuditAnchor, call(input, options, { idempotencyKey: input.idempotencyKey, body: { seq: input.seq, hash: input.hash, at: input.at } }))),
    listAuditAnchors: (input, options) => value(execute(OPERATIONS.listAuditAnchors, call(input, options, {}))),
    getEkeyPasswordPolicy: (input, options) => value(execute(OPERATIONS.getEkeyPasswordPolicy, call(input, options, {}))),
    getEkeyAccount: (input, options) => value(execute(OPERATIONS.getEkeyAccount, call(input, options, { pathParams: { cpr: input.cpr } }))),
    registerEkey: (input, options) =>
      created(
        execute(
          OPERATIONS.registerEkey,
          call(input, options, { idempotencyKey: input.idempotencyKey, body: { cpr: input.cpr, mobile: input.mobile, otpId: input.otpId, password: input.password } }),
        ),
      ),
    upgradeEkey: (input, options) =>
      value(
        execute(
          OPERATIONS.upgradeEkey,
          call(input, options, { idempotencyKey: input.idempotencyKey, pathParams: { cpr: input.cpr }, body: { fingerprintVerified: input.fingerprintVerified, cardSerial: input.cardSerial } }),
        ),
      ),
    resetEkeyPassword: (input, options) =>
      value(
        execute(
          OPERATIONS.resetEkeyPassword,
          call(input, options, { idempotencyKey: input.idempotencyKey, pathParams: { cpr: input.cpr }, body: { otpId: input.otpId, newPassword: input.newPassword } }),
        ),
      ),
    unlockEkey: (input, options) =>
      value(execute(OPERATIONS.unlockEkey, call(input, options, { idempotencyKey: input.idempotencyKey, pathParams: { cpr: input.cpr }, body: { otpId: input.otpId } }))),
    circuitState: () => breaker.state(),
  };
}

/** Only the recipient's own field goes on the wire (the request schema allows exactly one). */
function smsRecipientOf(input: SmsRecipient): SmsRecipient {
  if ('mobile' in input) return { mobile: input.mobile };
  if ('cpr' in input) return { cpr: input.cpr };
  return { applicationReference: input.applicationReference };
}

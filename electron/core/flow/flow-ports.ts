import type { CitizenCard, BahrainiAddress } from './citizen-card.ts';
import type { PasswordRules } from '../../contract/index.ts';

/**
 * Where an SMS e-receipt goes: a number the citizen typed, the number
 * registered for a CPR, or the number registered for an application's
 * applicant (a status check has a reference, not a card). In the last two
 * the kiosk never learns the number.
 */
export type SmsRecipient = { mobile: string } | { cpr: string } | { applicationReference: string };

/**
 * What the flow runtime needs from the outside world, in the runtime's own
 * words. Adapters map device drivers and the gateway client onto these, so
 * the runtime is tested with fakes and never sees a byte or an HTTP status.
 * Every call takes an AbortSignal: cancel, idle wipe and step timeouts abort.
 */

export type CardReadResult =
  | { kind: 'read'; card: CitizenCard }
  | { kind: 'unreadable' }
  | { kind: 'foreign' }
  | { kind: 'removed' }
  | { kind: 'timeout' }
  | { kind: 'device-fault' };

export type PinCheck = { kind: 'ok' } | { kind: 'wrong'; triesLeft: number } | { kind: 'blocked' } | { kind: 'removed' } | { kind: 'device-fault' };
export type CardWrite = { kind: 'ok' } | { kind: 'removed' } | { kind: 'device-fault' };
export type CardRelease = { kind: 'taken' } | { kind: 'retained' } | { kind: 'device-fault' };

export interface CardPort {
  /** Open the slot and wait for a card, then read the chip. */
  readCard(signal: AbortSignal): Promise<CardReadResult>;
  verifyPin(pin: string, signal: AbortSignal): Promise<PinCheck>;
  /** PIN unblock/reset after the citizen proved who they are another way. */
  setNewPin(pin: string, signal: AbortSignal): Promise<CardWrite>;
  writeAddress(address: BahrainiAddress, signal: AbortSignal): Promise<CardWrite>;
  /** The fingerprint reference stored on the card (opaque). */
  fingerprintReference(): Uint8Array | null;
  /** Eject to the gate and wait up to `waitSeconds` for the citizen to take it; retain after that. */
  release(waitSeconds: number, signal: AbortSignal): Promise<CardRelease>;
  /** Is a card in the reader now (for wipe: never keep a card silently)? */
  hasCard(): boolean;
}

export type FingerprintMatch = { kind: 'match' } | { kind: 'no-match' } | { kind: 'poor-quality' } | { kind: 'removed' } | { kind: 'timeout' } | { kind: 'device-fault' };

export interface FingerprintPort {
  captureAndMatch(reference: Uint8Array, signal: AbortSignal): Promise<FingerprintMatch>;
}

/** Failures from the gateway, already in the runtime's words. `violations`: a refused password's broken rules. */
export type GatewayFailure = { kind: 'unavailable' | 'timeout' | 'invalid-response' | 'circuit-open' | 'rejected'; code?: string; violations?: string[] };

export type OtpPurpose = 'ekey-register' | 'ekey-reset' | 'ekey-unlock' | 'contact-update' | 'identity-check';

/** An eKey account as the gateway knows it (no password, ever). */
export interface EkeyAccount {
  status: 'not-registered' | 'active' | 'locked';
  level: 'basic' | 'advanced' | null;
  maskedMobile: string | null;
}

/** The eKey changes the kiosk can ask for; each is idempotent by the run's key. */
export type EkeyChange =
  | { action: 'register'; mobile: string; otpId: string; password: string }
  | { action: 'upgrade'; fingerprintVerified: boolean; cardSerial: string }
  | { action: 'reset-password'; otpId: string; password: string }
  | { action: 'unlock'; otpId: string };
export type GatewayResult<T> = { ok: true; value: T } | { ok: false; failure: GatewayFailure };

export interface PaymentProof {
  method: 'card' | 'qr';
  amountFils: number;
  /** Terminal receipt number (card) or the payment gateway's id (QR). */
  transactionRef: string;
}

export interface ApplicationReceipt {
  reference: string;
  status: string;
}

export interface GatewayPort {
  submitApplication(
    input: {
      serviceId: string;
      applicationType: string;
      cpr: string;
      data: Record<string, string>;
      idempotencyKey: string;
      sessionId: string;
      /** Proof that exactly the fee was paid; the gateway refuses a fee service without it. */
      payment: PaymentProof | null;
    },
    signal: AbortSignal,
  ): Promise<GatewayResult<ApplicationReceipt>>;
  applicationStatus(reference: string, signal: AbortSignal): Promise<GatewayResult<{ reference: string; status: string; updatedAt: string }>>;
  /** Does this address exist in the national address register? */
  addressExists(address: { block: string; road: string; building: string }, signal: AbortSignal): Promise<GatewayResult<{ exists: boolean }>>;
  /** The address registered for this CPR (what the chip-update writes). */
  registeredAddress(cpr: string, signal: AbortSignal): Promise<GatewayResult<BahrainiAddress>>;
  /** A code by SMS to `mobile`, or (null) to the number on record for the CPR. */
  sendOtp(input: { cpr: string; mobile: string | null; sessionId: string; purpose?: OtpPurpose }, signal: AbortSignal): Promise<GatewayResult<{ otpId: string; expiresInSeconds: number; maskedMobile?: string }>>;
  verifyOtp(input: { otpId: string; code: string }, signal: AbortSignal): Promise<GatewayResult<{ verified: boolean; attemptsLeft: number; expired: boolean }>>;
  /** Did a submit with this idempotency key reach the back end? (After a timeout or a crash.) */
  findSubmission(idempotencyKey: string, signal: AbortSignal): Promise<GatewayResult<{ found: true; receipt: ApplicationReceipt } | { found: false }>>;
  /** BenefitPay-style QR payment: create, then poll. */
  createQrPayment(input: { amountFils: number; idempotencyKey: string; sessionId: string }, signal: AbortSignal): Promise<GatewayResult<{ paymentId: string; qrPayload: string; expiresInSeconds: number }>>;
  qrPaymentStatus(paymentId: string, signal: AbortSignal): Promise<GatewayResult<{ status: 'pending' | 'paid' | 'expired' | 'cancelled'; reference: string | null }>>;
  /** The e-receipt by SMS: to the mobile number the citizen typed, or to the one registered for their CPR. */
  sendSmsReceipt(input: { to: SmsRecipient; language: 'ar' | 'en'; reference: string; text: string; sessionId: string }, signal: AbortSignal): Promise<GatewayResult<null>>;
  submitRating(input: { serviceId: string; sessionId: string; score: number; reason: string | null }, signal: AbortSignal): Promise<GatewayResult<null>>;
  /** The password policy the gateway enforces (shown live on the password step). */
  ekeyPasswordPolicy(signal: AbortSignal): Promise<GatewayResult<PasswordRules>>;
  ekeyAccount(cpr: string, signal: AbortSignal): Promise<GatewayResult<EkeyAccount>>;
  changeEkey(input: EkeyChange & { cpr: string; sessionId: string; idempotencyKey: string }, signal: AbortSignal): Promise<GatewayResult<EkeyAccount>>;
}

/** What the citizen takes away, on paper or as an e-receipt. No CPR, no full card number. */
export interface CitizenReceipt {
  language: 'ar' | 'en';
  serviceTitle: { ar: string; en: string };
  reference: string;
  outcome: 'completed' | 'refunded' | 'failed';
  amountFils: number | null;
  maskedPan: string | null;
  authCode: string | null;
  issuedAt: number;
  kioskId: string;
  eReceiptUrl: string;
}

export type PrintResult = { kind: 'printed' } | { kind: 'paper-out' } | { kind: 'unavailable' };

export interface PrinterPort {
  printReceipt(receipt: CitizenReceipt, signal: AbortSignal): Promise<PrintResult>;
  printStatement(input: { card: CitizenCard; reference: string; issuedAt: number }, signal: AbortSignal): Promise<PrintResult>;
}

import type { CitizenCard } from '../citizen-card.ts';
import type { CardReadResult, CitizenReceipt, EkeyAccount, EkeyChange, FingerprintMatch, GatewayResult, PinCheck, PrintResult } from '../flow-ports.ts';
import type { FlowPorts } from '../step-context.ts';
import type { AuthoriseResult, LastTransaction, ReversalResult } from '../../payments/payment-port.ts';

/** A fictional citizen for unit tests. */
export function testCard(overrides: Partial<CitizenCard> = {}): CitizenCard {
  return {
    cpr: '000000018',
    nameAr: 'شخص تجريبي',
    nameEn: 'Test Person',
    dateOfBirth: '1990-05-01',
    nationality: 'BHR',
    expiry: '2027-01-10',
    cardSerial: 'TST000001',
    address: { flat: '1', building: '100', road: '200', block: '300' },
    ...overrides,
  };
}

/**
 * Scriptable ports: each answer is taken from a queue (or a default), and
 * every call is recorded, so tests assert what the runtime asked for.
 */
export function fakePorts() {
  const calls: string[] = [];
  let cardIn = false;
  const queues = {
    read: [] as CardReadResult[],
    pin: [] as PinCheck[],
    finger: [] as FingerprintMatch[],
    submit: [] as GatewayResult<{ reference: string; status: string }>[],
    authorise: [] as AuthoriseResult[],
    lastTransaction: [] as LastTransaction[],
    reverse: [] as ReversalResult[],
    findSubmission: [] as GatewayResult<{ found: true; receipt: { reference: string; status: string } } | { found: false }>[],
    print: [] as PrintResult[],
    qrStatus: [] as GatewayResult<{ status: 'pending' | 'paid' | 'expired' | 'cancelled'; reference: string | null }>[],
    verifyOtp: [] as GatewayResult<{ verified: boolean; attemptsLeft: number; expired: boolean }>[],
    ekeyChange: [] as GatewayResult<EkeyAccount>[],
  };
  /** The test card's eKey, as the fake gateway holds it; tests set it per case. */
  const ekey: { account: EkeyAccount; changes: EkeyChange[] } = { account: { status: 'not-registered', level: null, maskedMobile: null }, changes: [] };
  let pinTries = 3;
  const correctPin = '1234';
  const submitted: { idempotencyKey: string; data: Record<string, string> }[] = [];
  const charged: number[] = [];
  const printed: CitizenReceipt[] = [];
  const otpRequests: { mobile: string | null; purpose: string | null }[] = [];
  const smsSent: Parameters<FlowPorts['gateway']['sendSmsReceipt']>[0][] = [];
  const reversed: string[] = [];
  const take = <T>(queue: T[], fallback: () => T): Promise<T> => Promise.resolve(queue.length > 0 ? queue.shift()! : fallback());
  const ports: FlowPorts = {
    card: {
      readCard: async () => {
        calls.push('readCard');
        const result = await take(queues.read, () => ({ kind: 'read', card: testCard() }) as CardReadResult);
        if (result.kind === 'read' || result.kind === 'foreign' || result.kind === 'unreadable') cardIn = true;
        return result;
      },
      verifyPin: async (pin) => {
        calls.push('verifyPin');
        if (queues.pin.length > 0) return queues.pin.shift()!;
        if (pinTries === 0) return { kind: 'blocked' };
        if (pin === correctPin) {
          pinTries = 3;
          return { kind: 'ok' };
        }
        pinTries -= 1;
        return { kind: 'wrong', triesLeft: pinTries };
      },
      setNewPin: async () => {
        calls.push('setNewPin');
        return { kind: 'ok' };
      },
      writeAddress: async () => {
        calls.push('writeAddress');
        return { kind: 'ok' };
      },
      fingerprintReference: () => new Uint8Array([1, 2, 3]),
      release: async () => {
        calls.push('release');
        cardIn = false;
        return { kind: 'taken' };
      },
      hasCard: () => cardIn,
    },
    fingerprint: {
      captureAndMatch: async () => {
        calls.push('fingerprint');
        return take(queues.finger, () => ({ kind: 'match' }) as FingerprintMatch);
      },
    },
    gateway: {
      submitApplication: async (input) => {
        calls.push('submit');
        submitted.push({ idempotencyKey: input.idempotencyKey, data: input.data });
        return take(queues.submit, () => ({ ok: true, value: { reference: 'APP-2026-000123', status: 'received' } }));
      },
      applicationStatus: async (reference) => {
        calls.push('status');
        return reference === 'APP-2026-000123'
          ? { ok: true, value: { reference, status: 'ready-for-collection', updatedAt: '2026-11-20' } }
          : { ok: false, failure: { kind: 'rejected', code: 'not-found' } };
      },
      addressExists: async (address) => {
        calls.push('addressExists');
        return { ok: true, value: { exists: address.block !== '999' } };
      },
      registeredAddress: async () => {
        calls.push('registeredAddress');
        return { ok: true, value: { flat: '12', building: '345', road: '1234', block: '567' } };
      },
      sendOtp: async (input) => {
        calls.push('sendOtp');
        otpRequests.push({ mobile: input.mobile, purpose: input.purpose ?? null });
        return { ok: true, value: { otpId: 'otp-1', expiresInSeconds: 300 } };
      },
      verifyOtp: async (input) => {
        calls.push('verifyOtp');
        return take(queues.verifyOtp, () => ({ ok: true, value: { verified: input.code === '123456', attemptsLeft: 2, expired: false } }));
      },
      findSubmission: async () => {
        calls.push('findSubmission');
        return take(queues.findSubmission, () => ({ ok: true, value: { found: false } }) as GatewayResult<{ found: false }>);
      },
      createQrPayment: async () => {
        calls.push('createQr');
        return { ok: true, value: { paymentId: 'qr-1', qrPayload: 'BENEFITPAY:DEMO:qr-1', expiresInSeconds: 300 } };
      },
      qrPaymentStatus: async () => {
        calls.push('qrStatus');
        return take(queues.qrStatus, () => ({ ok: true, value: { status: 'paid', reference: 'QR-REF-1' } }) as GatewayResult<{ status: 'paid'; reference: string }>);
      },
      sendSmsReceipt: async (input) => {
        calls.push('sms');
        smsSent.push(input);
        return { ok: true, value: null };
      },
      submitRating: async () => {
        calls.push('rating');
        return { ok: true, value: null };
      },
      ekeyPasswordPolicy: async () => {
        calls.push('ekeyPolicy');
        return { ok: true, value: { minLength: 10, maxLength: 64, requireUpper: true, requireLower: true, requireDigit: true, requireSymbol: true, forbidPersonalData: true } };
      },
      ekeyAccount: async () => {
        calls.push('ekeyAccount');
        return { ok: true, value: { ...ekey.account } };
      },
      changeEkey: async (input) => {
        calls.push(`ekey:${input.action}`);
        ekey.changes.push(input);
        const scripted = queues.ekeyChange.shift();
        if (scripted) return scripted;
        const next: EkeyAccount =
          input.action === 'register'
            ? { status: 'active', level: 'basic', maskedMobile: '****0001' }
            : input.action === 'upgrade'
              ? { ...ekey.account, level: 'advanced' }
              : input.action === 'unlock'
                ? { ...ekey.account, status: 'active' }
                : { ...ekey.account };
        ekey.account = next;
        return { ok: true, value: { ...next } };
      },
    },
    printer: {
      printReceipt: async (receipt) => {
        calls.push('printReceipt');
        printed.push(receipt);
        return take(queues.print, () => ({ kind: 'printed' }) as PrintResult);
      },
      printStatement: async () => {
        calls.push('printStatement');
        return take(queues.print, () => ({ kind: 'printed' }) as PrintResult);
      },
    },
    terminal: {
      authorise: async (amountFils, onPrompt) => {
        calls.push('authorise');
        onPrompt('insertCard');
        onPrompt('enterPin');
        const result = await take(queues.authorise, () => ({ kind: 'approved', transaction: { receiptNo: '0001', trace: '000101', amountFils, maskedPan: '411111******1111', authCode: 'A1B2C3' } }) as AuthoriseResult);
        if (result.kind === 'approved' || result.kind === 'in-doubt') charged.push(amountFils);
        return result;
      },
      reverse: async (receiptNo) => {
        calls.push('reverse');
        reversed.push(receiptNo);
        return take(queues.reverse, () => ({ kind: 'reversed' }) as ReversalResult);
      },
      lastTransaction: async () => {
        calls.push('lastTransaction');
        return take(queues.lastTransaction, () => ({ kind: 'none' }) as LastTransaction);
      },
    },
  };
  return { ports, calls, queues, submitted, charged, reversed, printed, ekey, otpRequests, smsSent, cardInside: () => cardIn };
}

/** Lets every pending promise callback run (the fakes answer at once). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

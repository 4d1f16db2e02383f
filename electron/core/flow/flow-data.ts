import type { ApplicationReceipt, EkeyAccount } from './flow-ports.ts';
import type { PasswordViolationCode } from '../../contract/index.ts';
import type { CitizenCard } from './citizen-card.ts';
import type { CardTransaction } from '../payments/payment-port.ts';

/**
 * Everything one service run knows about the citizen. It belongs to the
 * session and is dropped with it; nothing here is logged.
 */
export interface FlowData {
  card: CitizenCard | null;
  /** Form values by step id, then field id (already validated and normalised). */
  values: Record<string, Record<string, string>>;
  choices: Record<string, string>;
  application: ApplicationReceipt | null;
  /** What the last lookup answered (status fields, or an address). */
  lookup: Record<string, string> | null;
  /** The payment for this run, once the money is taken. */
  payment:
    | { method: 'card'; transaction: CardTransaction; intentId: number }
    | { method: 'qr'; paymentId: string; reference: string | null }
    | null;
  /** The citizen's eKey as the gateway last said. */
  ekey: EkeyAccount | null;
  /** The verified one-time code of this run (eKey changes quote it). */
  otpId: string | null;
  /**
   * The password chosen on the password step, held only until the next eKey
   * step sends it, then set back to null; never logged, journaled or shown.
   */
  secrets: { password: string | null };
  /** The fingerprint on the reader matched the card's own reference in this run. */
  fingerprintMatched: boolean;
  /** Tries per eKey change, so each try has its own idempotency key (a corrected password is a new request). */
  attempts: Record<string, number>;
  /** The gateway's verdict on the last password sent (shown when the citizen is sent back to choose another). */
  passwordVerdict: { violations: PasswordViolationCode[] } | null;
  /** One key per service run: a retried submit is never a second application. */
  idempotencyKey: string;
  /** Set once an irreversible step has run: no more back or cancel. */
  committed: boolean;
}

export function emptyFlowData(idempotencyKey: string): FlowData {
  return { card: null, values: {}, choices: {}, application: null, lookup: null, ekey: null, otpId: null, secrets: { password: null }, passwordVerdict: null, fingerprintMatched: false, attempts: {}, payment: null, idempotencyKey, committed: false };
}

/** Resolves a value reference from a service file (`card.nameEn`, `values.contact.mobile`…) to display text. */
export function resolveValue(ref: string, data: FlowData, feeFils: number): string {
  const [root, a, b] = ref.split('.');
  switch (root) {
    case 'card': {
      const card = data.card;
      if (!card) return '';
      if (a === 'address') {
        const { flat, building, road, block } = card.address;
        return [flat ? `Flat ${flat}` : null, `Building ${building}`, `Road ${road}`, `Block ${block}`].filter(Boolean).join(', ');
      }
      return String(card[a as keyof typeof card] ?? '');
    }
    case 'values':
      return data.values[a ?? '']?.[b ?? ''] ?? '';
    case 'application':
      return data.application ? String(data.application[a as keyof typeof data.application] ?? '') : '';
    case 'lookup':
      return data.lookup ? String(data.lookup[a as keyof typeof data.lookup] ?? '') : '';
    case 'service':
      return a === 'fee' ? String(feeFils) : '';
    case 'ekey':
      return data.ekey ? String(data.ekey[a as keyof typeof data.ekey] ?? '') : '';
    default:
      return '';
  }
}

/** The citizen's CPR: from the card when one was read, else the one typed in a form field named "cpr" (lost-card paths). */
export function citizenCpr(data: FlowData): string {
  if (data.card) return data.card.cpr;
  for (const values of Object.values(data.values)) if (values.cpr) return values.cpr;
  return '';
}

/**
 * What the next citizen at the simulated terminal does, scripted from tests, the
 * crash harness or the control panel. Each authorisation takes the next queued
 * behaviour, or the default one when the queue is empty.
 */
import { z } from 'zod';

export const CUSTOMER_BEHAVIOURS = [
  /** Card, PIN, host approves: 04 0F result 00, receipt, 06 0F. */
  'approve',
  /** Host declines with a result code (default 05, "do not honour" passed through as 0x05). */
  'decline',
  /** Result 71, "credit not sufficient". */
  'insufficientFunds',
  /** The card is pulled during PIN entry: 04 FF 0C, then 06 1E 64. */
  'cardRemoved',
  /** The terminal takes the command, shows "insert card", then never says anything again. */
  'noAnswer',
  /** In doubt: the host approves (in the ledger), then the answer never reaches the kiosk. */
  'approvedAnswerLost',
  /** The terminal refuses the command at once: 84 9C 00 ("please wait"). */
  'busy',
  /** Approves even if the kiosk sends Abort (06 B0) during the PIN step. */
  'approveDespiteAbort',
  /** Reports and books a different amount than asked (a terminal bug the kiosk must catch). */
  'wrongAmount',
  /** Sends Status-Information and Completion twice. */
  'duplicateCompletion',
  /** Waits at PIN entry for the control panel's approve/decline (60 s, then aborts). */
  'manual',
] as const;
export type CustomerBehaviour = (typeof CUSTOMER_BEHAVIOURS)[number];

export const CustomerSchema = z.object({
  behaviour: z.enum(CUSTOMER_BEHAVIOURS),
  /** For 'decline': the ZVT result code to answer (1-255). */
  resultCode: z.number().int().min(1).max(255).optional(),
  /** For 'wrongAmount': fils added to the requested amount. */
  deltaFils: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export class CustomerQueue {
  #queue: Customer[] = [];
  #default: Customer = { behaviour: 'approve' };

  next(): Customer {
    return this.#queue.shift() ?? this.#default;
  }

  enqueue(customer: Customer, times = 1): void {
    for (let i = 0; i < times; i++) this.#queue.push(customer);
  }

  setDefault(customer: Customer): void {
    this.#default = customer;
  }

  clear(): void {
    this.#queue = [];
  }

  snapshot(): { queued: Customer[]; default: Customer } {
    return { queued: this.#queue.map((c) => ({ ...c })), default: { ...this.#default } };
  }
}

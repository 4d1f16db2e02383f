import type { IdCardReader, CardReadOutcome } from '../../devices/card-reader/driver/index.ts';
import type { CardPort, CardReadResult } from '../flow/flow-ports.ts';
import type { CitizenCard } from '../flow/citizen-card.ts';

/**
 * The card reader driver in the flow runtime's words. A canceled device
 * command (the citizen cancelled, the session was wiped) becomes whatever
 * the step will ignore anyway: its signal is already aborted.
 */
export function cardPortFor(reader: IdCardReader): CardPort {
  const toCard = (outcome: Extract<CardReadOutcome, { kind: 'read' }>): CitizenCard => {
    const { personal, address } = outcome.card;
    return {
      cpr: personal.cprNumber,
      nameAr: personal.nameArabic,
      nameEn: personal.nameEnglish,
      dateOfBirth: personal.dateOfBirth,
      nationality: personal.nationality,
      expiry: personal.expiryDate,
      cardSerial: personal.cardSerial,
      address: { flat: address.flat ?? null, building: address.building, road: address.road, block: address.block },
    };
  };
  return {
    async readCard(signal) {
      const outcome = await reader.readCard(signal);
      switch (outcome.kind) {
        case 'read':
          return { kind: 'read', card: toCard(outcome) };
        case 'canceled':
          return { kind: 'timeout' } satisfies CardReadResult;
        default:
          return outcome.kind === 'device-fault' ? { kind: 'device-fault' } : { kind: outcome.kind };
      }
    },
    async verifyPin(pin, signal) {
      const outcome = await reader.verifyPin(pin, signal);
      if (outcome.kind === 'canceled' || outcome.kind === 'device-fault') return { kind: 'device-fault' };
      return outcome;
    },
    async setNewPin(pin, signal) {
      const outcome = await reader.setNewPin(pin, signal);
      return outcome.kind === 'ok' || outcome.kind === 'removed' ? outcome : { kind: 'device-fault' };
    },
    async writeAddress(address, signal) {
      const outcome = await reader.writeAddress({ block: address.block, road: address.road, building: address.building, ...(address.flat ? { flat: address.flat } : {}) }, signal);
      return outcome.kind === 'ok' || outcome.kind === 'removed' ? outcome : { kind: 'device-fault' };
    },
    fingerprintReference: () => reader.fingerprintReference(),
    async release(waitSeconds, signal) {
      const outcome = await reader.release(waitSeconds * 1000, signal);
      return outcome.kind === 'taken' || outcome.kind === 'retained' ? outcome : { kind: 'device-fault' };
    },
    hasCard: () => reader.hasCard(),
  };
}

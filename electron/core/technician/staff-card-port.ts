import type { IdCardReader } from '../../devices/card-reader/driver/index.ts';
import type { StaffCardPort } from './technician-mode.ts';

/** How long the reader waits for the staff card, and then for it to be taken back. */
const INSERT_MS = 30_000;
const TAKE_MS = 30_000;

/** The card reader driver in technician mode's words (a staff card read, then given back). */
export function staffCardPortFor(reader: IdCardReader): StaffCardPort {
  return {
    async read(signal) {
      const outcome = await reader.readStaffCard(signal, INSERT_MS);
      if (outcome.kind === 'staff') return { kind: 'staff', staffId: outcome.card.staffId, role: outcome.card.role };
      if (outcome.kind === 'not-staff' || outcome.kind === 'timeout') return { kind: outcome.kind };
      return { kind: 'failed' };
    },
    async giveBack(signal) {
      const outcome = await reader.release(TAKE_MS, signal);
      return outcome.kind === 'taken' || outcome.kind === 'retained' ? outcome.kind : 'failed';
    },
  };
}

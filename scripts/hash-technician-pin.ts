/**
 * Prints a `technician.pins` entry for the machine's configuration:
 *   echo 864213 | node_modules/.bin/node scripts/hash-technician-pin.ts supervisor
 * or, for the holder of a staff card (accepted only with that card):
 *   echo 864213 | node_modules/.bin/node scripts/hash-technician-pin.ts technician STAFF-0042
 * The PIN is read from stdin so it does not land in the shell history.
 */
import { readFileSync } from 'node:fs';
import { hashPin } from '../electron/core/technician/pin-hash.ts';

const role = process.argv[2] === 'supervisor' ? 'supervisor' : 'technician';
const staffId = process.argv[3];
if (staffId !== undefined && !/^[A-Z0-9-]{4,16}$/.test(staffId)) {
  console.error('a staff number is 4 to 16 of A-Z, 0-9 and -');
  process.exit(2);
}
const pin = readFileSync(0, 'utf8').trim();
if (!/^\d{4,12}$/.test(pin)) {
  console.error('a technician PIN has 4 to 12 digits');
  process.exit(2);
}
console.log(JSON.stringify({ role, ...(staffId ? { staffId } : {}), ...hashPin(pin) }));

/**
 * `npm run audit:verify [file]` — checks the technician audit log's hash
 * chain and names the first broken link. Exit 0: intact; 1: broken; 2: no file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyAuditFile } from '../electron/core/audit/audit-log.ts';

const file = resolve(process.argv[2] ?? '.kiosk-data/audit.log');
if (!existsSync(file)) {
  console.error(`no audit log at ${file}`);
  process.exit(2);
}
const result = verifyAuditFile(file);
if (result.ok) {
  console.log(`${file}: ${result.entries} entries, chain intact`);
} else {
  console.log(`${file}: BROKEN at line ${result.line}${result.seq === null ? '' : ` (entry ${result.seq})`}: ${result.reason}; ${result.entries} entries before it are intact`);
  process.exit(1);
}

/**
 * Keeps the simulated terminal's ledger in a JSON file, written after every
 * change (write to a temporary file, fsync, rename: a kill -9 leaves the old
 * or the new ledger, never half of one). The crash-injection harness needs the
 * terminal's truth to outlive the kiosk process and the simulator's own power cuts.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { LedgerFile } from './ledger.ts';
import type { PaymentTerminalSimulator } from './payment-terminal-sim.ts';

export function writeLedgerFile(path: string, ledger: LedgerFile): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify(ledger));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Load the ledger from `path` if it exists, then save it on every simulator change. Returns stop. */
export function persistLedger(sim: PaymentTerminalSimulator, path: string): () => void {
  if (existsSync(path)) sim.ledger.restore(JSON.parse(readFileSync(path, 'utf8')) as LedgerFile);
  let last = JSON.stringify(sim.ledger.toJSON());
  return sim.onChange(() => {
    const now = sim.ledger.toJSON();
    const text = JSON.stringify(now);
    if (text === last) return;
    last = text;
    writeLedgerFile(path, now);
  });
}

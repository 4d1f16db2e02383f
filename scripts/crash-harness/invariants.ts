/**
 * What must hold after a crash and start-up recovery, checked across the
 * three books: the payment terminal's ledger (its flash), the gateway's
 * applications, and the kiosk's journal (SQLite, read after the kiosk stopped).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { LedgerEntry } from '../../native-mocks/payment-terminal/ledger.ts';

export interface JournalIntent {
  id: number;
  action: string;
  key: string;
  amountFils: number | null;
  detail: Record<string, unknown>;
  /** All outcomes in order; the last one counts. */
  outcomes: { result: string; detail: Record<string, unknown> }[];
}

export interface JournalEvent {
  id: number;
  type: string;
  detail: Record<string, unknown>;
}

export interface JournalSnapshot {
  intents: JournalIntent[];
  events: JournalEvent[];
}

export interface GatewayApplication {
  reference: string;
  idempotencyKey: string | null;
  serviceId: string;
  payment: { method: 'card' | 'qr'; amountFils: number; transactionRef: string } | null;
}

const FINAL = new Set(['success', 'failed', 'declined', 'canceled', 'reversed', 'resolved']);

/**
 * Reads the journal. `copy` first copies the database and its WAL elsewhere
 * (a SIGKILLed kiosk leaves a WAL to replay; the original is never touched);
 * otherwise the file is opened read-only (the kiosk has stopped cleanly).
 */
export function readJournal(file: string, options: { copy: boolean }): JournalSnapshot {
  let path = file;
  let cleanup = () => {};
  if (options.copy) {
    const dir = mkdtempSync(join(tmpdir(), 'crash-journal-'));
    path = join(dir, 'journal.sqlite');
    copyFileSync(file, path);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${path}-wal`);
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const db = new DatabaseSync(path, options.copy ? {} : { readOnly: true });
  try {
    const intents = (db.prepare('SELECT id, action, idempotency_key, amount_fils, detail FROM intents ORDER BY id').all() as Record<string, unknown>[]).map(
      (row): JournalIntent => ({
        id: Number(row.id),
        action: String(row.action),
        key: String(row.idempotency_key),
        amountFils: row.amount_fils === null ? null : Number(row.amount_fils),
        detail: JSON.parse(String(row.detail)) as Record<string, unknown>,
        outcomes: [],
      }),
    );
    const byId = new Map(intents.map((i) => [i.id, i]));
    for (const row of db.prepare('SELECT intent_id, result, detail FROM outcomes ORDER BY id').all() as Record<string, unknown>[]) {
      byId.get(Number(row.intent_id))?.outcomes.push({ result: String(row.result), detail: JSON.parse(String(row.detail)) as Record<string, unknown> });
    }
    const events = (db.prepare('SELECT id, type, detail FROM events ORDER BY id').all() as Record<string, unknown>[]).map(
      (row): JournalEvent => ({ id: Number(row.id), type: String(row.type), detail: JSON.parse(String(row.detail)) as Record<string, unknown> }),
    );
    return { intents, events };
  } finally {
    db.close();
    cleanup();
  }
}

const latest = (intent: JournalIntent) => intent.outcomes.at(-1) ?? null;
const isUnfinished = (intent: JournalIntent) => {
  const last = latest(intent);
  return !last || !FINAL.has(last.result);
};

/** A service run's key is `<session>:<service>:<run id>`; intents add `:pay:1`, `:reversal:0001`, `:print:receipt`… */
export function runOf(idempotencyKey: string): string {
  return idempotencyKey.split(':').slice(0, 3).join(':');
}

/** Runs start-up recovery had to settle, as the journal stood at the crash. */
export function runsNeedingRecovery(atCrash: JournalSnapshot): Set<string> {
  const runs = new Set<string>();
  for (const intent of atCrash.intents) if (isUnfinished(intent)) runs.add(runOf(intent.key));
  for (const charge of atCrash.intents.filter((i) => i.action === 'authorise' && latest(i)?.result === 'success')) {
    const run = runOf(charge.key);
    const settled = atCrash.intents.some((i) => runOf(i.key) === run && (i.action === 'submit' || i.action === 'reversal') && latest(i)?.result === 'success');
    if (!settled) runs.add(run);
  }
  return runs;
}

export interface CaseBooks {
  /** The terminal's ledger entries of this case (the terminal simulator is the case's own). */
  terminal: readonly LedgerEntry[];
  /** The gateway's applications made by the kiosk in this case (idempotency key set). */
  applications: readonly GatewayApplication[];
  /** The journal as the crash left it. */
  atCrash: JournalSnapshot;
  /** The journal after recovery, the kiosk stopped. */
  after: JournalSnapshot;
  /** Recovery events of the final restart are those after this event id (default: the last event at the crash). */
  sinceEventId?: number;
  /** The gateway's SMS receipts of this case: a citizen recovery says it told must have been texted. */
  smsReceipts?: readonly { reference: string; text: string }[];
}

/**
 * The invariants; returns one sentence per violation (empty when all hold).
 *  1. no double charge: at most one approved authorisation per service run;
 *  2. every approved charge has exactly one submitted application or exactly one reversal;
 *  3. every charge, reversal and application is recorded in the journal as it happened;
 *  4. at most one application per idempotency key, and none paid by a charge that does not stand;
 *  5. no intent is left unfinished after recovery;
 *  6. every run recovery had to settle has a recovery event (the citizen's case for the technician) that tells the truth;
 *  7. a citizen whose money moved and who left without a receipt is told what became of it (an SMS the gateway really sent).
 */
export function checkInvariants(books: CaseBooks): string[] {
  const violations: string[] = [];
  const { terminal, applications, atCrash, after } = books;
  const charges = terminal.filter((e) => e.reversalOf === undefined && (e.state === 'approved' || e.state === 'reversed'));
  const standing = charges.filter((e) => e.state === 'approved');

  if (charges.length > 1) violations.push(`double charge: ${charges.length} approved authorisations on the terminal for one service run (receipts ${charges.map((c) => c.receiptNumber).join(', ')})`);

  const appsFor = (receipt: number) => applications.filter((a) => a.payment?.method === 'card' && Number(a.payment.transactionRef) === receipt);
  for (const charge of charges) {
    const apps = appsFor(charge.receiptNumber);
    const reversed = charge.state === 'reversed';
    if (!reversed && apps.length === 0) violations.push(`charge receipt ${charge.receiptNumber} (${charge.amountFils} fils) stands with no application and no reversal: the citizen paid for nothing`);
    if (reversed && apps.length > 0) violations.push(`charge receipt ${charge.receiptNumber} was reversed but application ${apps.map((a) => a.reference).join(', ')} was submitted with it: service given for free`);
    if (apps.length > 1) violations.push(`charge receipt ${charge.receiptNumber} paid for ${apps.length} applications`);
  }

  // 3. The journal records the money and the applications.
  for (const charge of standing) {
    const recorded = after.intents.some((i) => i.action === 'authorise' && latest(i)?.result === 'success' && Number(latest(i)?.detail.receiptNo) === charge.receiptNumber);
    if (!recorded) violations.push(`charge receipt ${charge.receiptNumber} is on the terminal but not recorded as a successful authorisation in the journal`);
  }
  for (const reversal of terminal.filter((e) => e.reversalOf !== undefined && e.note !== 'auto-reversal')) {
    const recorded = after.intents.some((i) => i.action === 'reversal' && latest(i)?.result === 'success' && Number(i.detail.receiptNo) === reversal.reversalOf);
    if (!recorded) violations.push(`reversal of receipt ${reversal.reversalOf} is on the terminal but not recorded as a successful reversal in the journal`);
  }
  const byKey = new Map<string, GatewayApplication[]>();
  for (const app of applications) if (app.idempotencyKey) byKey.set(app.idempotencyKey, [...(byKey.get(app.idempotencyKey) ?? []), app]);
  for (const [key, apps] of byKey) {
    if (apps.length > 1) violations.push(`${apps.length} applications for one idempotency key ${key}`);
    for (const app of apps) {
      const recorded = after.intents.some((i) => i.action === 'submit' && i.key === key && latest(i)?.result === 'success' && latest(i)?.detail.reference === app.reference);
      if (!recorded) violations.push(`application ${app.reference} is on the gateway but not recorded as a successful submit in the journal`);
      if (app.payment?.method === 'card' && !standing.some((c) => c.receiptNumber === Number(app.payment?.transactionRef))) {
        violations.push(`application ${app.reference} claims card payment ${app.payment.transactionRef}, which is not a standing charge on the terminal`);
      }
    }
  }

  // 5. Nothing left half-done.
  for (const intent of after.intents.filter(isUnfinished)) {
    violations.push(`${intent.action} intent #${intent.id} (${intent.key.split(':').slice(3).join(':') || 'run'}) is still unfinished after start-up recovery (last outcome: ${latest(intent)?.result ?? 'none'})`);
  }

  // 6. Every run recovery had to settle is on the technician's list, truthfully.
  const since = books.sinceEventId ?? atCrash.events.at(-1)?.id ?? 0;
  const recoveryEvents = after.events.filter((e) => e.id > since && e.type === 'recovery');
  for (const run of runsNeedingRecovery(atCrash)) {
    const events = recoveryEvents.filter((e) => e.detail.run === run.slice(0, 64));
    if (events.length === 0) {
      violations.push(`run ${run.slice(0, 8)}… needed recovery but no recovery event was recorded for it`);
      continue;
    }
    for (const event of events) {
      const result = String(event.detail.result);
      const paid = standing.length > 0;
      const submitted = applications.some((a) => a.idempotencyKey === run);
      if (result === 'unresolved') violations.push(`recovery left run ${run.slice(0, 8)}… unresolved: ${String(event.detail.detail)}`);
      if (result === 'nothing-taken' && paid) violations.push(`recovery recorded "${String(event.detail.detail)}" (nothing-taken) for run ${run.slice(0, 8)}…, but the terminal holds a standing charge (receipt ${standing[0]!.receiptNumber})`);
      if (result === 'completed' && !submitted) violations.push(`recovery recorded "completed" for run ${run.slice(0, 8)}…, but the gateway has no application for it`);
      if (result === 'refunded' && !charges.some((c) => c.state === 'reversed')) violations.push(`recovery recorded "refunded" for run ${run.slice(0, 8)}…, but no charge was reversed on the terminal`);
      // 7. The citizen who left without proof is told.
      const told = String(event.detail.citizen ?? 'none');
      if ((result === 'completed' || result === 'refunded') && charges.length > 0 && told !== 'had-proof' && told !== 'told-by-sms') {
        violations.push(`recovery ${result} run ${run.slice(0, 8)}… but the citizen was not told (${told})`);
      }
      if (told === 'told-by-sms' && books.smsReceipts && !books.smsReceipts.some((sms) => sms.text.includes(result === 'refunded' ? 'refunded' : 'submitted'))) {
        violations.push(`recovery says the citizen of run ${run.slice(0, 8)}… was texted, but the gateway sent no such SMS`);
      }
    }
  }
  return violations;
}

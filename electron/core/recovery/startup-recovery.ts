import type { JournalStore } from '../journal/journal-store.ts';
import type { IntentRow } from '../journal/journal-types.ts';
import type { Logger } from '../log/logger.ts';
import type { GatewayPort } from '../flow/flow-ports.ts';
import type { PaymentTerminalPort } from '../payments/payment-port.ts';
import { reverseCharge } from '../payments/card-payment.ts';
import { recoveryNoticeText } from './recovery-notice.ts';

/** What recovery did for one service run, for the technician's list. */
export interface RecoveredRun {
  runKey: string;
  serviceId: string | null;
  amountFils: number | null;
  /** completed: the application exists and the money (if any) stays; refunded: money returned; nothing-taken; unresolved: needs a technician. */
  result: 'completed' | 'refunded' | 'nothing-taken' | 'unresolved';
  detail: string;
  /**
   * What the citizen knows. had-proof: a receipt was printed or texted before
   * the crash; told-by-sms: recovery texted the outcome to their registered
   * mobile; sms-failed / not-reachable: the technician must follow up; none:
   * no money moved, nothing to tell.
   */
  citizen: 'had-proof' | 'told-by-sms' | 'sms-failed' | 'not-reachable' | 'none';
}

/** Sends a text to the registered mobile of the person with this CPR (through the gateway). */
export type NotifyCitizen = (input: { cpr: string; reference: string; text: string; idempotencyKey: string }) => Promise<boolean>;

export interface RecoveryDeps {
  journal: JournalStore;
  terminal: PaymentTerminalPort;
  gateway: GatewayPort;
  logger: Logger;
  /** Opens the CPR sealed on money intents; without it (or `notify`), nobody is texted. */
  openCpr?: (sealed: string) => string | null;
  notify?: NotifyCitizen;
}

/**
 * The service run an intent belongs to. A run key is `<session>:<service>:<run>`
 * (the submit uses it as is); every other irreversible step appends its own
 * suffix (`:pay:<n>`, `:reversal:<receipt>`, `:qr`, `:print:<step>` …), so the
 * run is the first three segments, whatever step wrote the intent.
 */
export function runKeyOf(idempotencyKey: string): string {
  return idempotencyKey.split(':').slice(0, 3).join(':');
}

const signal = () => new AbortController().signal;

/**
 * Before the kiosk accepts a citizen, every unfinished intent is resolved:
 * an in-doubt charge is looked up on the terminal, an unconfirmed submit is
 * looked up on the gateway by its idempotency key, and a charge with no
 * application behind it is reversed. The invariant it restores: every
 * approved charge has exactly one submitted application or one reversal.
 */
export async function recoverUnfinishedWork(deps: RecoveryDeps): Promise<RecoveredRun[]> {
  const { journal, logger } = deps;
  const unfinished = journal.unfinished();
  // Runs to look at: those with unfinished intents, plus runs whose charge succeeded but whose submit never finished.
  const runKeys = new Set(unfinished.map((row) => runKeyOf(row.idempotencyKey)));
  for (const charge of journal.search({ action: 'authorise', limit: 1000 })) {
    if (charge.outcome?.result !== 'success') continue;
    const key = runKeyOf(charge.idempotencyKey);
    const rows = rowsOfRun(journal, key);
    const settled = rows.some((r) => (r.action === 'submit' || r.action === 'reversal') && r.outcome?.result === 'success');
    if (!settled) runKeys.add(key);
  }
  const results: RecoveredRun[] = [];
  for (const runKey of runKeys) {
    try {
      const run = await recoverRun(deps, runKey);
      results.push({ ...run, citizen: await tellCitizen(deps, run) });
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'recovery of a run failed; left for the technician');
      results.push({ runKey, serviceId: null, amountFils: null, result: 'unresolved', detail: `recovery failed: ${(error as Error).message}`, citizen: 'not-reachable' });
    }
  }
  for (const result of results) {
    journal.recordEvent({
      type: 'recovery',
      sessionId: null,
      serviceId: result.serviceId,
      detail: { run: result.runKey.slice(0, 64), result: result.result, amountFils: result.amountFils, detail: result.detail.slice(0, 200), citizen: result.citizen },
    });
  }
  if (results.length > 0) logger.warn({ runs: results.length, unresolved: results.filter((r) => r.result === 'unresolved').length }, 'start-up recovery finished');
  return results;
}

function rowsOfRun(journal: JournalStore, runKey: string): IntentRow[] {
  return journal.search({ limit: 1000 }).filter((r) => runKeyOf(r.idempotencyKey) === runKey).sort((a, b) => a.id - b.id);
}

/**
 * A citizen whose money moved and who left without proof (no receipt printed
 * or texted) is told by SMS what became of it, once: the SMS is an intent of
 * its own, so a second restart does not text again.
 */
async function tellCitizen(deps: RecoveryDeps, run: Omit<RecoveredRun, 'citizen'>): Promise<RecoveredRun['citizen']> {
  const { journal, logger } = deps;
  if (run.result === 'nothing-taken') return 'none';
  const rows = rowsOfRun(journal, run.runKey);
  const charge = rows.find((r) => (r.action === 'authorise' || r.action === 'qr-payment') && r.outcome?.result === 'success');
  if (!charge) return 'none';
  const proof = rows.some((r) => (r.action === 'print' || r.action === 'sms') && r.outcome?.result === 'success');
  if (proof) return 'had-proof';
  if (run.result === 'unresolved') return 'not-reachable';
  const cpr = charge.cprSealed && deps.openCpr ? deps.openCpr(charge.cprSealed) : null;
  if (!cpr || !deps.notify) return 'not-reachable';
  const submit = rows.find((r) => r.action === 'submit' && r.outcome?.result === 'success');
  const reference = typeof submit?.outcome?.detail.reference === 'string' ? submit.outcome.detail.reference : run.runKey.split(':')[2]?.slice(0, 8).toUpperCase() ?? 'KIOSK';
  const text = recoveryNoticeText({ result: run.result, amountFils: charge.amountFils ?? 0, reference, maskedPan: charge.maskedPan ?? (typeof charge.outcome?.detail.maskedPan === 'string' ? charge.outcome.detail.maskedPan : null) });
  const key = `${run.runKey}:recovery-sms`;
  const id = journal.recordIntent({ action: 'sms', sessionId: charge.sessionId, serviceId: charge.serviceId, idempotencyKey: key, amountFils: null, cpr: null, maskedPan: null, detail: { purpose: 'recovery-notice', result: run.result } });
  const sent = await deps.notify({ cpr, reference, text, idempotencyKey: key }).catch(() => false);
  journal.recordOutcome(id, sent ? 'success' : 'failed', {});
  if (!sent) logger.warn({ run: run.runKey.slice(0, 64) }, 'recovery notice SMS not delivered; left for the technician');
  return sent ? 'told-by-sms' : 'sms-failed';
}

async function recoverRun(deps: RecoveryDeps, runKey: string): Promise<Omit<RecoveredRun, 'citizen'>> {
  const { journal, terminal, gateway } = deps;
  const rows = rowsOfRun(journal, runKey);
  const serviceId = rows[0]?.serviceId ?? null;
  const base = { runKey, serviceId };

  // 0. A reversal cut short: did the terminal do it?
  for (const reversal of rows.filter((r) => r.action === 'reversal' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    const last = await terminal.lastTransaction(signal());
    if (last.kind === 'found' && last.state === 'reversed' && last.transaction.receiptNo === reversal.detail.receiptNo) {
      journal.recordOutcome(reversal.id, 'success', { resolvedBy: 'recovery' });
    } else {
      journal.recordOutcome(reversal.id, 'failed', { why: 'not reversed on the terminal', resolvedBy: 'recovery' });
    }
  }

  // 1. Charges whose outcome is unknown: ask the terminal what it did.
  for (const charge of rows.filter((r) => r.action === 'authorise' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    const last = await terminal.lastTransaction(signal());
    if (last.kind === 'found' && last.state === 'approved' && last.transaction.amountFils === charge.amountFils) {
      const tx = last.transaction;
      journal.recordOutcome(charge.id, 'success', { receiptNo: tx.receiptNo, trace: tx.trace, authCode: tx.authCode, maskedPan: tx.maskedPan, resolvedBy: 'recovery' });
    } else if (last.kind === 'none' || (last.kind === 'found' && last.transaction.amountFils !== charge.amountFils) || (last.kind === 'found' && last.state === 'reversed')) {
      journal.recordOutcome(charge.id, 'failed', { why: 'terminal shows no such charge', resolvedBy: 'recovery' });
    } else {
      return { ...base, amountFils: charge.amountFils, result: 'unresolved', detail: 'payment terminal unreachable; charge still in doubt' };
    }
  }

  // 2. A submit whose outcome is unknown: ask the gateway by the same key.
  const refreshed = rowsOfRun(journal, runKey);
  for (const submit of refreshed.filter((r) => r.action === 'submit' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    const found = await gateway.findSubmission(submit.idempotencyKey, signal());
    if (!found.ok) return { ...base, amountFils: submit.amountFils, result: 'unresolved', detail: 'gateway unreachable; submission unknown' };
    if (found.value.found) journal.recordOutcome(submit.id, 'success', { reference: found.value.receipt.reference, resolvedBy: 'recovery' });
    else journal.recordOutcome(submit.id, 'failed', { why: 'gateway has no such submission', resolvedBy: 'recovery' });
  }

  // 2b. A receipt or document that may or may not have come out: the citizen has gone, so there is
  // nobody to reprint for. Record the case for the technician; the e-receipt stays available.
  for (const print of rowsOfRun(journal, runKey).filter((r) => r.action === 'print' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    journal.recordOutcome(print.id, 'resolved', { resolvedBy: 'recovery', citizenCase: 'print interrupted; the printout may be missing' });
  }
  // A text cut short: resolved here; tellCitizen sends it again under the same idempotency key, which the gateway sends once.
  for (const sms of rowsOfRun(journal, runKey).filter((r) => r.action === 'sms' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    journal.recordOutcome(sms.id, 'resolved', { resolvedBy: 'recovery' });
  }
  // An eKey change cut short: no money, nothing to undo; the citizen sees the truth with "eKey status".
  for (const ekey of rowsOfRun(journal, runKey).filter((r) => r.action === 'ekey' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    journal.recordOutcome(ekey.id, 'resolved', { resolvedBy: 'recovery', citizenCase: 'eKey change unconfirmed; check with eKey status' });
  }
  // The same for a card being given back when the kiosk died: it is either taken or in the capture bin.
  for (const capture of rowsOfRun(journal, runKey).filter((r) => r.action === 'capture' && (!r.outcome || r.outcome.result === 'in-doubt'))) {
    journal.recordOutcome(capture.id, 'resolved', { resolvedBy: 'recovery', citizenCase: 'card return interrupted; check the capture bin' });
  }

  // 3. The money: an approved charge stays only if an application stands behind it.
  const now = rowsOfRun(journal, runKey);
  const charge = now.find((r) => r.action === 'authorise' && r.outcome?.result === 'success');
  const submitted = now.some((r) => r.action === 'submit' && r.outcome?.result === 'success');
  const reversed = now.some((r) => r.action === 'reversal' && r.outcome?.result === 'success');
  if (!charge) return { ...base, amountFils: null, result: submitted ? 'completed' : 'nothing-taken', detail: submitted ? 'application confirmed' : 'no money was taken' };
  if (submitted) return { ...base, amountFils: charge.amountFils, result: 'completed', detail: 'application confirmed; payment kept' };
  if (reversed) return { ...base, amountFils: charge.amountFils, result: 'refunded', detail: 'already reversed' };
  const receiptNo = String(charge.outcome?.detail.receiptNo ?? '');
  const result = await reverseCharge(
    { terminal, journal, logger: deps.logger },
    {
      amountFils: charge.amountFils ?? 0,
      idempotencyKey: runKey,
      sessionId: charge.sessionId ?? 'recovery',
      serviceId: charge.serviceId ?? 'unknown',
      cpr: null,
      transaction: { receiptNo, trace: String(charge.outcome?.detail.trace ?? ''), amountFils: charge.amountFils ?? 0, maskedPan: (charge.outcome?.detail.maskedPan as string | null) ?? null, authCode: null },
    },
    signal(),
  );
  if (result === 'reversed') return { ...base, amountFils: charge.amountFils, result: 'refunded', detail: 'no application behind the charge; reversed' };
  return { ...base, amountFils: charge.amountFils, result: 'unresolved', detail: `reversal ${result}` };
}

import type { ZvtTerminal, AdminCompletion } from '../../devices/payment/zvt/driver/zvt-terminal.ts';
import type { EndOfDayResult, SettlementPort } from './settlement-port.ts';

/** BHD, ISO 4217 numeric. */
const BHD = 48;

/**
 * The terminal's count of charges. The ZVT driver does not decode BMP 60
 * ("individual totals", per card type) and the simulator does not send it, so
 * the count is read from the terminal's own end-of-day receipt ("COUNT 2",
 * "COUNT: 2", "TOTAL COUNT 2") when it prints one. Without it the count is
 * `null` and only the amount is reconciled.
 */
export function countFromReceipt(lines: readonly string[]): number | null {
  for (const line of lines) {
    const match = /^\s*(?:TOTAL\s+)?(?:COUNT|NO\.? OF TRX|TRANSACTIONS)\s*:?\s*(\d{1,6})\s*$/i.exec(line);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}

function failure(completion: AdminCompletion): EndOfDayResult {
  const code = completion.errorCode ? `${completion.completionCode}/${completion.errorCode}` : completion.completionCode;
  // A time-out or a link lost mid-conversation may come after the terminal closed the batch.
  // Refused, rejected, not sent or canceled before sending: the batch is untouched.
  const batchMayBeClosed = completion.completionCode === 'timeOut' || completion.errorCode === 'terminalFault';
  return { kind: 'failed', reason: `${code}${completion.description ? `: ${completion.description}` : ''}`.slice(0, 200), batchMayBeClosed };
}

/**
 * ZVT end-of-day (06 50) in settlement's words. The totals come from the
 * Status-Information the terminal sends during end-of-day (BMP 04 = total
 * amount of the closed batch, approvals minus reversals).
 */
export function zvtSettlementPort(terminal: ZvtTerminal): SettlementPort {
  return {
    async endOfDay(signal): Promise<EndOfDayResult> {
      let completion: AdminCompletion;
      try {
        completion = await terminal.endOfDay({ signal });
      } catch (error) {
        return { kind: 'failed', reason: `driver error: ${(error as Error).message}`.slice(0, 200), batchMayBeClosed: true };
      }
      if (completion.completionCode !== 'success') return failure(completion);
      const payload = completion.payload;
      const totalsRecord = payload?.transactions.filter((t) => t.amountFils !== undefined).at(-1);
      if (!payload || !totalsRecord || totalsRecord.amountFils === undefined) {
        return { kind: 'failed', reason: 'end-of-day succeeded but the terminal reported no totals', batchMayBeClosed: true };
      }
      if (totalsRecord.currencyCode !== undefined && totalsRecord.currencyCode !== BHD) {
        return { kind: 'failed', reason: `terminal totals are in currency ${totalsRecord.currencyCode}, not BHD`, batchMayBeClosed: true };
      }
      const terminalReceipt = [...payload.terminalReceipt];
      return { kind: 'ok', totals: { count: countFromReceipt(terminalReceipt), amountFils: totalsRecord.amountFils }, terminalReceipt };
    },
  };
}

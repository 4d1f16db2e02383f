/**
 * A ZVT result code (from 06 1E, 84 xx or BMP 27) as a failed contract outcome,
 * carrying the caller's payload. Shared by the money and admin evaluations.
 */
import type { CommandOutcome } from '../../../contract/completion.ts';
import { mapResultCode } from '../result-codes.ts';
import type { ZvtErrorCode } from './zvt-errors.ts';

export function outcomeForResultCode<P>(code: number, payload: P, prefix: string): CommandOutcome<P, ZvtErrorCode> {
  const m = mapResultCode(code);
  if (!m) return { completionCode: 'commandErrorCode', errorCode: 'commandRejected', payload, description: `${prefix}: result 00 where a refusal was expected` };
  const description = `${prefix}: ${m.description}`;
  if (m.completionCode === 'commandErrorCode') return { completionCode: 'commandErrorCode', errorCode: m.errorCode ?? 'otherError', payload, description };
  return { completionCode: m.completionCode, ...(m.errorCode === undefined ? {} : { errorCode: m.errorCode }), payload, description };
}

/**
 * Command completions, modelled on XFS4IoT (the ATM industry's device API,
 * https://www.cencenelec.eu / xfs4iot.org, "API" chapter "Messages"): every command
 * carries a requestId and ends with exactly one completion message whose
 * `completionCode` says how it ended in general terms and whose class-specific
 * `errorCode` says why when `completionCode` is `commandErrorCode` (and may add
 * detail for the other failure codes).
 *
 * Deviation from XFS4IoT: its `unsupportedCommand`, `invalidData`, `noHardware`,
 * `invalidToken`, `unsupportedData` and `internalError` codes are folded into
 * `hardwareError`/`commandErrorCode` with a class-specific errorCode — the kiosk
 * core reacts to those the same way (take the device out of service, log, alert).
 */
import { z } from 'zod';

export const COMPLETION_CODES = [
  'success',
  'commandErrorCode',
  'canceled',
  'deviceNotReady',
  'hardwareError',
  'timeOut',
  'sequenceError',
  'userError',
  'fraudAttempt',
] as const;

export const CompletionCodeSchema = z.enum(COMPLETION_CODES);
export type CompletionCode = z.infer<typeof CompletionCodeSchema>;

export interface Completion<TPayload = undefined, TErrorCode extends string = string> {
  readonly requestId: string;
  readonly completionCode: CompletionCode;
  /** Class-specific reason; always present for `commandErrorCode`. */
  readonly errorCode?: TErrorCode;
  /** The command's result data; normally only on `success`. */
  readonly payload?: TPayload;
  /** Free text for logs and the technician screen. Never shown to citizens, never personal data. */
  readonly description?: string;
}

/**
 * A zod schema for a completion crossing a process boundary (device worker → core,
 * core → diagnostics page). `payload` and `errorCode` schemas are class-specific.
 */
export function completionSchema<P extends z.ZodType, E extends z.ZodType<string>>(payload: P, errorCode: E) {
  return z
    .object({
      requestId: z.string().min(1).max(128),
      completionCode: CompletionCodeSchema,
      errorCode: errorCode.optional(),
      payload: payload.optional(),
      description: z.string().max(500).optional(),
    })
    .refine((c) => c.completionCode !== 'commandErrorCode' || c.errorCode !== undefined, {
      message: 'commandErrorCode completions must carry an errorCode',
      path: ['errorCode'],
    });
}

/** What a device-specific command implementation returns; runCommand adds the requestId. */
export type CommandOutcome<TPayload, TErrorCode extends string> =
  | { readonly completionCode: 'success'; readonly payload: TPayload; readonly description?: string }
  | {
      readonly completionCode: 'commandErrorCode';
      readonly errorCode: TErrorCode;
      readonly payload?: TPayload;
      readonly description?: string;
    }
  | {
      readonly completionCode: Exclude<CompletionCode, 'success' | 'commandErrorCode'>;
      readonly errorCode?: TErrorCode;
      readonly payload?: TPayload;
      readonly description?: string;
    };

/** A failed outcome: what class-specific error tables map device errors to. */
export type FailureOutcome<TErrorCode extends string> = Exclude<CommandOutcome<never, TErrorCode>, { completionCode: 'success' }>;

/** A class-specific device error mapped onto the contract (codec error tables produce these). */
export type MappedDeviceError<TErrorCode extends string> = FailureOutcome<TErrorCode> & { readonly description: string };

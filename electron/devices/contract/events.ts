/**
 * Events, after XFS4IoT's two kinds:
 *  - intermediate events belong to one running command (same requestId) and arrive
 *    before its completion (e.g. "insert card now", ZVT "please watch PIN pad");
 *  - unsolicited events belong to no command (card inserted while idle, paper low,
 *    cover opened) and go on the device's event stream.
 */
import { z } from 'zod';
import { DeviceClassSchema, DeviceStatusSchema } from './status.ts';

export interface IntermediateEvent<TEvent> {
  readonly requestId: string;
  readonly event: TEvent;
}

export const UNSOLICITED_EVENT_TYPES = [
  'mediaInserted',
  'mediaRemoved',
  'mediaTaken',
  'mediaRetained',
  'mediaDetected',
  'paperLow',
  'paperOut',
  'paperReplenished',
  'coverOpened',
  'coverClosed',
  'statusChanged',
  'deviceError',
] as const;

export const UnsolicitedEventSchema = z.object({
  type: z.enum(UNSOLICITED_EVENT_TYPES),
  deviceClass: DeviceClassSchema,
  /** Injected clock time (ms since epoch). */
  at: z.number().int().nonnegative(),
  /** For statusChanged: the new status. */
  status: DeviceStatusSchema.optional(),
  /** Technician detail; never personal data. */
  detail: z.string().max(200).optional(),
});
export type UnsolicitedEvent = z.infer<typeof UnsolicitedEventSchema>;

/**
 * Device status, capabilities, counters and self-test results, after XFS4IoT's
 * Common.Status / Common.Capabilities split: status says how the device is now and
 * changes all the time; capabilities say what the device can do and change only
 * when the device is replaced. The core polls status (and listens to unsolicited
 * events); it reads capabilities once after the device opens.
 *
 * Values crossing a process boundary (to the diagnostics page, to the journal)
 * are validated with the zod schemas below.
 */
import { z } from 'zod';

export const DEVICE_CLASSES = ['cardReader', 'printer', 'payment', 'scanner', 'keypad', 'fingerprint', 'documentPrinter'] as const;
export const DeviceClassSchema = z.enum(DEVICE_CLASSES);
export type DeviceClass = z.infer<typeof DeviceClassSchema>;

/** XFS4IoT Common.Status.device (subset we use). */
export const DeviceStateSchema = z.enum(['online', 'offline', 'hardwareError', 'deviceBusy', 'noDevice']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

/**
 * XFS4IoT CardReader.Status.media (plus `unknown` when the device cannot tell):
 * `entering` = the card is at the entry/exit slot (Sankyo status "01", card at gate),
 * `present` = inside the transport, `latched` = held for chip contact.
 */
export const MediaStateSchema = z.enum(['present', 'notPresent', 'jammed', 'entering', 'latched', 'unknown']);
export type MediaState = z.infer<typeof MediaStateSchema>;

/** Retain (capture) bin of a card reader; XFS4IoT CardReader.Status... retain bin states. */
export const BinStateSchema = z.enum(['ok', 'high', 'full', 'missing', 'unknown']);
export const BinStatusSchema = z.object({
  id: z.string().min(1).max(32),
  state: BinStateSchema,
  count: z.number().int().nonnegative(),
  capacity: z.number().int().positive().optional(),
});
export type BinStatus = z.infer<typeof BinStatusSchema>;

/** XFS4IoT Printer.Status.paper (per supply; receipt printers have one roll). */
export const PaperStateSchema = z.enum(['full', 'low', 'out', 'jammed', 'unknown']);
export type PaperState = z.infer<typeof PaperStateSchema>;

export const DeviceStatusSchema = z.object({
  device: DeviceStateSchema,
  media: MediaStateSchema.optional(),
  bins: z.array(BinStatusSchema).max(8).optional(),
  paper: PaperStateSchema.optional(),
  /** Printer cover, card reader shutter: anything a person can open. */
  cover: z.enum(['closed', 'open', 'unknown']).optional(),
  /** Chip power state for card readers. */
  chip: z.enum(['poweredOff', 'poweredOn', 'noCard', 'unknown']).optional(),
  /** Class-specific detail for the technician screen (e.g. "autocutter error"); no personal data. */
  detail: z.array(z.string().max(120)).max(16).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const CardReaderCapabilitiesSchema = z.object({
  deviceClass: z.literal('cardReader'),
  model: z.string().max(64),
  firmwareVersion: z.string().max(64).optional(),
  /** Motorised readers can eject, capture and hold the card. */
  motorised: z.boolean(),
  chipProtocols: z.array(z.enum(['T0', 'T1'])).max(2),
  retainBinCapacity: z.number().int().nonnegative(),
  magneticTracks: z.array(z.enum(['track1', 'track2', 'track3'])).max(3),
});
export const PrinterCapabilitiesSchema = z.object({
  deviceClass: z.literal('printer'),
  model: z.string().max(64),
  firmwareVersion: z.string().max(64).optional(),
  paperWidthDots: z.number().int().positive(),
  dotsPerMm: z.number().positive(),
  cutter: z.enum(['full', 'partial', 'none']),
  rasterImages: z.boolean(),
  automaticStatusBack: z.boolean(),
});
export const PaymentCapabilitiesSchema = z.object({
  deviceClass: z.literal('payment'),
  model: z.string().max(64),
  firmwareVersion: z.string().max(64).optional(),
  protocol: z.literal('zvt'),
  /** ISO 4217 numeric currency, e.g. 48 for BHD. */
  currencyCode: z.number().int().min(0).max(999),
  reversal: z.boolean(),
  endOfDay: z.boolean(),
});
export const GenericCapabilitiesSchema = z.object({
  deviceClass: z.enum(['scanner', 'keypad', 'fingerprint', 'documentPrinter']),
  model: z.string().max(64),
  firmwareVersion: z.string().max(64).optional(),
});
export const DeviceCapabilitiesSchema = z.discriminatedUnion('deviceClass', [
  CardReaderCapabilitiesSchema,
  PrinterCapabilitiesSchema,
  PaymentCapabilitiesSchema,
  GenericCapabilitiesSchema,
]);
export type DeviceCapabilities = z.infer<typeof DeviceCapabilitiesSchema>;

/**
 * Monotonic counters for the technician screen and supply planning
 * (e.g. cardsCaptured, cutsPerformed, paperMillimetres, transactionsApproved).
 */
export const DeviceCountersSchema = z.object({
  deviceClass: DeviceClassSchema,
  since: z.number().int().nonnegative(),
  counters: z.record(z.string().max(48), z.number().int().nonnegative()),
});
export type DeviceCounters = z.infer<typeof DeviceCountersSchema>;

export const SelfTestResultSchema = z.object({
  deviceClass: DeviceClassSchema,
  at: z.number().int().nonnegative(),
  passed: z.boolean(),
  checks: z
    .array(z.object({ name: z.string().max(64), passed: z.boolean(), detail: z.string().max(200).optional() }))
    .max(32),
});
export type SelfTestResult = z.infer<typeof SelfTestResultSchema>;

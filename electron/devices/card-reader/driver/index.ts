/** The card reader driver's public surface (the core imports from here). */
export { CardReaderDevice, type CardReaderCapabilities, type CardReaderCompletion, type ChipPowerOnPayload, type CommandOptions } from './card-reader-device.ts';
export { IdCardReader, type CardReadOutcome, type PinOutcome, type ReleaseOutcome, type WriteOutcome, type DeviceFault } from './id-card-reader.ts';
export {
  CAPTURE_REASONS,
  DEFAULT_TIMEOUTS,
  type CaptureReason,
  type CardReaderDriverErrorCode,
  type CardReaderDriverOptions,
  type CardReaderIntermediateEvent,
  type CardReaderLogLine,
  type CardReaderTimeouts,
} from './options.ts';

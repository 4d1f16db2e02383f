/**
 * Sankyo error codes (negative reply "N" cm pm e1 e0) mapped onto the device contract.
 *
 * Source: ICT3Q8 interface specification ASL-NP-09256-01, chapter 8.3 "Error code"
 * and chapter 10 "Explanation of error code"; codes only the ICT3K5 has (03, 06, 18
 * two cards, 39 fan, 43 IC positioning, 73 EEPROM) from the smartware ICT3K5 driver's
 * error table. Where ICT3Q8 and ICT3K5 disagree on "18" (ICT3Q8: SW1/SW2 error,
 * ICT3K5: two cards) we follow the ICT3K5, the reader we model.
 *
 * The error code is the two ASCII characters e1 e0 as printed in the spec ("10",
 * "B0"), kept as a string.
 */
import type { MappedDeviceError } from '../contract/completion.ts';

/** Class-specific errorCode values for the card reader, in XFS4IoT CardReader style. */
export const CARD_READER_ERROR_CODES = [
  'commandRejected',
  'mediaJam',
  'shutterFail',
  'sensorFault',
  'cardTooLong',
  'cardTooShort',
  'memoryFault',
  'mediaRemoved',
  'cardCollision',
  'noMedia',
  'invalidMedia',
  'powerFail',
  'linkDown',
  'fanFault',
  'chipContactFault',
  'mediaNotTaken',
  'retainBinFull',
  'motorFault',
  'chipPowerFault',
  'atrNotObtained',
  'protocolNotSupported',
  'chipNoResponse',
  'chipCommunicationError',
  'chipNotActivated',
  'notInitialised',
  'unknownError',
] as const;
export type CardReaderErrorCode = (typeof CARD_READER_ERROR_CODES)[number];

type Entry = MappedDeviceError<CardReaderErrorCode>;
const cmd = (errorCode: CardReaderErrorCode, description: string): Entry => ({ completionCode: 'commandErrorCode', errorCode, description });
const hw = (errorCode: CardReaderErrorCode, description: string): Entry => ({ completionCode: 'hardwareError', errorCode, description });
const user = (errorCode: CardReaderErrorCode, description: string): Entry => ({ completionCode: 'userError', errorCode, description });

const TABLE: Readonly<Record<string, Entry>> = {
  '00': cmd('commandRejected', 'command code not recognised'),
  '01': cmd('commandRejected', 'parameter not correct'),
  '02': { completionCode: 'sequenceError', description: 'command execution impossible in this state (e.g. no card inside)' },
  '03': cmd('commandRejected', 'function not implemented'),
  '04': cmd('commandRejected', 'command data error'),
  '06': cmd('commandRejected', 'decryption key not received'),
  '10': cmd('mediaJam', 'card jam'),
  '11': cmd('shutterFail', 'shutter failure'),
  '12': hw('sensorFault', 'sensor failure or card remains inside'),
  '13': cmd('cardTooLong', 'irregular card length (long)'),
  '14': cmd('cardTooShort', 'irregular card length (short)'),
  '15': hw('memoryFault', 'F-ROM/EEPROM error'),
  '16': user('mediaRemoved', 'card was moved forcibly during the operation'),
  '17': cmd('mediaJam', 'jam error at retrieve'),
  '18': { completionCode: 'fraudAttempt', errorCode: 'cardCollision', description: 'two cards detected' },
  '19': cmd('noMedia', 'card was not inserted from the rear'),
  '20': cmd('invalidMedia', 'magnetic read error (parity/clock)'),
  '21': cmd('invalidMedia', 'magnetic read error'),
  '22': cmd('invalidMedia', 'magnetic write error'),
  '23': cmd('invalidMedia', 'magnetic read error (only SS-ES-LRC)'),
  '24': cmd('invalidMedia', 'no magnetic data or stripe'),
  '25': cmd('invalidMedia', 'magnetic write verify error (quality)'),
  '26': cmd('invalidMedia', 'magnetic read error (no start sentinel)'),
  '27': cmd('invalidMedia', 'magnetic read error (no end sentinel)'),
  '28': cmd('invalidMedia', 'magnetic read error (LRC)'),
  '29': cmd('invalidMedia', 'magnetic write verify error (data)'),
  '30': hw('powerFail', 'power down'),
  '31': hw('linkDown', 'DSR went off'),
  '39': hw('fanFault', 'fan failure'),
  '40': user('mediaRemoved', 'card was pulled out during capture'),
  '43': hw('chipContactFault', 'IC contact positioning error'),
  '45': user('mediaRemoved', 'reader ejected the card forcibly'),
  '46': user('mediaNotTaken', 'ejected card not taken within the set time'),
  '50': cmd('retainBinFull', 'retract counter overflow (capture bin full)'),
  '51': hw('motorFault', 'motor error'),
  '60': cmd('chipPowerFault', 'abnormal condition on the card Vcc line'),
  '61': cmd('atrNotObtained', 'ATR receiving error'),
  '62': cmd('protocolNotSupported', 'specified protocol does not match the card'),
  '63': cmd('chipNoResponse', 'IC card does not respond'),
  '64': cmd('chipCommunicationError', 'IC card communication error'),
  '65': { completionCode: 'sequenceError', errorCode: 'chipNotActivated', description: 'IC command before ATR' },
  '66': cmd('invalidMedia', 'IC card not supported by the reader'),
  '69': cmd('invalidMedia', 'IC card not supported under EMV2000'),
  '73': hw('memoryFault', 'EEPROM error'),
  B0: { completionCode: 'deviceNotReady', errorCode: 'notInitialised', description: 'Initialize command not yet received' },
};

export function mapCardReaderError(code: string): Entry {
  return TABLE[code] ?? hw('unknownError', `unknown Sankyo error "${code}"`);
}

export function knownCardReaderErrorCodes(): string[] {
  return Object.keys(TABLE);
}

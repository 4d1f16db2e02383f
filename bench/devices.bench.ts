import { cardReaderWireBench } from '../native-mocks/card-reader/bench.ts';
import { receiptRasterBench } from '../native-mocks/receipt-printer/bench.ts';
import { zvtAuthorisationBench } from '../native-mocks/payment-terminal/bench.ts';
import { openSerialTransport } from '../electron/devices/transport/serial-transport.ts';
import type { BenchRow } from './stats.ts';

/** Devices: software time against the emulated wire time of the same bytes. */
export async function devicesBench(): Promise<BenchRow[]> {
  return [
    ...(await cardReaderWireBench({ openSerialTransport: (options) => openSerialTransport(options) })),
    ...(await receiptRasterBench()),
    ...(await zvtAuthorisationBench()),
  ];
}

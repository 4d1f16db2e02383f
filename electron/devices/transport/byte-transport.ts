/**
 * A byte pipe to one device: a real serial port, a TCP socket, a pseudo-
 * terminal, or an in-memory pair to an in-process simulator. Device drivers
 * speak their protocol over this and never know which one it is — that is
 * what lets the same driver and codec run in `sim`, `wire` and `real` mode.
 */
export interface ByteTransport {
  /** Resolves when the bytes have been handed to the OS (or the simulator). */
  write(bytes: Uint8Array): Promise<void>;
  /** Every chunk as it arrives; chunk boundaries mean nothing (split anywhere). */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The link went away (port unplugged, socket closed, simulator powered off). */
  onClose(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
  /** For logs and the technician screen: "sim", "/dev/ttyUSB0", "tcp 10.0.0.5:20007"… */
  readonly description: string;
}

/** Time on the wire for `byteCount` bytes at `baud`, with 1 start + 8 data + 1 stop (+1 parity) bits. */
export function wireTimeMs(byteCount: number, baud: number, bitsPerByte = 10): number {
  return (byteCount * bitsPerByte * 1000) / baud;
}

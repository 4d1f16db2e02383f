import { SerialPort } from 'serialport';
import type { ByteTransport } from './byte-transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Hardware flow control (the Sankyo reader uses RTS/CTS). Pseudo-terminals ignore it. */
  rtscts?: boolean;
}

/**
 * The real serial adapter: a ByteTransport over `serialport`. Used for `real`
 * devices and for `wire` mode, where the port is one end of a socat
 * pseudo-terminal pair and a simulator sits on the other.
 */
export async function openSerialTransport(options: SerialTransportOptions): Promise<ByteTransport> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
    rtscts: options.rtscts ?? false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(new Error(`cannot open ${options.path}: ${error.message}`)) : resolve())));
  const closeListeners = new Set<(reason: string) => void>();
  let open = true;
  const markClosed = (reason: string) => {
    if (!open) return;
    open = false;
    for (const listener of closeListeners) listener(reason);
  };
  port.on('close', (error: Error | null) => markClosed(error ? `port lost: ${error.message}` : 'closed'));
  port.on('error', (error: Error) => markClosed(`port error: ${error.message}`));
  return {
    description: options.path,
    get isOpen() {
      return open;
    },
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (!open) return reject(new Error(`${options.path} is closed`));
        port.write(Buffer.from(bytes), (error) => {
          if (error) return reject(error);
          port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
        });
      }),
    onData(listener) {
      const handler = (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      port.on('data', handler);
      return () => port.off('data', handler);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          markClosed('closed');
          return resolve();
        }
        port.close(() => {
          markClosed('closed');
          resolve();
        });
      }),
  };
}

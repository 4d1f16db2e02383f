import { Socket } from 'node:net';
import type { ByteTransport } from './byte-transport.ts';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** Give up connecting after this long (a terminal that is off does not always refuse, it may just not answer). */
  connectTimeoutMs?: number;
  /**
   * TCP keep-alive probe delay. A payment terminal can sit idle for hours between
   * citizens; keep-alive lets the OS notice a dead peer (cable pulled, terminal
   * rebooted) instead of the next authorisation finding out the hard way.
   */
  keepAliveMs?: number;
  /** For logs: defaults to "tcp host:port". */
  label?: string;
}

/**
 * A ByteTransport over a TCP connection (ZVT over TCP/IP: the same APDUs without
 * the serial DLE framing). Connect with a timeout; report the link closing on
 * end, error or close — whichever comes first, exactly once.
 *
 * Real Node timers here (not the injected DeviceClock): this is the I/O edge, and
 * the connect timeout guards a real socket, not protocol time.
 */
export async function openTcpTransport(options: TcpTransportOptions): Promise<ByteTransport> {
  const description = options.label ?? `tcp ${options.host}:${options.port}`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const socket = new Socket();
  socket.setNoDelay(true);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      socket.destroy();
      reject(new Error(`${description}: no connection within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(new Error(`${description}: cannot connect: ${error.message}`));
    };
    function cleanup(): void {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    socket.connect({ host: options.host, port: options.port });
  });

  socket.setKeepAlive(true, options.keepAliveMs ?? 10_000);
  const closeListeners = new Set<(reason: string) => void>();
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  let open = true;
  const markClosed = (reason: string) => {
    if (!open) return;
    open = false;
    for (const listener of [...closeListeners]) listener(reason);
    closeListeners.clear();
    dataListeners.clear();
  };
  socket.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const listener of [...dataListeners]) listener(bytes);
  });
  // The peer closing its side means the terminal hung up; we do not keep half-open links.
  socket.on('end', () => {
    markClosed('peer closed the connection');
    socket.destroy();
  });
  socket.on('error', (error: Error) => markClosed(`socket error: ${error.message}`));
  socket.on('close', (hadError: boolean) => markClosed(hadError ? 'connection lost' : 'closed'));

  return {
    description,
    get isOpen() {
      return open;
    },
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (!open) return reject(new Error(`${description} is closed`));
        socket.write(bytes, (error) => (error ? reject(error) : resolve()));
      }),
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) {
          markClosed('closed');
          return resolve();
        }
        socket.once('close', () => resolve());
        markClosed('closed');
        socket.destroy();
      }),
  };
}

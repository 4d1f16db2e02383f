import { open } from 'node:fs/promises';
import { ReadStream, WriteStream } from 'node:tty';

/**
 * The simulator's side of a pseudo-terminal pair, opened with plain file
 * handles (tty streams), not with the serialport adapter the kiosk uses:
 * simulators must not share code with what they imitate.
 */
export interface PtyDeviceEnd {
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
}

export async function openPtyDeviceEnd(path: string): Promise<PtyDeviceEnd> {
  const handle = await open(path, 'r+');
  const input = new ReadStream(handle.fd);
  input.setRawMode(true);
  const output = new WriteStream(handle.fd);
  const listeners = new Set<(chunk: Uint8Array) => void>();
  input.on('data', (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk);
    for (const listener of listeners) listener(bytes);
  });
  input.on('error', () => {
    // The host side went away; the simulator simply stops hearing anything.
  });
  let closed = false;
  return {
    write(bytes) {
      if (!closed) output.write(Buffer.from(bytes));
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      input.destroy();
      output.destroy();
      await handle.close().catch(() => {});
    },
  };
}

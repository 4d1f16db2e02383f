import type { DeviceClock } from '../contract/clock.ts';
import type { ByteTransport } from './byte-transport.ts';
import { wireTimeMs } from './byte-transport.ts';

export interface MemoryLinkOptions {
  /** Emulated line speed; 0 delivers at once (unit tests). */
  baud: number;
  bitsPerByte?: number;
  clock: DeviceClock;
  label?: string;
}

type Listener<T> = (value: T) => void;

class MemoryEnd implements ByteTransport {
  readonly description: string;
  #open = true;
  #dataListeners = new Set<Listener<Uint8Array>>();
  #closeListeners = new Set<Listener<string>>();
  peer: MemoryEnd | null = null;
  #options: MemoryLinkOptions;
  /** When the wire is busy until (emulated time), so bytes queue like on a UART. */
  #busyUntil = 0;

  constructor(description: string, options: MemoryLinkOptions) {
    this.description = description;
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) throw new Error(`${this.description}: write on a closed link`);
    const copy = bytes.slice();
    const peer = this.peer;
    const { baud, clock } = this.#options;
    if (baud <= 0) {
      queueMicrotask(() => peer?.deliver(copy));
      return;
    }
    const now = clock.now();
    const start = Math.max(now, this.#busyUntil);
    this.#busyUntil = start + wireTimeMs(copy.length, baud, this.#options.bitsPerByte);
    clock.setTimeout(() => peer?.deliver(copy), this.#busyUntil - now);
  }

  deliver(bytes: Uint8Array): void {
    if (!this.#open) return;
    for (const listener of this.#dataListeners) listener(bytes);
  }

  onData(listener: Listener<Uint8Array>): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  onClose(listener: Listener<string>): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  hangUp(reason: string): void {
    if (!this.#open) return;
    this.#open = false;
    for (const listener of this.#closeListeners) listener(reason);
    this.#dataListeners.clear();
    this.#closeListeners.clear();
  }

  async close(): Promise<void> {
    this.hangUp('closed');
    this.peer?.hangUp('peer closed');
  }
}

/**
 * Two connected ends: the driver holds `host`, the in-process simulator holds
 * `device`. With a baud rate, bytes arrive after the time they would take on
 * the wire (10 bits a byte), so `sim` mode behaves like the real line.
 */
export function createMemoryLink(options: MemoryLinkOptions): { host: ByteTransport; device: ByteTransport; unplug(reason?: string): void } {
  const label = options.label ?? 'sim';
  const host = new MemoryEnd(`${label} (host end)`, options);
  const device = new MemoryEnd(`${label} (device end)`, options);
  host.peer = device;
  device.peer = host;
  return {
    host,
    device,
    unplug(reason = 'unplugged') {
      host.hangUp(reason);
      device.hangUp(reason);
    },
  };
}

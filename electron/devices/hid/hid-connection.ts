/**
 * Keeps a driver connected to its HID device across unplugs.
 *
 * A HID device that is unplugged and plugged back is a new device to the
 * host: the old handle is dead and the device must be opened again. Drivers
 * whose device speaks only when a person acts (keypad, scanner) cannot wait
 * for the next command to notice, so while disconnected this retries on the
 * injected clock every `reconnectIntervalMs`. Exactly one timer exists while
 * disconnected and none after close(), so nothing outlives the driver.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { HidReport } from './hid-report.ts';
import type { HidConnector, HidTransport } from './hid-transport.ts';

export interface HidConnectionOptions {
  connect: HidConnector;
  clock: DeviceClock;
  /** Retry period while disconnected; 0 = reconnect only when ensureOpen() is called. */
  reconnectIntervalMs: number;
  onInputReport(report: HidReport): void;
  onConnected(transport: HidTransport): void;
  onDisconnected(reason: string): void;
}

export class HidConnection {
  readonly #options: HidConnectionOptions;
  #transport: HidTransport | null = null;
  #unsubscribe: Array<() => void> = [];
  #connecting: Promise<HidTransport | null> | null = null;
  #retryTimer: unknown = null;
  #closed = false;
  #lastError: string | null = null;

  constructor(options: HidConnectionOptions) {
    this.#options = options;
  }

  get transport(): HidTransport | null {
    return this.#transport?.isOpen ? this.#transport : null;
  }

  /** Why the last open failed (for status detail and completions). */
  get lastError(): string | null {
    return this.#lastError;
  }

  /** The open transport, opening it if needed; null when the device cannot be opened now. */
  ensureOpen(): Promise<HidTransport | null> {
    if (this.#closed) return Promise.resolve(null);
    const current = this.transport;
    if (current) return Promise.resolve(current);
    if (this.#connecting) return this.#connecting;
    const attempt = this.#attempt();
    this.#connecting = attempt;
    void attempt.finally(() => {
      if (this.#connecting === attempt) this.#connecting = null;
    });
    return attempt;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#clearRetry();
    const transport = this.#transport;
    this.#detach();
    await transport?.close();
  }

  async #attempt(): Promise<HidTransport | null> {
    let transport: HidTransport;
    try {
      transport = await this.#options.connect();
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#scheduleRetry();
      return null;
    }
    if (this.#closed) {
      await transport.close();
      return null;
    }
    if (!transport.isOpen) {
      this.#lastError = `${transport.description} closed while opening`;
      this.#scheduleRetry();
      return null;
    }
    this.#lastError = null;
    this.#clearRetry();
    this.#transport = transport;
    this.#unsubscribe = [
      transport.onInputReport((report) => this.#options.onInputReport(report)),
      transport.onClose((reason) => {
        if (this.#transport !== transport) return;
        this.#detach();
        this.#lastError = reason;
        this.#options.onDisconnected(reason);
        this.#scheduleRetry();
      }),
    ];
    this.#options.onConnected(transport);
    return transport;
  }

  #detach(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#transport = null;
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#options.reconnectIntervalMs <= 0 || this.#retryTimer !== null) return;
    this.#retryTimer = this.#options.clock.setTimeout(() => {
      this.#retryTimer = null;
      void this.ensureOpen();
    }, this.#options.reconnectIntervalMs);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#options.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}

/**
 * A set of listeners with an unsubscribe function, and a count so tests can
 * prove that nothing is left subscribed after a command or a close.
 *
 * One listener that throws must not stop the others or escape into a device's
 * read loop, so errors go to `onListenerError` (a log line) instead.
 */
export class ListenerSet<T> {
  readonly #listeners = new Set<(value: T) => void>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  add(listener: (value: T) => void): () => void {
    // Wrap so the same function added twice unsubscribes independently.
    const entry = (value: T) => listener(value);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }

  get size(): number {
    return this.#listeners.size;
  }
}

import {
  ServerMessageSchema,
  type ClientMessage,
  type Intent,
  type IntentResult,
  type KeypadInput,
  type KioskApi,
  type ViewModel,
} from '../../../electron/contract/index.ts';

/** The connection state the page shows (a calm "reconnecting" card, never an error dump). */
export type BridgeState = 'connecting' | 'open' | 'closed';

/** What the bridge needs from the page's WebSocket: enough to test it with a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface BrowserBridgeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  setTimer: (fn: () => void, ms: number) => unknown;
  onState: (state: BridgeState) => void;
}

const OPEN = 1;
const RESULT_TIMEOUT_MS = 15_000;

/**
 * `window.kiosk` for the browser shell: the contract's KioskApi over the
 * core's loopback WebSocket. Every server message is validated; anything off
 * the contract is dropped. Reconnects with capped back-off and asks for the
 * current view again after each reconnect.
 */
export function createBrowserBridge(options: BrowserBridgeOptions): KioskApi {
  const listeners = new Set<(view: ViewModel) => void>();
  const keypadListeners = new Set<(input: KeypadInput) => void>();
  const pending = new Map<number, (result: IntentResult) => void>();
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempts = 0;

  const sendRaw = (message: ClientMessage): boolean => {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  const connect = () => {
    options.onState('connecting');
    const ws = options.createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      options.onState('open');
      sendRaw({ type: 'sync' });
    };
    ws.onmessage = (event) => {
      let json: unknown;
      try {
        json = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const parsed = ServerMessageSchema.safeParse(json);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'view') for (const listener of listeners) listener(message.view);
      else if (message.type === 'keypad') for (const listener of keypadListeners) listener(message.input);
      else if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      options.onState('closed');
      for (const resolve of pending.values()) resolve({ ok: false, code: 'unavailable', message: 'connection lost' });
      pending.clear();
      attempts += 1;
      options.setTimer(connect, Math.min(5000, 250 * 2 ** Math.min(attempts, 5)));
    };
  };
  connect();

  return {
    send(intent: Intent): Promise<IntentResult> {
      const id = nextId++;
      return new Promise((resolve) => {
        if (!sendRaw({ type: 'intent', id, intent })) {
          resolve({ ok: false, code: 'unavailable', message: 'not connected' });
          return;
        }
        pending.set(id, resolve);
        options.setTimer(() => {
          if (pending.delete(id)) resolve({ ok: false, code: 'unavailable', message: 'no answer' });
        }, RESULT_TIMEOUT_MS);
      });
    },
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sync() {
      sendRaw({ type: 'sync' });
    },
    onKeypad(listener) {
      keypadListeners.add(listener);
      return () => keypadListeners.delete(listener);
    },
  };
}

/** The page address carries the per-launch token in its fragment: `#token=…`. */
export function bridgeUrlFromLocation(location: { host: string; hash: string }): string {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
  return `ws://${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

import { describe, expect, it } from 'vitest';
import { bridgeUrlFromLocation, createBrowserBridge, type BridgeState, type SocketLike } from './browser-bridge.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: BridgeState[] = [];
  const api = createBrowserBridge({
    url: 'ws://127.0.0.1:1/bridge?token=t',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    onState: (s) => states.push(s),
  });
  return { api, sockets, timers, states };
}

const VIEW = { screen: 'attract', language: 'ar', sessionEpoch: 1, idle: { phase: 'active' }, helpOpen: false };

describe('browser bridge (window.kiosk over the loopback WebSocket)', () => {
  it('syncs on open, passes valid views on, answers send() by id', async () => {
    const { api, sockets } = setup();
    const socket = sockets[0]!;
    socket.open();
    expect(JSON.parse(socket.sent[0]!)).toEqual({ type: 'sync' });
    const views: unknown[] = [];
    api.onView((v) => views.push(v));
    socket.receive({ type: 'view', view: VIEW });
    expect(views).toEqual([VIEW]);
    const pending = api.send({ type: 'start' });
    const sent = JSON.parse(socket.sent[1]!);
    expect(sent).toMatchObject({ type: 'intent', intent: { type: 'start' } });
    socket.receive({ type: 'result', id: sent.id, result: { ok: true } });
    expect(await pending).toEqual({ ok: true });
  });

  it('passes keypad keys on to its listeners; a key off the contract is dropped', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    const keys: unknown[] = [];
    const stop = api.onKeypad((k) => keys.push(k));
    sockets[0]!.receive({ type: 'keypad', input: { kind: 'navigate', direction: 'down' } });
    sockets[0]!.receive({ type: 'keypad', input: { kind: 'digit', digit: '12' } });
    sockets[0]!.receive({ type: 'keypad', input: { kind: 'volume', change: 1 } });
    stop();
    sockets[0]!.receive({ type: 'keypad', input: { kind: 'confirm' } });
    expect(keys).toEqual([{ kind: 'navigate', direction: 'down' }]);
  });

  it('drops messages that are not JSON or not on the contract', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    const views: unknown[] = [];
    api.onView((v) => views.push(v));
    sockets[0]!.receive('<html>');
    sockets[0]!.receive({ type: 'view', view: { screen: 'desktop' } });
    sockets[0]!.receive({ type: 'exec', code: 'alert(1)' });
    expect(views).toEqual([]);
  });

  it('when the connection drops: pending sends fail softly and it reconnects with back-off', async () => {
    const { api, sockets, timers, states } = setup();
    sockets[0]!.open();
    const pending = api.send({ type: 'start' });
    sockets[0]!.close();
    expect(await pending).toMatchObject({ ok: false, code: 'unavailable' });
    expect(states).toEqual(['connecting', 'open', 'closed']);
    const reconnect = timers.find((t) => t.ms > 0 && t.ms <= 5000 && t.fn.name === 'connect');
    expect(reconnect).toBeDefined();
    reconnect!.fn();
    expect(sockets).toHaveLength(2);
  });

  it('send() before the socket is open fails at once instead of hanging', async () => {
    const { api } = setup();
    expect(await api.send({ type: 'start' })).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('takes the token from the URL fragment', () => {
    expect(bridgeUrlFromLocation({ host: '127.0.0.1:8790', hash: '#token=a%2Bb' })).toBe('ws://127.0.0.1:8790/bridge?token=a%2Bb');
    expect(bridgeUrlFromLocation({ host: '127.0.0.1:8790', hash: '' })).toBe('ws://127.0.0.1:8790/bridge?token=');
  });

  it('back-off grows and is capped; a successful open resets it', () => {
    const { sockets, timers } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      sockets.at(-1)!.close();
      const t = timers.at(-1)!;
      delays.push(t.ms);
      t.fn();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
    sockets.at(-1)!.open();
    sockets.at(-1)!.close();
    expect(timers.at(-1)!.ms).toBe(500);
  });

  it('fans each view out to every listener, and unsubscribing stops it', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.onView((v) => a.push(v));
    api.onView((v) => b.push(v));
    sockets[0]!.receive({ type: 'view', view: VIEW });
    offA();
    sockets[0]!.receive({ type: 'view', view: { ...VIEW, sessionEpoch: 2 } });
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
  });

  it('a result for an unknown id or a refused message changes nothing', async () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    const pending = api.send({ type: 'back' });
    const { id } = JSON.parse(sockets[0]!.sent[1]!) as { id: number };
    sockets[0]!.receive({ type: 'result', id: id + 100, result: { ok: true } });
    sockets[0]!.receive({ type: 'refused', reason: 'bad message' });
    sockets[0]!.receive({ type: 'result', id, result: { ok: false, code: 'refused', message: 'not now' } });
    expect(await pending).toEqual({ ok: false, code: 'refused', message: 'not now' });
  });

  it('sync() asks for the current view again on an open link', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    api.sync();
    expect(sockets[0]!.sent.map((m) => JSON.parse(m))).toEqual([{ type: 'sync' }, { type: 'sync' }]);
  });
});

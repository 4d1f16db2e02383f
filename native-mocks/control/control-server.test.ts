import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { startControlServer, type ControlServer } from './control-server.ts';
import { SimulatorRegistry, defineAction, type SimulatorControl } from './simulator-control.ts';

/** A minimal simulator: a lamp that can be switched and can fail. */
function lampSimulator(): SimulatorControl & { lit: () => boolean } {
  let lit = false;
  let fault: string | null = null;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  return {
    id: 'lamp',
    label: 'Test lamp',
    lit: () => lit,
    state: () => ({ lit, fault, artifacts: lit ? ['glow.png'] : [] }),
    faults: ['unplugged', 'burnt-out'],
    setFault(next) {
      fault = next;
      changed();
    },
    actions: {
      switch: defineAction({
        description: 'Switch the lamp',
        args: z.object({ on: z.boolean() }).strict(),
        run: ({ on }) => {
          if (fault) throw new Error(`lamp is ${fault}`);
          lit = on;
          changed();
          return { lit };
        },
      }),
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    artifact: (name) => (name === 'glow.png' && lit ? { contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } : null),
  };
}

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup() {
  const registry = new SimulatorRegistry();
  const lamp = lampSimulator();
  registry.add(lamp);
  const started = await startControlServer(registry);
  server = started;
  const call = (path: string, body?: unknown, token = started.token) =>
    fetch(`${started.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-control-token': token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { lamp, server: started, call };
}

describe('simulator control server', () => {
  it('refuses calls without the token', async () => {
    const { call } = await setup();
    expect((await call('/api/simulators', undefined, 'wrong')).status).toBe(401);
  });

  it('lists simulators, runs validated actions and serves artifacts', async () => {
    const { call, lamp } = await setup();
    const list = (await (await call('/api/simulators')).json()) as { simulators: { id: string; faults: string[] }[] };
    expect(list.simulators).toEqual([expect.objectContaining({ id: 'lamp', faults: ['unplugged', 'burnt-out'] })]);
    expect((await call('/api/simulators/lamp/actions/switch', { args: { on: 'yes' } })).status).toBe(400);
    const ok = await call('/api/simulators/lamp/actions/switch', { args: { on: true } });
    expect(await ok.json()).toMatchObject({ result: { lit: true } });
    expect(lamp.lit()).toBe(true);
    const png = await call('/api/simulators/lamp/artifacts/glow.png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await call('/api/simulators/nothing/actions/switch', { args: {} })).status).toBe(404);
  });

  it('sets only known faults, and a failing action is reported, not fatal', async () => {
    const { call } = await setup();
    expect((await call('/api/simulators/lamp/fault', { fault: 'on-fire' })).status).toBe(400);
    expect((await call('/api/simulators/lamp/fault', { fault: 'burnt-out' })).status).toBe(200);
    const failed = await call('/api/simulators/lamp/actions/switch', { args: { on: true } });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'lamp is burnt-out' });
    expect((await call('/api/simulators')).status).toBe(200);
  });

  it('pushes a snapshot over the WebSocket on every change', async () => {
    const { call, server } = await setup();
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${server.token}`);
    const snapshots: { simulators: { state: { lit: boolean } }[] }[] = [];
    ws.on('message', (data) => snapshots.push(JSON.parse(data.toString())));
    await new Promise((r) => ws.once('open', r));
    await call('/api/simulators/lamp/actions/switch', { args: { on: true } });
    for (let i = 0; i < 100 && !snapshots.some((s) => s.simulators[0]!.state.lit); i++) await new Promise((r) => setTimeout(r, 10));
    expect(snapshots.some((s) => s.simulators[0]!.state.lit)).toBe(true);
    ws.close();
  });

  it('refuses a WebSocket without the token', async () => {
    const { server } = await setup();
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=nope`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});

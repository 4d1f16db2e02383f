import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessageSchema, type ServerMessage } from '../../contract/index.ts';
import { startKioskCore, type RunningCore } from '../start-core.ts';
import { PROJECT_ROOT } from '../testing/core-fixture.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';

let running: RunningCore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bridge-'));
  const override = join(dir, 'local.json');
  writeFileSync(override, JSON.stringify({ server: { port: 0, maxMessagesPerSecond: 20 }, paths: { services: 'e2e/fixtures/services', renderer: dir }, testing: { hooks: true, manualClock: true } }));
  const log = createMemoryLogger();
  running = await startKioskCore({ root: PROJECT_ROOT, overrideConfigFile: override, serve: true, logDestination: log.stream });
  return { running, log, origin: running.origin!, token: running.token };
}

function connect(origin: string, query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge${query}`, { headers: { Origin: origin, ...headers } });
    const messages: ServerMessage[] = [];
    ws.on('message', (data) => messages.push(ServerMessageSchema.parse(JSON.parse(data.toString()))));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('WebSocket bridge', () => {
  it('accepts our page, answers intents and pushes view models', async () => {
    const { origin, token } = await start();
    const { ws, messages } = await connect(origin, `?token=${token}`);
    ws.send(JSON.stringify({ type: 'sync' }));
    await until(() => messages.some((m) => m.type === 'view'), 'initial view');
    ws.send(JSON.stringify({ type: 'intent', id: 7, intent: { type: 'start' } }));
    await until(() => messages.some((m) => m.type === 'result' && m.id === 7), 'result');
    const views = messages.filter((m) => m.type === 'view');
    expect(views.at(-1)).toMatchObject({ view: { screen: 'language' } });
    ws.close();
  });

  it('refuses a wrong token, a missing token, a foreign Origin and a foreign Host', async () => {
    const { origin, token, log } = await start();
    await expect(connect(origin, '?token=wrong')).rejects.toThrow('HTTP 401');
    await expect(connect(origin, '')).rejects.toThrow('HTTP 401');
    await expect(connect(origin, `?token=${token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(origin, `?token=${token}`, { Host: 'evil.example' })).rejects.toThrow('HTTP 403');
    expect(running!.core.sessions.size).toBe(0);
    const reasons = log.lines().filter((l) => l.msg === 'bridge connection refused').map((l) => l.reason);
    expect(reasons).toEqual(['bad token', 'bad token', 'foreign origin', 'bad host']);
  });

  it('refuses malformed and off-contract messages without crashing, and keeps serving', async () => {
    const { origin, token, log } = await start();
    const { ws, messages } = await connect(origin, `?token=${token}`);
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'intent', id: 1, intent: { type: 'selectService', serviceId: '../../etc/passwd' } }));
    ws.send(JSON.stringify({ type: 'intent', id: 2, intent: { type: 'payNow', amount: 0 } }));
    ws.send(JSON.stringify({ type: 'intent', id: 3, intent: { type: 'start', extra: 'field' } }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await until(() => messages.filter((m) => m.type === 'refused').length === 5, 'five refusals');
    expect(log.lines().filter((l) => l.msg === 'bridge message refused')).toHaveLength(5);
    ws.send(JSON.stringify({ type: 'intent', id: 4, intent: { type: 'start' } }));
    await until(() => messages.some((m) => m.type === 'result' && m.id === 4 && m.result.ok), 'a good intent still works');
    ws.close();
  });

  it('closes a connection that sends an oversized message; the core keeps serving others', async () => {
    const { origin, token } = await start();
    const { ws } = await connect(origin, `?token=${token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'intent', id: 1, intent: { type: 'start' }, pad: 'x'.repeat(100_000) }));
    expect(await closed).toBe(1009);
    const again = await connect(origin, `?token=${token}`);
    again.ws.send(JSON.stringify({ type: 'sync' }));
    await until(() => again.messages.some((m) => m.type === 'view'), 'view on a new connection');
    again.ws.close();
  });

  it('drops a page that floods messages', async () => {
    const { origin, token } = await start();
    const { ws } = await connect(origin, `?token=${token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < 100; i++) ws.send(JSON.stringify({ type: 'intent', id: i, intent: { type: 'touch' } }));
    expect(await closed).toBe(1008);
  });

  it('serves the page with a strict CSP and refuses a path outside the renderer', async () => {
    const { origin } = await start();
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${origin}/..%2f..%2fpackage.json`);
    expect(escape.status).toBe(404);
    const health = await fetch(`${origin}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('test hooks need the token', async () => {
    const { origin, token } = await start();
    expect((await fetch(`${origin}/__test/sessions`)).status).toBe(401);
    const res = await fetch(`${origin}/__test/sessions`, { headers: { 'x-kiosk-token': token } });
    expect(await res.json()).toEqual({ sessions: [] });
  });
});

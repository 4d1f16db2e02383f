import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimulatorRegistry } from './simulator-control.ts';

/**
 * The simulators' control API on loopback: HTTP for commands, a WebSocket
 * for live state. Token-protected like the kiosk bridge: Playwright, vitest
 * and the control-panel page all go through it.
 *
 *   GET  /api/simulators                         every device's state, faults, actions
 *   POST /api/simulators/:id/fault               {"fault": "jam" | null, "options": {...}}
 *   POST /api/simulators/:id/actions/:action     {"args": {...}}
 *   GET  /api/simulators/:id/artifacts/:name     e.g. the last receipt as PNG
 *   WS   /api/events?token=…                     a snapshot on every change
 *   GET  /                                       the control panel (token in the URL fragment)
 */
export interface ControlServer {
  url: string;
  /** The panel address, token included. */
  panelUrl: string;
  token: string;
  close(): Promise<void>;
}

const PANEL_DIR = join(import.meta.dirname, 'panel');
const MAX_BODY = 64 * 1024;

function tokensEqual(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw new Error('body too large');
  }
  return body ? JSON.parse(body) : {};
}

export async function startControlServer(registry: SimulatorRegistry, options: { port?: number; token?: string } = {}): Promise<ControlServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const staticFile = (res: ServerResponse, name: string, type: string) => {
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; style-src 'self'; script-src 'self'",
    });
    res.end(readFileSync(join(PANEL_DIR, name)));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host !== `127.0.0.1:${port}`) return reply(res, 403, { error: 'foreign host' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'GET' && url.pathname === '/') return staticFile(res, 'index.html', 'text/html; charset=utf-8');
    if (req.method === 'GET' && url.pathname === '/panel.js') return staticFile(res, 'panel.js', 'text/javascript; charset=utf-8');
    if (req.method === 'GET' && url.pathname === '/panel.css') return staticFile(res, 'panel.css', 'text/css; charset=utf-8');
    const presented = req.headers['x-control-token'];
    if (!tokensEqual(token, Array.isArray(presented) ? presented[0] : (presented ?? url.searchParams.get('token')))) {
      return reply(res, 401, { error: 'bad token' });
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'api' || parts[1] !== 'simulators') return reply(res, 404, { error: 'not found' });
    if (parts.length === 2 && req.method === 'GET') return reply(res, 200, { simulators: registry.snapshot() });
    const simulator = registry.get(parts[2] ?? '');
    if (!simulator) return reply(res, 404, { error: `no simulator ${parts[2]}` });
    if (parts.length === 4 && parts[3] === 'fault' && req.method === 'POST') {
      const body = (await readJson(req)) as { fault?: unknown; options?: unknown };
      const fault = body.fault ?? null;
      if (fault !== null && (typeof fault !== 'string' || !simulator.faults.includes(fault))) {
        return reply(res, 400, { error: `unknown fault; ${simulator.id} knows: ${simulator.faults.join(', ')}` });
      }
      simulator.setFault(fault as string | null, (body.options ?? {}) as Record<string, unknown>);
      return reply(res, 200, { state: simulator.state() });
    }
    if (parts.length === 5 && parts[3] === 'actions' && req.method === 'POST') {
      const action = simulator.actions[parts[4]!];
      if (!action) return reply(res, 404, { error: `no action ${parts[4]}; ${simulator.id} offers: ${Object.keys(simulator.actions).join(', ')}` });
      const body = (await readJson(req)) as { args?: unknown };
      const args = action.args.safeParse(body.args ?? {});
      if (!args.success) return reply(res, 400, { error: args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      const result = await action.run(args.data as never);
      return reply(res, 200, { result: result ?? null, state: simulator.state() });
    }
    if (parts.length === 5 && parts[3] === 'artifacts' && req.method === 'GET') {
      const artifact = simulator.artifact?.(parts[4]!);
      if (!artifact) return reply(res, 404, { error: 'no such artifact yet' });
      res.writeHead(200, { 'Content-Type': artifact.contentType, 'Cache-Control': 'no-store' });
      return res.end(artifact.body);
    }
    return reply(res, 404, { error: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) reply(res, error instanceof SyntaxError ? 400 : 500, { error: error.message });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const sockets = new Set<WebSocket>();
  const broadcast = () => {
    const message = JSON.stringify({ type: 'snapshot', simulators: registry.snapshot() });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  };
  const offChange = registry.onChange(broadcast);
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const originOk = req.headers.origin === undefined || req.headers.origin === `http://127.0.0.1:${port}`;
    if (url.pathname !== '/api/events' || !originOk || !tokensEqual(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.send(JSON.stringify({ type: 'snapshot', simulators: registry.snapshot() }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    panelUrl: `${url}/#token=${token}`,
    token,
    close: async () => {
      offChange();
      for (const ws of sockets) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ClientMessageSchema, type ServerMessage, type ViewModel } from '../../contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { KioskCoreApi } from '../kiosk-core-api.ts';
import { hostAllowed, originAllowed } from './security-headers.ts';
import { tokenMatches } from './launch-token.ts';

export interface BridgeOptions {
  server: Server;
  core: KioskCoreApi;
  token: string;
  /** The port the server listens on (for the Host and Origin checks). */
  port: () => number;
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  logger: Logger;
  /** More than this many pages at once is not a kiosk, it is an attack. */
  maxConnections?: number;
}

export interface Bridge {
  connections(): number;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: 401 | 403 | 404 | 503, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The loopback WebSocket bridge between the browser shell's page and the
 * core. Every connection must present the launch token from our own origin;
 * every message is size-capped, rate-limited and validated against the
 * contract. A bad message is refused and logged; nothing a page sends can
 * throw out of here.
 */
export function attachBridge(options: BridgeOptions): Bridge {
  const { core, logger } = options;
  const maxConnections = options.maxConnections ?? 4;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();

  const send = (ws: WebSocket, message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const unsubscribe = core.subscribe((view: ViewModel) => {
    for (const ws of sockets) send(ws, { type: 'view', view });
  });
  // Keypad digits can be a PIN: they go only to pages that passed the token check, like views.
  const unsubscribeKeypad = core.onKeypad((input) => {
    for (const ws of sockets) send(ws, { type: 'keypad', input });
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = options.port();
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const refuse = (status: 401 | 403 | 404 | 503, text: string, reason: string) => {
      logger.warn({ reason, origin: req.headers.origin ?? null, path: url.pathname }, 'bridge connection refused');
      reject(socket, status, text);
    };
    if (url.pathname !== '/bridge') return refuse(404, 'Not Found', 'unknown path');
    if (!hostAllowed(req.headers.host, port)) return refuse(403, 'Forbidden', 'bad host');
    if (!originAllowed(req.headers.origin, port)) return refuse(403, 'Forbidden', 'foreign origin');
    if (!tokenMatches(options.token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized', 'bad token');
    if (sockets.size >= maxConnections) return refuse(503, 'Service Unavailable', 'too many connections');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  };

  const onConnection = (ws: WebSocket) => {
    sockets.add(ws);
    logger.info({ connections: sockets.size }, 'bridge page connected');
    let windowStart = Date.now();
    let messagesInWindow = 0;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Rate limit on wall time: this protects the process, it is not kiosk logic.
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        messagesInWindow = 0;
      }
      messagesInWindow += 1;
      if (messagesInWindow > options.maxMessagesPerSecond) {
        logger.warn({}, 'bridge page flooded messages; connection closed');
        ws.close(1008, 'rate limit');
        return;
      }
      handleMessage(ws, data, isBinary);
    });
    ws.on('error', (error) => {
      // Oversized frames land here (ws closes with 1009 by itself).
      logger.warn({ err: error.message }, 'bridge message refused');
    });
    ws.on('close', (code) => {
      sockets.delete(ws);
      logger.info({ code, connections: sockets.size }, 'bridge page disconnected');
    });
  };

  const handleMessage = (ws: WebSocket, data: RawData, isBinary: boolean) => {
    const refuse = (reason: string) => {
      logger.warn({ reason }, 'bridge message refused');
      send(ws, { type: 'refused', reason });
    };
    if (isBinary) return refuse('binary messages are not accepted');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return refuse('not JSON');
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(`does not match the contract${issue ? ` at ${issue.path.map(String).join('.') || '(root)'}` : ''}`);
    }
    const message = parsed.data;
    if (message.type === 'sync') return send(ws, { type: 'view', view: core.view() });
    const result = core.handle(message.intent);
    send(ws, { type: 'result', id: message.id, result });
  };

  options.server.on('upgrade', onUpgrade);

  return {
    connections: () => sockets.size,
    close: async () => {
      unsubscribe();
      unsubscribeKeypad();
      options.server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

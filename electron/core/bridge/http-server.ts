import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.ts';
import { hostAllowed, securityHeaders } from './security-headers.ts';
import { resolveStaticPath, sendFile } from './static-files.ts';

export interface KioskHttpOptions {
  rendererDir: string;
  logger: Logger;
  port: () => number;
  /** Extra routes (test hooks); return true when handled. */
  extraRoute?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Khidma Kiosk</title>
<body><h1>The kiosk screen has not been built</h1><p>Run <code>npm run build:renderer</code> and reload.</p></body></html>`;

/** Serves the built renderer to the browser shell, on loopback, with strict headers. */
export function createKioskHttpServer(options: KioskHttpOptions): Server {
  const headers = securityHeaders();
  return createServer((req, res) => {
    try {
      if (!hostAllowed(req.headers.host, options.port())) {
        options.logger.warn({ host: req.headers.host ?? null }, 'http request with a foreign Host refused');
        res.writeHead(403, headers).end();
        return;
      }
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/healthz') {
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end('{"ok":true}');
        return;
      }
      if (options.extraRoute?.(req, res)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, headers).end();
        return;
      }
      const file = resolveStaticPath(options.rendererDir, path);
      if (!file) {
        if (path === '/' || path === '/index.html') {
          options.logger.error({ rendererDir: options.rendererDir }, 'renderer is not built');
          res.writeHead(503, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT_PAGE);
          return;
        }
        res.writeHead(404, headers).end();
        return;
      }
      sendFile(res, file, headers);
    } catch (error) {
      options.logger.error({ err: (error as Error).message }, 'http request failed');
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    }
  });
}

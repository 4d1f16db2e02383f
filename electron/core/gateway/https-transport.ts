import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import type { GatewayTlsConfig } from './gateway-config.ts';
import { createBodyCollector, type HttpTransport } from './http-transport.ts';

/**
 * node:https with the kiosk's client certificate (mutual TLS). The files are
 * read once, at start-up, so a missing or unreadable key stops the kiosk at
 * start rather than failing the first citizen's submit. The gateway's
 * certificate must chain to the configured CA only (`ca` replaces the public
 * roots), and the host name is checked as usual.
 */
export function createHttpsTransport(tls: GatewayTlsConfig, readFile: (path: string) => Buffer = readFileSync): HttpTransport {
  const agent = new Agent({
    cert: readFile(tls.certFile),
    key: readFile(tls.keyFile),
    ca: readFile(tls.caFile),
    rejectUnauthorized: true,
    keepAlive: true,
    minVersion: 'TLSv1.2',
  });
  return (request) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.url);
      if (url.protocol !== 'https:') {
        reject(new Error('the mutual-TLS transport only speaks https'));
        return;
      }
      const req = httpsRequest(url, { method: request.method, headers: request.headers, agent, signal: request.signal }, (res) => {
        const collector = createBodyCollector();
        res.on('data', (chunk: Buffer) => {
          try {
            collector.add(chunk);
          } catch (error) {
            res.destroy(error as Error);
          }
        });
        res.on('error', reject);
        // A connection cut mid-body ends without 'end'; the promise must still settle.
        res.on('close', () => {
          if (!res.complete) reject(new Error('response incomplete'));
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: collector.text() });
        });
      });
      req.on('error', reject);
      if (request.body !== undefined) req.end(request.body);
      else req.end();
    });
}

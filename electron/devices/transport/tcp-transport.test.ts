import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { openTcpTransport } from './tcp-transport.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { server, port: (server.address() as AddressInfo).port };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};

describe('TCP transport', () => {
  it('carries bytes both ways, binary-clean', async () => {
    const atServer: number[] = [];
    const { port } = await listen((socket) => {
      socket.on('data', (d) => atServer.push(...d));
      socket.write(Buffer.from([0x80, 0x00, 0x00, 0x10, 0xff]));
    });
    const transport = await openTcpTransport({ host: '127.0.0.1', port });
    cleanups.push(() => transport.close());
    const atClient: number[] = [];
    transport.onData((chunk) => atClient.push(...chunk));
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    await transport.write(all);
    await until(() => atServer.length >= 256 && atClient.length >= 5);
    expect(atServer).toEqual([...all]);
    expect(atClient).toEqual([0x80, 0x00, 0x00, 0x10, 0xff]);
    expect(transport.description).toBe(`tcp 127.0.0.1:${port}`);
  });

  it('reports the peer hanging up exactly once and refuses later writes', async () => {
    const { port } = await listen((socket) => setTimeout(() => socket.end(), 10));
    const transport = await openTcpTransport({ host: '127.0.0.1', port });
    const reasons: string[] = [];
    transport.onClose((r) => reasons.push(r));
    await until(() => reasons.length > 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(reasons).toEqual(['peer closed the connection']);
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(new Uint8Array([1]))).rejects.toThrow(/closed/);
  });

  it('fails fast on a refused port', async () => {
    const { server, port } = await listen(() => {});
    await new Promise<void>((r) => server.close(() => r()));
    cleanups.length = 0;
    await expect(openTcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 2000 })).rejects.toThrow(/cannot connect/);
  });

  it('gives up after the connect timeout when nobody answers', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, so the SYN goes unanswered
    // (or the network is unreachable at once, which must also reject cleanly).
    const started = Date.now();
    await expect(openTcpTransport({ host: '192.0.2.1', port: 20007, connectTimeoutMs: 150 })).rejects.toThrow(/no connection within 150 ms|cannot connect/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('close() resolves, fires onClose once, and removes listeners', async () => {
    const { port } = await listen(() => {});
    const transport = await openTcpTransport({ host: '127.0.0.1', port });
    const reasons: string[] = [];
    transport.onClose((r) => reasons.push(r));
    await transport.close();
    await transport.close();
    expect(reasons).toEqual(['closed']);
    expect(transport.isOpen).toBe(false);
  });
});

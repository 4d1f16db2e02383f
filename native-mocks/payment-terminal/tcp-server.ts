/**
 * ZVT over TCP on loopback: the simulated terminal listening like a networked
 * PT (real ones listen on port 20007 by convention; we take any free port unless
 * told). One ECR connection at a time, the newest wins, as on a real terminal.
 * While the terminal is unplugged or powered off, connections are refused.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PaymentTerminalSimulator } from './payment-terminal-sim.ts';
import type { SimPort } from './sim-port.ts';

export interface ZvtTcpServer {
  readonly port: number;
  close(): Promise<void>;
}

function socketPort(socket: Socket): SimPort {
  return {
    write: (bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    },
    onData(listener) {
      const handler = (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      socket.on('data', handler);
      return () => socket.off('data', handler);
    },
  };
}

export async function startZvtTcpServer(sim: PaymentTerminalSimulator, options: { port?: number; host?: string } = {}): Promise<ZvtTcpServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    if (sim.unreachable) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    sockets.add(socket);
    const detach = sim.attach(socketPort(socket), { unplug: () => socket.destroy() });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      detach();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A connected pair of pseudo-terminals made by socat: the kiosk's real
 * serialport adapter opens `hostPath`, a simulator opens `devicePath`.
 * Pseudo-terminals do not emulate baud rate or modem lines, so simulators
 * pace their replies themselves.
 */
export interface PtyPair {
  hostPath: string;
  devicePath: string;
  close(): Promise<void>;
}

export async function createPtyPair(label = 'device'): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), `khidma-pty-${label}-`));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const socat: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  socat.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const spawnError = new Promise<Error>((resolve) => socat.once('error', resolve));
  for (let i = 0; i < 200; i++) {
    if (existsSync(hostPath) && existsSync(devicePath)) break;
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 10))]);
    if (failed) throw new Error(`socat could not start (${failed.message}); install the "socat" package`);
    if (socat.exitCode !== null) throw new Error(`socat exited: ${stderr.trim()}`);
  }
  if (!existsSync(hostPath) || !existsSync(devicePath)) throw new Error(`socat made no pseudo-terminals: ${stderr.trim()}`);
  return {
    hostPath,
    devicePath,
    close: async () => {
      if (socat.exitCode === null && socat.signalCode === null) {
        const exited = new Promise((r) => socat.once('exit', r));
        socat.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI entry starts, prints where it listens, answers, and stops on SIGTERM. */
describe('gateway simulator CLI', () => {
  it('serves the API and the control ledger until told to stop', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'main.ts'), '--port', '0', '--latency-min', '0', '--latency-max', '0', '--token', 'cli-test-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('control')) resolve(text);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const api = /API (\S+)/.exec(output)![1]!;
      const fees = await fetch(`${api}/fees`, { headers: { 'x-kiosk-id': 'KIOSK-TEST-01', 'x-session-id': 'session-00000001' } });
      expect(fees.status).toBe(200);
      const ledger = await fetch(`${api.replace('/kiosk/v1', '')}/__control/ledger`, { headers: { 'x-control-token': 'cli-test-token' } });
      expect(await ledger.json()).toMatchObject({ requests: { getFeeSchedule: 1 } });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  });
});

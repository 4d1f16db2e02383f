import { describe, expect, it } from 'vitest';
import { createPtyPair } from '../../../native-mocks/wire/pty-pair.ts';
import { openPtyDeviceEnd } from '../../../native-mocks/wire/pty-device-end.ts';
import { openSerialTransport } from './serial-transport.ts';

describe('wire mode plumbing', () => {
  it('the real serialport adapter talks to a simulator end over a socat pseudo-terminal pair, both ways, binary-clean', async () => {
    const pair = await createPtyPair('test');
    const device = await openPtyDeviceEnd(pair.devicePath);
    const host = await openSerialTransport({ path: pair.hostPath, baudRate: 115200, parity: 'even' });
    try {
      const atDevice: number[] = [];
      const atHost: number[] = [];
      device.onData((chunk) => atDevice.push(...chunk));
      host.onData((chunk) => atHost.push(...chunk));
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await host.write(all);
      device.write(new Uint8Array([0x10, 0x02, 0x80, 0x00, 0x00, 0x10, 0x03, 0xf5, 0x1f]));
      for (let i = 0; i < 200 && (atDevice.length < 256 || atHost.length < 9); i++) await new Promise((r) => setTimeout(r, 10));
      expect(atDevice).toEqual([...all]);
      expect(atHost).toEqual([0x10, 0x02, 0x80, 0x00, 0x00, 0x10, 0x03, 0xf5, 0x1f]);
    } finally {
      await host.close();
      await device.close();
      await pair.close();
    }
  });

  it('the adapter reports the link closing when the pseudo-terminal pair goes away', async () => {
    const pair = await createPtyPair('test');
    const host = await openSerialTransport({ path: pair.hostPath, baudRate: 9600 });
    const closed = new Promise<string>((resolve) => host.onClose(resolve));
    await pair.close();
    // Reading a vanished pty errors or closes; either way the adapter must say so.
    const reason = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('timeout'), 3000))]);
    if (reason === 'timeout') {
      await expect(host.write(new Uint8Array([1]))).rejects.toThrow();
    } else {
      expect(reason).toMatch(/port|closed/);
    }
    await host.close();
  });
});

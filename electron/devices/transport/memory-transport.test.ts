import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/clock/clock.ts';
import { createMemoryLink } from './memory-transport.ts';
import { wireTimeMs } from './byte-transport.ts';

describe('memory link', () => {
  it('delivers bytes after their emulated wire time, in order, queued like a UART', async () => {
    const clock = createManualClock();
    const { host, device } = createMemoryLink({ baud: 9600, clock });
    const received: number[][] = [];
    device.onData((chunk) => received.push([...chunk]));
    await host.write(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    await host.write(new Uint8Array([11]));
    expect(wireTimeMs(10, 9600)).toBeCloseTo(10.4166, 3);
    clock.advance(10);
    expect(received).toEqual([]);
    clock.advance(1);
    expect(received).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    clock.advance(1);
    expect(received).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11]]);
  });

  it('unplugging closes both ends and later writes fail', async () => {
    const clock = createManualClock();
    const link = createMemoryLink({ baud: 0, clock });
    const reasons: string[] = [];
    link.host.onClose((r) => reasons.push(r));
    link.unplug();
    expect(reasons).toEqual(['unplugged']);
    expect(link.host.isOpen).toBe(false);
    await expect(link.host.write(new Uint8Array([1]))).rejects.toThrow(/closed/);
  });
});

import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { createLogger } from '../log/logger.ts';
import { startKioskHardware } from './kiosk-hardware.ts';
import { startSimulatorHost } from '../../../native-mocks/simulator-host.ts';

const DEFAULTS = resolve(import.meta.dirname, '../../../resources/config/default.json');
const quiet = () => createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('devices by configuration only', () => {
  it('wire mode: the card reader, terminal and printer run through socat pseudo-terminals and the real serial adapter', async () => {
    const { config } = loadConfig(DEFAULTS, null);
    config.devices.cardReader.mode = 'wire';
    config.devices.paymentTerminal.mode = 'wire';
    config.devices.receiptPrinter.mode = 'wire';
    config.simulators.controlPort = 0;
    const host = await startSimulatorHost({ baud: { cardReader: 115200, paymentTerminal: 9600, receiptPrinter: 38400 }, controlPort: 0, today: () => new Date() });
    const hardware = await startKioskHardware({ config, logger: quiet(), host });
    try {
      expect(hardware.cardReader.status().device).toBe('online');
      expect(hardware.terminal.status().device).toBe('online');
      expect([...hardware.capabilities()]).toEqual(expect.arrayContaining(['cardReader', 'payment', 'gateway', 'receiptPrinter']));
      const insert = fetch(`${host.controlUrl}/api/simulators/card-reader/actions/insertCard`, {
        method: 'POST',
        headers: { 'x-control-token': host.controlToken, 'content-type': 'application/json' },
        body: JSON.stringify({ args: { profile: 'valid-adult' } }),
      });
      const read = await hardware.ports.card.readCard(new AbortController().signal);
      await insert;
      expect(read).toMatchObject({ kind: 'read', card: { cpr: '999000001', nameEn: expect.any(String) } });
      const pin = await hardware.ports.card.verifyPin('1234', new AbortController().signal);
      expect(pin).toEqual({ kind: 'ok' });
      const charge = await hardware.ports.terminal.authorise(1000, () => {}, new AbortController().signal);
      expect(charge).toMatchObject({ kind: 'approved', transaction: { amountFils: 1000 } });
    } finally {
      await hardware.close();
      await host.close();
    }
  }, 60_000);

  it('a real device with a port that does not exist is reported, not fatal', async () => {
    const { config } = loadConfig(DEFAULTS, null);
    config.devices.cardReader.mode = 'real';
    config.devices.cardReader.port = '/dev/nonexistent-khidma-reader';
    const host = await startSimulatorHost({ baud: { cardReader: 115200, paymentTerminal: 9600, receiptPrinter: 38400 }, controlPort: 0, today: () => new Date() });
    const hardware = await startKioskHardware({ config, logger: quiet(), host });
    try {
      expect(hardware.cardReader.status().device).not.toBe('online');
      expect(hardware.capabilities().has('cardReader')).toBe(false);
      expect(hardware.capabilities().has('payment')).toBe(true);
    } finally {
      await hardware.close();
      await host.close();
    }
  }, 60_000);
});

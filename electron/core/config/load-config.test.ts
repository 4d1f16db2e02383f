import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.ts';
import { ConfigError } from './config-error.ts';

const DEFAULTS = resolve(import.meta.dirname, '../../../resources/config/default.json');

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads the shipped defaults', () => {
    const { config, sources } = loadConfig(DEFAULTS, null);
    expect(config.server.host).toBe('127.0.0.1');
    expect(config.idle.answerWithinSeconds).toBeGreaterThanOrEqual(20);
    expect(sources).toEqual([DEFAULTS]);
  });

  it('applies a local override field by field', () => {
    const override = tempFile('local.json', JSON.stringify({ idle: { warningAfterSeconds: 90 }, kiosk: { id: 'KIOSK-MANAMA-07' } }));
    const { config, sources } = loadConfig(DEFAULTS, override);
    expect(config.idle.warningAfterSeconds).toBe(90);
    expect(config.idle.answerWithinSeconds).toBe(30);
    expect(config.kiosk.id).toBe('KIOSK-MANAMA-07');
    expect(sources).toEqual([DEFAULTS, override]);
  });

  it('a missing optional override is not an error', () => {
    expect(loadConfig(DEFAULTS, '/nonexistent/kiosk.local.json').sources).toEqual([DEFAULTS]);
  });

  it('names the override file and field for a value out of range', () => {
    const override = tempFile('local.json', JSON.stringify({ idle: { answerWithinSeconds: 5 } }));
    const error = errorOf(() => loadConfig(DEFAULTS, override));
    expect(error.file).toBe(override);
    expect(error.field).toBe('idle.answerWithinSeconds');
    expect(error.message).toContain('at least 20 seconds');
  });

  it('refuses a non-loopback host', () => {
    const override = tempFile('local.json', JSON.stringify({ server: { host: '0.0.0.0' } }));
    expect(errorOf(() => loadConfig(DEFAULTS, override)).field).toBe('server.host');
  });

  it('names an unknown (misspelt) setting', () => {
    const override = tempFile('local.json', JSON.stringify({ idle: { warningAfterSecs: 30 } }));
    const error = errorOf(() => loadConfig(DEFAULTS, override));
    expect(error.field).toBe('idle.warningAfterSecs');
    expect(error.message).toContain('not known');
  });

  it('reports corrupt JSON with the file name', () => {
    const override = tempFile('local.json', '{ "idle": { ');
    const error = errorOf(() => loadConfig(DEFAULTS, override));
    expect(error.file).toBe(override);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('blames the defaults file when the bad field is not in the override', () => {
    const defaults = tempFile('default.json', JSON.stringify({ kiosk: { id: 'x' } }));
    const error = errorOf(() => loadConfig(defaults, null));
    expect(error.file).toBe(defaults);
  });

  it('a missing defaults file stops start-up', () => {
    expect(errorOf(() => loadConfig('/nonexistent/default.json', null)).message).toMatch(/does not exist/);
  });

  it('the default language must be enabled', () => {
    const override = tempFile('local.json', JSON.stringify({ languages: { enabled: ['en'], default: 'ar' } }));
    expect(errorOf(() => loadConfig(DEFAULTS, override)).field).toBe('languages.default');
  });
});

describe('device configuration', () => {
  it('a real device needs its port, named in the error', () => {
    const override = tempFile('local.json', JSON.stringify({ devices: { cardReader: { mode: 'real' } } }));
    const error = errorOf(() => loadConfig(DEFAULTS, override));
    expect(error.field).toBe('devices.cardReader.port');
    expect(error.message).toContain('serial port path');
  });

  it('switching one device to real with a port is a one-line change', () => {
    const override = tempFile('local.json', JSON.stringify({ devices: { cardReader: { mode: 'real', port: '/dev/ttyUSB0' } } }));
    const { config } = loadConfig(DEFAULTS, override);
    expect(config.devices.cardReader).toMatchObject({ mode: 'real', port: '/dev/ttyUSB0', baud: 115200 });
    expect(config.devices.paymentTerminal.mode).toBe('sim');
  });

  it('a gateway off this machine must use mutual TLS', () => {
    const override = tempFile('local.json', JSON.stringify({ gateway: { mode: 'real', client: { baseUrl: 'http://gateway.example/kiosk/v1' } } }));
    expect(errorOf(() => loadConfig(DEFAULTS, override)).field).toBe('gateway.client.tls');
  });
});

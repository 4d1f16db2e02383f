import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import { createManualClock } from '../clock/clock.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { createGatewayClient } from './gateway-client.ts';
import { GatewayConfigSchema } from './gateway-config.ts';

/**
 * Mutual TLS end to end: a throwaway CA made with openssl, a simulator that
 * demands a client certificate from it, and the client's node:https
 * transport presenting the kiosk's certificate from config files.
 */
let dir: string;
const file = (name: string) => join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA and a certificate it signs (EC P-256: quick to make). */
function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`);
}
function makeCert(name: string, ca: string, extensions: string): void {
  writeFileSync(file(`${name}.ext`), extensions);
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khidma-mtls-'));
  makeCa('kiosk-ca');
  makeCa('rogue-ca');
  makeCert('gateway', 'kiosk-ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeCert('KIOSK-TEST-01', 'kiosk-ca', 'extendedKeyUsage=clientAuth\n');
  makeCert('rogue-kiosk', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let kit: GatewayTestKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function start(client: { cert: string; ca: string }) {
  kit = await startGatewayTestKit({
    simulator: { tls: { cert: readFileSync(file('gateway.crt')), key: readFileSync(file('gateway.key')), ca: readFileSync(file('kiosk-ca.crt')) } },
    config: { retries: 0, tls: { certFile: file(`${client.cert}.crt`), keyFile: file(`${client.cert}.key`), caFile: file(`${client.ca}.crt`) } },
  });
  return kit;
}

describe('mutual TLS', () => {
  it('the kiosk certificate from config is accepted, and the config itself is valid', async () => {
    const k = await start({ cert: 'KIOSK-TEST-01', ca: 'kiosk-ca' });
    expect(k.simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/kiosk\/v1$/);
    expect(GatewayConfigSchema.safeParse(k.config).success).toBe(true);
    expect(await k.client.getCitizen({ ...TEST_SESSION, cpr: '999000001' })).toMatchObject({ ok: true, value: { cpr: '999000001' } });
    const submitted = await k.client.submitApplication({
      ...TEST_SESSION,
      idempotencyKey: 'mtls-key-000001',
      serviceId: 'update-address',
      applicationType: 'ADDRESS_CHANGE',
      cpr: '999000001',
      data: {},
      payment: null,
    });
    expect(submitted).toMatchObject({ ok: true, value: { replayed: false } });
  });

  it('a certificate from another CA is refused at the handshake: unavailable', async () => {
    const k = await start({ cert: 'rogue-kiosk', ca: 'kiosk-ca' });
    expect(await k.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(k.requests('getFeeSchedule')).toBe(0);
  });

  it('a gateway whose certificate does not chain to the configured CA is not trusted', async () => {
    const k = await start({ cert: 'KIOSK-TEST-01', ca: 'rogue-ca' });
    expect(await k.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(k.requests('getFeeSchedule')).toBe(0);
  });

  it('timeouts abort a TLS request too', async () => {
    const k = await start({ cert: 'KIOSK-TEST-01', ca: 'kiosk-ca' });
    k.simulator.setFaults({ mode: 'timeout' });
    const pending = k.client.getFeeSchedule(TEST_SESSION);
    await k.waitForRequests('getFeeSchedule', 1);
    k.clock.advance(k.config.timeoutMs);
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });

  it('a missing key file stops the client at start, not at the first citizen', () => {
    expect(() =>
      createGatewayClient({
        config: { baseUrl: 'https://gateway.example.invalid/kiosk/v1', timeoutMs: 1000, retries: 0, circuitBreaker: { failureThreshold: 1, resetAfterMs: 1000 }, tls: { certFile: file('KIOSK-TEST-01.crt'), keyFile: file('missing.key'), caFile: file('kiosk-ca.crt') } },
        kioskId: 'KIOSK-TEST-01',
        clock: createManualClock(),
        logger: createMemoryLogger().logger,
      }),
    ).toThrow(/ENOENT/);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_CONFIG, GatewayConfigSchema } from './gateway-config.ts';

const tls = { certFile: '/etc/khidma/kiosk.crt', keyFile: '/etc/khidma/kiosk.key', caFile: '/etc/khidma/gateway-ca.pem' };
const messages = (value: unknown) => {
  const result = GatewayConfigSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('gateway config schema', () => {
  it('accepts the default (the loopback simulator, no TLS) and a real gateway with mutual TLS', () => {
    expect(messages(DEFAULT_GATEWAY_CONFIG)).toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, baseUrl: 'https://gateway.example.invalid/kiosk/v1', tls })).toEqual([]);
  });

  it('refuses a remote gateway without client certificates, and TLS over plain http', () => {
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, baseUrl: 'https://gateway.example.invalid/kiosk/v1' })).toEqual([expect.stringMatching(/^tls: .*needs tls/)]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, tls })).toEqual([expect.stringMatching(/^baseUrl: .*https/)]);
  });

  it('refuses unknown keys, odd numbers and other protocols', () => {
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, retry: 2 })).not.toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, retries: -1 })).not.toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, timeoutMs: 10 })).not.toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, circuitBreaker: { failureThreshold: 0, resetAfterMs: 1000 } })).not.toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, baseUrl: 'ftp://127.0.0.1/kiosk/v1' })).not.toEqual([]);
    expect(messages({ ...DEFAULT_GATEWAY_CONFIG, tls: { ...tls, certFile: '' } })).not.toEqual([]);
  });
});

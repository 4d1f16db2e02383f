import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';

/** What the client logs: operations, attempts, outcomes. Never a CPR, a name, a number, a code or a password. */
let kit: GatewayTestKit;
beforeEach(async () => {
  kit = await startGatewayTestKit();
});
afterEach(() => kit.close());

describe('gateway client logging', () => {
  it('logs every call and failure without personal data', async () => {
    const cpr = '999000001';
    const mobile = '30000019';
    const password = 'Harbour#Lamp42';
    await kit.client.getCitizen({ ...TEST_SESSION, cpr });
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['getEkeyAccount'], count: 1 });
    await kit.client.getEkeyAccount({ ...TEST_SESSION, cpr });
    const sent = await kit.client.sendOtp({ ...TEST_SESSION, cpr, mobile, purpose: 'ekey-register' });
    const otpId = sent.ok ? sent.value.otpId : '';
    const code = kit.simulator.ledger().otps[0]!.code;
    await kit.client.verifyOtp({ ...TEST_SESSION, otpId, code });
    await kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: 'log-test-key-0001', cpr, mobile, otpId, password: 'weak' });
    await kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: 'log-test-key-0001', cpr, mobile, otpId, password });
    await kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'log-test-key-0002', mobile, language: 'en', reference: 'KH26-000001', text: 'Dear Test Person One, done.' });

    const text = kit.logText();
    for (const secret of [cpr, mobile, password, 'weak', code, 'Test Person One', 'شخص تجريبي', '****0019', '/citizens/']) expect(text, secret).not.toContain(secret);
    const lines = kit.logLines();
    expect(lines.filter((l) => l.msg === 'gateway call succeeded').map((l) => l.op)).toEqual(
      expect.arrayContaining(['getCitizen', 'getEkeyAccount', 'sendOtp', 'verifyOtp', 'registerEkey', 'sendSmsReceipt']),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'gateway call failed', op: 'getEkeyAccount', kind: 'unavailable', status: 500, willRetry: true, component: 'gateway' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'gateway refused the call', op: 'registerEkey', code: 'password-policy' }));
  });
});

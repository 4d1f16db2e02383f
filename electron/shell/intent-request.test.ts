import { describe, expect, it } from 'vitest';
import { MAX_CLIENT_MESSAGE_BYTES } from '../contract/index.ts';
import { parseIntentPayload } from './intent-request.ts';

describe('parseIntentPayload', () => {
  it('accepts valid intents', () => {
    expect(parseIntentPayload({ type: 'touch' })).toEqual({ ok: true, intent: { type: 'touch' } });
    expect(parseIntentPayload({ type: 'submitStep', stepId: 'contact', values: { phone: '36001234' } })).toMatchObject({ ok: true });
  });

  it.each([
    ['an unknown intent', { type: 'skipPayment' }],
    ['an extra field', { type: 'touch', admin: true }],
    ['a bad service id', { type: 'selectService', serviceId: '../../etc' }],
    ['a string', 'touch'],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_name, payload) => {
    expect(parseIntentPayload(payload)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses an oversized payload before parsing it', () => {
    const values = { text: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) };
    expect(parseIntentPayload({ type: 'submitStep', stepId: 'a', values })).toEqual({ ok: false, reason: 'too-large', issues: [] });
  });

  it('refuses a cyclic object (which IPC can carry but JSON cannot)', () => {
    const cyclic: Record<string, unknown> = { type: 'touch' };
    cyclic.self = cyclic;
    expect(parseIntentPayload(cyclic)).toEqual({ ok: false, reason: 'not-serialisable', issues: [] });
  });

  it('reports where the problem is but never the value (it could be a PIN)', () => {
    const result = parseIntentPayload({ type: 'submitStep', stepId: 'pin', values: { pin: { secret: '4321' } } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('4321');
    if (!result.ok) expect(result.issues[0]?.path).toContain('values');
  });
});

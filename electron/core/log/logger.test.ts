import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../testing/memory-logger.ts';

describe('logger redaction', () => {
  it('never writes personal fields, at the top level or nested', () => {
    const { logger, text, lines } = createMemoryLogger();
    logger.info({ cpr: '990101234', pin: '1234', citizen: { nameEn: 'Test Person', mobile: '36000000' }, step: { values: { x: 'secret' } } }, 'event');
    const out = text();
    for (const secret of ['990101234', '1234', 'Test Person', '36000000', 'secret']) expect(out).not.toContain(secret);
    expect(lines()[0]).toMatchObject({ cpr: '[redacted]', citizen: { nameEn: '[redacted]' } });
  });

  it('keeps harmless fields', () => {
    const { logger, lines } = createMemoryLogger();
    logger.info({ service: 'renew-id-card', session: 'abc' }, 'service started');
    expect(lines()[0]).toMatchObject({ service: 'renew-id-card', session: 'abc', msg: 'service started' });
  });
});

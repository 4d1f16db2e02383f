import { describe, expect, it } from 'vitest';
import { createConsoleLog, describeError } from './shell-log.ts';

describe('createConsoleLog', () => {
  it('writes one JSON line per entry with level and message', () => {
    const written: string[] = [];
    createConsoleLog((line) => written.push(line)).warn({ step: 'reload' }, 'watchdog acted');
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 'warn', step: 'reload', msg: 'watchdog acted', component: 'electron-shell' });
  });
});

describe('describeError', () => {
  it('keeps name and message of errors and stringifies the rest', () => {
    expect(describeError(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
    expect(describeError('plain')).toEqual({ name: 'string', message: 'plain' });
  });
});

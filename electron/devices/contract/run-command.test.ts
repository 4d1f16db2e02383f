import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createManualClock } from '../../core/clock/clock.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import type { DeviceClock } from './clock.ts';
import type { CommandOutcome, Completion } from './completion.ts';
import { completionSchema } from './completion.ts';
import { createRequestIdFactory, runCommand } from './run-command.ts';
import { z } from 'zod';

/** A command whose reply the test delivers by hand, like a device answering late or never. */
function controllable<T>() {
  let deliver: (outcome: CommandOutcome<T, string>) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const promise = new Promise<CommandOutcome<T, string>>((resolve, reject) => {
    deliver = resolve;
    fail = reject;
  });
  return { promise, deliver: (o: CommandOutcome<T, string>) => deliver(o), fail: (e: Error) => fail(e) };
}

/** Let promise callbacks run (the fake clock is synchronous, promises are not). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runCommand', () => {
  it('completes with the executor outcome and the requestId, and leaves no timer behind', async () => {
    const clock = createFakeClock();
    const reply = controllable<string>();
    const completion = runCommand<string>({ requestId: 'cr-1', timeoutMs: 1000, clock, execute: () => reply.promise });
    expect(clock.pendingTimers()).toBe(1);
    reply.deliver({ completionCode: 'success', payload: 'ATR' });
    await expect(completion).resolves.toEqual({ requestId: 'cr-1', completionCode: 'success', payload: 'ATR' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('times out when the device never answers, and ignores the late reply', async () => {
    const clock = createFakeClock();
    const reply = controllable<string>();
    let executorSignal: AbortSignal | undefined;
    const results: Completion<string>[] = [];
    const completion = runCommand<string>({
      requestId: 'cr-2',
      timeoutMs: 500,
      clock,
      execute: (ctx) => {
        executorSignal = ctx.signal;
        return reply.promise;
      },
    });
    void completion.then((c) => results.push(c));
    clock.advance(499);
    await flush();
    expect(results).toEqual([]);
    clock.advance(1);
    await flush();
    expect(results).toEqual([{ requestId: 'cr-2', completionCode: 'timeOut', description: 'no completion within 500 ms' }]);
    // The executor is told, so it can send DLE EOT / Abort to the device.
    expect(executorSignal?.aborted).toBe(true);
    expect(executorSignal?.reason).toBe('timeOut');
    reply.deliver({ completionCode: 'success', payload: 'too late' });
    await flush();
    expect(results).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('cancels when the caller aborts, clears the timer, and ignores the late reply', async () => {
    const clock = createFakeClock();
    const caller = new AbortController();
    const reply = controllable<string>();
    const completion = runCommand<string>({ requestId: 'cr-3', timeoutMs: 1000, clock, signal: caller.signal, execute: () => reply.promise });
    caller.abort();
    const result = await completion;
    expect(result).toMatchObject({ requestId: 'cr-3', completionCode: 'canceled' });
    expect(clock.pendingTimers()).toBe(0);
    reply.deliver({ completionCode: 'success', payload: 'late' });
    clock.advance(5000);
    await flush();
    expect(await completion).toBe(result);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const clock = createFakeClock();
    const caller = new AbortController();
    caller.abort();
    let started = false;
    const result = await runCommand({
      requestId: 'cr-4',
      timeoutMs: 1000,
      clock,
      signal: caller.signal,
      execute: async () => {
        started = true;
        return { completionCode: 'success', payload: undefined };
      },
    });
    expect(result.completionCode).toBe('canceled');
    expect(started).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('turns an executor exception (sync or async) into hardwareError', async () => {
    const clock = createFakeClock();
    const syncThrow = await runCommand({
      requestId: 'cr-5',
      timeoutMs: 10,
      clock,
      execute: () => {
        throw new Error('port closed');
      },
    });
    expect(syncThrow).toEqual({ requestId: 'cr-5', completionCode: 'hardwareError', description: 'port closed' });
    const reply = controllable<string>();
    const asyncThrow = runCommand<string>({ requestId: 'cr-6', timeoutMs: 10, clock, execute: () => reply.promise });
    reply.fail(new Error('EIO'));
    expect(await asyncThrow).toEqual({ requestId: 'cr-6', completionCode: 'hardwareError', description: 'EIO' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('passes intermediate events with the requestId until completion, then drops them', async () => {
    const clock = createFakeClock();
    const events: unknown[] = [];
    const reply = controllable<string>();
    let emit: (e: string) => void = () => {};
    const completion = runCommand<string, string, string>({
      requestId: 'cr-7',
      timeoutMs: 100,
      clock,
      onEvent: (e) => events.push(e),
      execute: (ctx) => {
        emit = ctx.emit;
        return reply.promise;
      },
    });
    emit('insertCard');
    reply.deliver({ completionCode: 'success', payload: 'ok' });
    await completion;
    emit('tooLate');
    expect(events).toEqual([{ requestId: 'cr-7', event: 'insertCard' }]);
  });

  it('rejects a bad timeout or an empty requestId up front', () => {
    const clock = createFakeClock();
    const execute = async () => ({ completionCode: 'success' as const, payload: undefined });
    expect(() => runCommand({ requestId: 'x', timeoutMs: 0, clock, execute })).toThrow(RangeError);
    expect(() => runCommand({ requestId: 'x', timeoutMs: Number.NaN, clock, execute })).toThrow(RangeError);
    expect(() => runCommand({ requestId: '', timeoutMs: 5, clock, execute })).toThrow(RangeError);
  });

  it('property: whatever the order of reply, timeout and cancel, exactly one completion and no leaked timer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          timeoutMs: fc.integer({ min: 1, max: 1000 }),
          replyAt: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
          cancelAt: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
        }),
        async ({ timeoutMs, replyAt, cancelAt }) => {
          const clock = createFakeClock();
          const caller = new AbortController();
          const reply = controllable<number>();
          const seen: Completion<number>[] = [];
          const completion = runCommand<number>({ requestId: 'p', timeoutMs, clock, signal: caller.signal, execute: () => reply.promise });
          void completion.then((c) => seen.push(c));
          // Replay reply and cancel in time order on the fake clock; the timer fires
          // inside advance() when its time comes, so anything at or after it loses.
          const steps: Array<{ at: number; outcome: 'success' | 'canceled'; act: () => void }> = [];
          if (replyAt !== undefined) steps.push({ at: replyAt, outcome: 'success', act: () => reply.deliver({ completionCode: 'success', payload: replyAt }) });
          if (cancelAt !== undefined) steps.push({ at: cancelAt, outcome: 'canceled', act: () => caller.abort() });
          steps.sort((a, b) => a.at - b.at);
          let t = 0;
          for (const step of steps) {
            clock.advance(step.at - t);
            t = step.at;
            await flush();
            step.act();
            await flush();
          }
          clock.advance(3000);
          await flush();
          expect(seen).toHaveLength(1);
          expect(clock.pendingTimers()).toBe(0);
          const expected = steps.find((step) => step.at < timeoutMs)?.outcome ?? 'timeOut';
          expect(seen[0]?.completionCode).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts the core clock (structural compatibility with electron/core/clock)', async () => {
    const clock: DeviceClock = createManualClock(0);
    const result = runCommand({ requestId: 'core', timeoutMs: 50, clock, execute: () => new Promise<never>(() => {}) });
    (clock as ReturnType<typeof createManualClock>).advance(50);
    expect((await result).completionCode).toBe('timeOut');
    expect((clock as ReturnType<typeof createManualClock>).pendingTimers()).toBe(0);
  });

  it('requestId factory gives distinct ids with the device prefix', () => {
    const next = createRequestIdFactory('cardReader');
    expect([next(), next(), next()]).toEqual(['cardReader-1', 'cardReader-2', 'cardReader-3']);
  });
});

describe('completionSchema', () => {
  const schema = completionSchema(z.object({ atr: z.string() }), z.enum(['mediaJam', 'noMedia']));
  it('accepts a well-formed completion and rejects commandErrorCode without errorCode', () => {
    expect(schema.safeParse({ requestId: 'r', completionCode: 'success', payload: { atr: '3B' } }).success).toBe(true);
    expect(schema.safeParse({ requestId: 'r', completionCode: 'commandErrorCode', errorCode: 'mediaJam' }).success).toBe(true);
    expect(schema.safeParse({ requestId: 'r', completionCode: 'commandErrorCode' }).success).toBe(false);
    expect(schema.safeParse({ requestId: 'r', completionCode: 'commandErrorCode', errorCode: 'bogus' }).success).toBe(false);
    expect(schema.safeParse({ requestId: 'r', completionCode: 'exploded' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { watchCardReader } from './card-reader-recovery.ts';

const settle = () => new Promise((r) => setImmediate(r));

/** A reader that is down until `initialise` is answered as scripted; a kiosk with a session flag and an out-of-service flag. */
function setup(options: { attempts?: number; initialiseWorks?: boolean[] } = {}) {
  const clock = createManualClock();
  const world = { online: true, session: false, outOfService: false, initialised: 0, gaveUp: [] as string[] };
  const answers = [...(options.initialiseWorks ?? [])];
  const recovery = watchCardReader({
    isOnline: () => world.online,
    initialise: async () => {
      world.initialised += 1;
      if (answers.shift()) world.online = true;
      return world.online;
    },
    sessionActive: () => world.session,
    outOfService: () => world.outOfService,
    giveUp: (detail) => {
      world.gaveUp.push(detail);
      world.outOfService = true;
    },
    clock,
    logger: createMemoryLogger().logger,
    attempts: options.attempts ?? 2,
    spacingMs: 5000,
  });
  const readerDrops = async () => {
    world.online = false;
    recovery.changed();
    await settle();
  };
  return { clock, world, recovery, readerDrops };
}

describe('card reader recovery', () => {
  it('a reader that comes back on the first initialise never takes the kiosk out of service', async () => {
    const t = setup({ initialiseWorks: [true] });
    await t.readerDrops();
    expect(t.world.initialised).toBe(1);
    expect(t.recovery.state()).toBe('watching');
    expect(t.world.gaveUp).toEqual([]);
  });

  it('a reader that stays down is initialised twice, 5 s apart, then the kiosk goes out of service', async () => {
    const t = setup({ initialiseWorks: [false, false] });
    await t.readerDrops();
    expect(t.world.initialised).toBe(1);
    t.clock.advance(4999);
    await settle();
    expect(t.world.initialised).toBe(1);
    t.clock.advance(1);
    await settle();
    expect(t.world.initialised).toBe(2);
    expect(t.world.gaveUp).toEqual(['card reader not online after 2 initialise attempts']);
    expect(t.recovery.state()).toBe('gave-up');
    // Back by itself later: still out of service until a technician clears it.
    t.world.online = true;
    t.recovery.changed();
    expect(t.world.outOfService).toBe(true);
  });

  it('with no attempts configured, the kiosk goes out of service at once, without touching the reader', async () => {
    const t = setup({ attempts: 0 });
    await t.readerDrops();
    expect(t.world.initialised).toBe(0);
    expect(t.world.gaveUp).toEqual(['card reader not online']);
  });

  it('leaves the reader alone while someone is using the kiosk, and tries once they are done', async () => {
    const t = setup({ initialiseWorks: [true] });
    t.world.session = true;
    await t.readerDrops();
    t.clock.advance(5000);
    await settle();
    expect(t.world.initialised).toBe(0);
    t.world.session = false;
    t.clock.advance(5000);
    await settle();
    expect(t.world.initialised).toBe(1);
    expect(t.recovery.state()).toBe('watching');
  });

  it('a reader back by itself between attempts stops the recovery', async () => {
    const t = setup({ initialiseWorks: [false, false] });
    await t.readerDrops();
    t.world.online = true;
    t.recovery.changed();
    t.clock.advance(60_000);
    await settle();
    expect(t.world.initialised).toBe(1);
    expect(t.world.gaveUp).toEqual([]);
  });

  it('a technician clearing the out-of-service with the reader still down starts the attempts again', async () => {
    const t = setup({ initialiseWorks: [false, false, true] });
    await t.readerDrops();
    t.clock.advance(5000);
    await settle();
    expect(t.world.gaveUp).toHaveLength(1);
    t.world.outOfService = false;
    t.recovery.changed();
    await settle();
    expect(t.world.initialised).toBe(3);
    expect(t.recovery.state()).toBe('watching');
    expect(t.world.outOfService).toBe(false);
  });

  it('does nothing while the kiosk is out of service for another reason', async () => {
    const t = setup();
    t.world.outOfService = true;
    await t.readerDrops();
    expect(t.world.initialised).toBe(0);
    expect(t.recovery.state()).toBe('watching');
  });
});

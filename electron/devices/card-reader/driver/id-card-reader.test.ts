import { afterEach, describe, expect, it } from 'vitest';
import { fictionalPerson, FICTIONAL_PIN } from '../../../../native-mocks/people/fictional-people.ts';
import { CARD_PROFILES, type CardProfile } from '../../../../native-mocks/id-cards/card-profiles.ts';
import { IdCardReader } from './id-card-reader.ts';
import { createSimHarness, type SimHarness } from './testing/sim-harness.ts';
import { elapse } from './testing/stepping-clock.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
let h: SimHarness;
afterEach(async () => {
  expect(await h.shutdown()).toEqual({ timers: 0, listeners: 0 });
});

async function start(profile: CardProfile | null, insertAfterMs = 200) {
  h = createSimHarness();
  await h.run(h.driver.initialise());
  const reader = new IdCardReader(h.driver);
  if (profile) h.clock.setTimeout(() => h.sim.insertCard(profile), insertAfterMs);
  return reader;
}
const live = () => new AbortController().signal;

describe('IdCardReader: the flow-facing composition of driver and chip application', () => {
  it('reads a valid card; the fingerprint reference is there until the card is released', async () => {
    const reader = await start('valid-adult');
    const read = await h.run(reader.readCard(live()));
    expect(read.kind).toBe('read');
    expect(read.kind === 'read' && read.card.personal.cprNumber).toBe(fictionalPerson(TODAY, 'valid-adult').cpr);
    expect(new TextDecoder().decode(reader.fingerprintReference() ?? undefined)).toBe('fictional-finger-1');
    const releasing = reader.release(10_000, live());
    await elapse(h.clock, 1_000);
    h.sim.takeCard();
    expect(await h.run(releasing)).toEqual({ kind: 'taken' });
    expect(reader.fingerprintReference()).toBeNull();
    expect(reader.hasCard()).toBe(false);
  });

  it('damaged chip → unreadable; foreign card → foreign; nobody inserts → timeout', async () => {
    let reader = await start('damaged-chip');
    expect(await h.run(reader.readCard(live()))).toEqual({ kind: 'unreadable' });
    await h.shutdown();
    reader = await start('foreign-card');
    expect(await h.run(reader.readCard(live()))).toEqual({ kind: 'foreign' });
    await h.shutdown();
    reader = await start(null);
    expect(await h.run(reader.readCard(live(), 10_000))).toEqual({ kind: 'timeout' });
  });

  it('staff cards: a technician card names its holder and role; a citizen card is not a staff card and nothing of it is read', async () => {
    let reader = await start('supervisor-card');
    expect(await h.run(reader.readStaffCard(live()))).toEqual({ kind: 'staff', card: { staffId: 'STAFF-0002', role: 'supervisor' } });
    const releasing = reader.release(10_000, live());
    await elapse(h.clock, 500);
    h.sim.takeCard();
    expect(await h.run(releasing)).toEqual({ kind: 'taken' });
    await h.shutdown();
    reader = await start('valid-adult');
    expect(await h.run(reader.readStaffCard(live()))).toEqual({ kind: 'not-staff' });
    expect(reader.fingerprintReference()).toBeNull();
    await h.shutdown();
    reader = await start('damaged-chip');
    expect(await h.run(reader.readStaffCard(live()))).toEqual({ kind: 'unreadable' });
    await h.shutdown();
    reader = await start(null);
    expect(await h.run(reader.readStaffCard(live(), 10_000))).toEqual({ kind: 'timeout' });
  });

  it('card yanked during the read → removed; reader silent → device-fault with its completion', async () => {
    let reader = await start('valid-adult');
    h.sim.pullCardMidRead();
    expect(await h.run(reader.readCard(live()))).toEqual({ kind: 'removed' });
    await h.shutdown();
    reader = await start('valid-adult');
    h.sim.setFault('no-answer');
    expect(await h.run(reader.readCard(live()))).toEqual({ kind: 'device-fault', completionCode: 'timeOut', errorCode: 'noAnswer' });
  });

  it('PIN: wrong with tries left, then ok; a blocked card says blocked, and a new PIN unblocks it', async () => {
    let reader = await start('valid-adult');
    await h.run(reader.readCard(live()));
    expect(await h.run(reader.verifyPin('0000', live()))).toEqual({ kind: 'wrong', triesLeft: 2 });
    expect(await h.run(reader.verifyPin(FICTIONAL_PIN, live()))).toEqual({ kind: 'ok' });
    expect(await h.run(reader.writeAddress({ block: '998', road: '9999', building: '1' }, live()))).toEqual({ kind: 'ok' });
    await h.shutdown();
    reader = await start('card-pin-blocked');
    await h.run(reader.readCard(live()));
    expect(await h.run(reader.verifyPin(FICTIONAL_PIN, live()))).toEqual({ kind: 'blocked' });
    expect(await h.run(reader.setNewPin('7777', live()))).toEqual({ kind: 'ok' });
    expect(await h.run(reader.verifyPin('7777', live()))).toEqual({ kind: 'ok' });
  });

  it('release: a card nobody takes is retained after the wait', async () => {
    const reader = await start('card-expired');
    await h.run(reader.readCard(live()));
    expect(await h.run(reader.release(15_000, live()))).toEqual({ kind: 'retained' });
    expect(h.sim.state()).toMatchObject({ bin: { count: 1 } });
  });

  it('every card profile through the reader: minor, expired and renewable show in the data the kiosk reads', async () => {
    const DAY = 86_400_000;
    const today = Date.UTC(2026, 10, 23);
    const age = (dob: string) => {
      const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
      return 2026 - y - (11 < m || (m === 11 && 23 < d) ? 1 : 0);
    };
    const seen: Record<string, string> = {};
    for (const profile of CARD_PROFILES) {
      const reader = await start(profile);
      const read = await h.run(reader.readCard(live()));
      if (read.kind === 'read') {
        const days = Math.round((Date.parse(`${read.card.personal.expiryDate}T00:00:00Z`) - today) / DAY);
        seen[profile] = `${days < 0 ? 'expired' : days <= 60 ? 'renewable' : 'valid'}${age(read.card.personal.dateOfBirth) < 15 ? ' minor' : ''}`;
      } else seen[profile] = read.kind;
      await h.shutdown();
    }
    h = createSimHarness();
    expect(seen).toEqual({
      'valid-adult': 'valid',
      'card-expiring-soon': 'renewable',
      'card-expired': 'expired',
      'card-pin-blocked': 'valid',
      minor: 'valid minor',
      'ekey-basic-registered': 'valid',
      'ekey-locked': 'valid',
      'foreign-resident': 'valid',
      'damaged-chip': 'unreadable',
      'foreign-card': 'foreign',
      // A staff card has no ID application: to a citizen service it is a foreign card.
      'technician-card': 'foreign',
      'supervisor-card': 'foreign',
    });
  });

  it('at 9600 baud the same read works, and the wire time shows', async () => {
    h = createSimHarness({ baud: 9_600 });
    await h.run(h.driver.initialise());
    const reader = new IdCardReader(h.driver);
    h.clock.setTimeout(() => h.sim.insertCard('valid-adult'), 100);
    const started = h.clock.now();
    expect((await h.run(reader.readCard(live()))).kind).toBe('read');
    const slow = h.clock.now() - started;
    await h.shutdown();
    h = createSimHarness({ baud: 115_200 });
    await h.run(h.driver.initialise());
    const fast = new IdCardReader(h.driver);
    h.clock.setTimeout(() => h.sim.insertCard('valid-adult'), 100);
    const began = h.clock.now();
    expect((await h.run(fast.readCard(live()))).kind).toBe('read');
    expect(slow - (h.clock.now() - began)).toBeGreaterThan(300);
  });
});

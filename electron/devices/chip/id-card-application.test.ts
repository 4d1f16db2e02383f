import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CARD_PROFILES, createSimulatedCard, type CardProfile } from '../../../native-mocks/id-cards/card-profiles.ts';
import { fictionalPerson, FICTIONAL_PIN, FICTIONAL_PUK } from '../../../native-mocks/people/fictional-people.ts';
import type { SimulatedIdCardChip } from '../../../native-mocks/id-cards/id-card-chip.ts';
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { exchangeApdu } from './t0-exchange.ts';
import { type ApduChannel, IdCardApplication } from './id-card-application.ts';
import type { Completion } from '../contract/completion.ts';
import { toHex } from '../shared/bytes.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
const DAY_MS = 86_400_000;

/** A channel straight to a simulated chip, with T=0 handled by the chip codec, recording the raw traffic. */
function channelTo(chip: SimulatedIdCardChip, trace: string[] = []): ApduChannel {
  let n = 0;
  return async (command: CommandApdu): Promise<Completion<ResponseApdu, string>> => {
    const result = await exchangeApdu(async (bytes) => {
      const response = chip.respond(bytes);
      trace.push(`${toHex(bytes.subarray(0, 2))} -> ${toHex(response.subarray(-2))}`);
      return response;
    }, command);
    n++;
    return result.ok ? { requestId: `t-${n}`, completionCode: 'success', payload: result.value } : { requestId: `t-${n}`, completionCode: 'hardwareError', description: result.error };
  };
}

function insert(profile: CardProfile) {
  const card = createSimulatedCard(profile, TODAY);
  const atr = card.chip.powerOn();
  return { card, atr, app: new IdCardApplication(channelTo(card.chip)) };
}

function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}
const daysToExpiry = (expiry: string, today: Date) => Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / DAY_MS);

describe('ID card application: reading', () => {
  it('reads a valid card: personal data, address and fingerprint reference, exactly as issued', async () => {
    const { app } = insert('valid-adult');
    const person = fictionalPerson(TODAY, 'valid-adult');
    const read = await app.readAll();
    expect(read).toEqual({
      ok: true,
      value: {
        personal: {
          cprNumber: person.cpr,
          nameEnglish: person.nameEn,
          nameArabic: person.nameAr,
          dateOfBirth: person.dateOfBirth,
          nationality: person.nationality,
          expiryDate: person.card.expiry,
          cardSerial: person.card.serial,
        },
        address: { block: person.address.block, road: person.address.road, building: person.address.building, flat: person.address.flat },
        fingerprint: { fingerIndex: person.card.fingerprint.fingerIndex, reference: new TextEncoder().encode(person.card.fingerprint.templateId) },
      },
    });
  });

  it('walks the T=0 procedure: SELECT with FCI answers 61xx (GET RESPONSE follows), a too-long READ BINARY answers 6Cxx (re-issued)', async () => {
    const card = createSimulatedCard('valid-adult', TODAY);
    card.chip.powerOn();
    const trace: string[] = [];
    const app = new IdCardApplication(channelTo(card.chip, trace));
    expect((await app.readPersonalData()).ok).toBe(true);
    expect(trace[0]).toMatch(/^00 A4 -> 61 /);
    expect(trace[1]).toBe('00 C0 -> 90 00');
    expect(trace).toContain('00 B0 -> 90 00');
    expect(trace.some((line) => /^00 B0 -> 6C /.test(line))).toBe(true);
  });

  it('every profile reads to the right kind of answer, and the scenario shows in the data, not in a flag', async () => {
    const seen: Record<string, string> = {};
    for (const profile of CARD_PROFILES) {
      const { atr, app } = insert(profile);
      if (atr === null) {
        seen[profile] = 'no ATR';
        continue;
      }
      const read = await app.readAll();
      if (!read.ok) {
        seen[profile] = read.failure.kind;
        continue;
      }
      const p = read.value.personal;
      const facts = [
        daysToExpiry(p.expiryDate, TODAY) < 0 ? 'expired' : daysToExpiry(p.expiryDate, TODAY) <= 30 ? 'renewable' : 'valid',
        ageOn(p.dateOfBirth, TODAY) < 15 ? 'minor' : 'adult',
        p.nationality,
      ];
      seen[profile] = facts.join(' ');
    }
    expect(seen).toEqual({
      'valid-adult': 'valid adult BHR',
      'card-expiring-soon': 'renewable adult BHR',
      'card-expired': 'expired adult BHR',
      'card-pin-blocked': 'valid adult BHR',
      minor: 'valid minor BHR',
      'ekey-basic-registered': 'valid adult BHR',
      'ekey-locked': 'valid adult BHR',
      'foreign-resident': 'valid adult GBR',
      'damaged-chip': 'no ATR',
      'foreign-card': 'notIdCard',
      'technician-card': 'notIdCard',
      'supervisor-card': 'notIdCard',
    });
  });

  it('a foreign card is told apart by its answer to SELECT (6A82), and nothing else is read from it', async () => {
    const card = createSimulatedCard('foreign-card', TODAY);
    card.chip.powerOn();
    const trace: string[] = [];
    const app = new IdCardApplication(channelTo(card.chip, trace));
    expect(await app.readPersonalData()).toEqual({ ok: false, failure: { kind: 'notIdCard' } });
    expect(trace).toEqual(['00 A4 -> 6A 82']);
  });

  it('a reader failure in the middle of a read comes back as the reader completion, not as card data', async () => {
    const card = createSimulatedCard('valid-adult', TODAY);
    card.chip.powerOn();
    const real = channelTo(card.chip);
    let calls = 0;
    const app = new IdCardApplication(async (command) => {
      if (++calls === 4) return { requestId: 'x', completionCode: 'userError', errorCode: 'mediaRemoved', description: 'card pulled' };
      return real(command);
    });
    expect(await app.readAll()).toEqual({ ok: false, failure: { kind: 'reader', completionCode: 'userError', errorCode: 'mediaRemoved', description: 'card pulled' } });
  });

  it('rejects card data that does not parse as malformedData', async () => {
    const card = createSimulatedCard('valid-adult', TODAY);
    card.chip.powerOn();
    const real = channelTo(card.chip);
    const app = new IdCardApplication(async (command) => {
      const answer = await real(command);
      // Corrupt READ BINARY data: the personal-data template tag goes missing.
      if (command.ins === 0xb0 && answer.payload && answer.payload.data.length > 0) {
        const data = answer.payload.data.slice();
        data[0] = 0x99;
        return { ...answer, payload: { ...answer.payload, data } };
      }
      return answer;
    });
    const read = await app.readPersonalData();
    expect(read.ok).toBe(false);
    expect(!read.ok && read.failure.kind).toBe('malformedData');
  });
});

describe('ID card application: PIN', () => {
  it('tries go 3 → 2 → 1 → blocked, the counter survives power-off and re-insertion, and the right PIN is refused once blocked', async () => {
    const { card, app } = insert('valid-adult');
    expect(await app.pinStatus()).toEqual({ ok: true, value: { triesLeft: 3, verified: false } });
    expect(await app.verifyPin('0000')).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 2 } });
    card.chip.powerOff();
    card.chip.powerOn();
    const again = new IdCardApplication(channelTo(card.chip));
    expect(await again.pinStatus()).toEqual({ ok: true, value: { triesLeft: 2, verified: false } });
    expect(await again.verifyPin('1111')).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 1 } });
    expect(await again.verifyPin('2222')).toEqual({ ok: false, failure: { kind: 'pinBlocked' } });
    expect(await again.verifyPin(FICTIONAL_PIN)).toEqual({ ok: false, failure: { kind: 'pinBlocked' } });
    expect(await again.pinStatus()).toEqual({ ok: true, value: { triesLeft: 0, verified: false } });
  });

  it('the right PIN verifies and resets the counter', async () => {
    const { app } = insert('valid-adult');
    await app.verifyPin('9999');
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: true, value: undefined });
    expect(await app.pinStatus()).toEqual({ ok: true, value: { triesLeft: 3, verified: true } });
  });

  it('a PIN-blocked card: blocked from the start; unblocked with a new PIN after the fingerprint proof', async () => {
    const { app } = insert('card-pin-blocked');
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: false, failure: { kind: 'pinBlocked' } });
    expect(await app.unblockPin('4321', { provenBy: 'fingerprint' })).toEqual({ ok: true, value: undefined });
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 2 } });
    expect(await app.verifyPin('4321')).toEqual({ ok: true, value: undefined });
  });

  it('unblock with the PUK: a wrong PUK spends a PUK try, the right one sets the new PIN', async () => {
    const { app } = insert('card-pin-blocked');
    expect(await app.unblockPinWithPuk('87654321', '5555')).toEqual({ ok: false, failure: { kind: 'wrongPuk', triesLeft: 9 } });
    expect(await app.unblockPinWithPuk(FICTIONAL_PUK, '5555')).toEqual({ ok: true, value: undefined });
    expect(await app.verifyPin('5555')).toEqual({ ok: true, value: undefined });
  });

  it('change PIN needs the old PIN (a wrong one spends a try) and then the new one works', async () => {
    const { app } = insert('valid-adult');
    expect(await app.changePin('0000', '8888')).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 2 } });
    expect(await app.changePin(FICTIONAL_PIN, '8888')).toEqual({ ok: true, value: undefined });
    expect(await app.verifyPin(FICTIONAL_PIN)).toEqual({ ok: false, failure: { kind: 'wrongPin', triesLeft: 2 } });
    expect(await app.verifyPin('8888')).toEqual({ ok: true, value: undefined });
  });

  it('a malformed PIN is refused before it reaches the card, without echoing it', async () => {
    const sent: CommandApdu[] = [];
    const card = createSimulatedCard('valid-adult', TODAY);
    card.chip.powerOn();
    const real = channelTo(card.chip);
    const app = new IdCardApplication((c) => {
      sent.push(c);
      return real(c);
    });
    const result = await app.verifyPin('12a4567');
    expect(result).toEqual({ ok: false, failure: { kind: 'invalidInput', description: 'a PIN must be 4 to 8 digits' } });
    expect(JSON.stringify(result)).not.toContain('12a4567');
    expect(sent).toEqual([]);
  });
});

describe('ID card application: writing the address', () => {
  const newAddress = { block: '998', road: '9977', building: '7B' };

  it('needs the PIN first (6982 → notAuthorised)', async () => {
    const { app } = insert('valid-adult');
    expect(await app.writeAddress(newAddress)).toEqual({ ok: false, failure: { kind: 'notAuthorised' } });
  });

  it('after VERIFY it writes, reads back, and a shorter address leaves nothing of the old one', async () => {
    const { card, app } = insert('card-expired');
    expect((await app.verifyPin(FICTIONAL_PIN)).ok).toBe(true);
    expect(await app.writeAddress(newAddress)).toEqual({ ok: true, value: newAddress });
    card.chip.powerOff();
    card.chip.powerOn();
    const fresh = new IdCardApplication(channelTo(card.chip));
    expect(await fresh.readAddress()).toEqual({ ok: true, value: newAddress });
  });

  it('refuses an address the layout cannot hold, without touching the card', async () => {
    const { app } = insert('valid-adult');
    await app.verifyPin(FICTIONAL_PIN);
    const result = await app.writeAddress({ block: '99999999999', road: '1', building: '1' });
    expect(!result.ok && result.failure.kind).toBe('invalidInput');
    expect(await app.readAddress()).toEqual({ ok: true, value: expect.objectContaining({ block: '999' }) });
  });
});

describe('ID card application: privacy', () => {
  const spies: Array<ReturnType<typeof vi.spyOn>> = [];
  beforeEach(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, method).mockImplementation(() => {}));
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it('prints nothing while reading, verifying and changing a PIN', async () => {
    const { app } = insert('valid-adult');
    await app.readAll();
    await app.verifyPin('0000');
    await app.changePin(FICTIONAL_PIN, '2468');
    await app.writeAddress({ block: '998', road: '1', building: '2' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

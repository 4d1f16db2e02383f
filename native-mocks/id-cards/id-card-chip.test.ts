import { describe, expect, it } from 'vitest';
import { encodeCommandApdu } from '../../electron/devices/chip/apdu.ts';
import { encodePinBlock, readBinary, resetRetryCounter, selectByAid, selectEf, updateBinary, verify } from '../../electron/devices/chip/commands.ts';
import { ID_CARD_FILES, NATIONAL_ID_AID, PIN_REFERENCE } from '../../electron/devices/chip/id-card-layout.ts';
import { fromHex, toHex } from '../../electron/devices/shared/bytes.ts';
import { parseAtr } from '../../electron/devices/chip/atr.ts';
import { ADDRESS_EF_SIZE, createSimulatedCard } from './card-profiles.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23));
const sw = (response: Uint8Array) => toHex(response.subarray(-2));

function poweredCard(profile: Parameters<typeof createSimulatedCard>[0] = 'valid-adult') {
  const card = createSimulatedCard(profile, TODAY);
  card.chip.powerOn();
  return (apdu: Parameters<typeof encodeCommandApdu>[0] | Uint8Array) => card.chip.respond(apdu instanceof Uint8Array ? apdu : encodeCommandApdu(apdu));
}

describe('simulated ID card chip: status words at the edges', () => {
  it('a valid ISO 7816-3 ATR, T=0, naming the card in its historical bytes; a damaged chip has none', () => {
    const card = createSimulatedCard('valid-adult', TODAY);
    const atr = card.chip.powerOn();
    const parsed = atr && parseAtr(atr);
    expect(parsed?.ok && parsed.value.protocols).toEqual([0]);
    expect(createSimulatedCard('damaged-chip', TODAY).chip.powerOn()).toBeNull();
  });

  it('answers nothing useful before power-on, and forgets the session at power-off', () => {
    const card = createSimulatedCard('valid-adult', TODAY);
    expect(sw(card.chip.respond(encodeCommandApdu(selectByAid(NATIONAL_ID_AID))))).toBe('6F 00');
    card.chip.powerOn();
    expect(sw(card.chip.respond(encodeCommandApdu(selectByAid(NATIONAL_ID_AID))))).toBe('90 00');
    card.chip.powerOff();
    card.chip.powerOn();
    expect(sw(card.chip.respond(encodeCommandApdu(selectEf(ID_CARD_FILES.address.fid))))).toBe('6A 82');
  });

  it('class, instruction, file and offset errors', () => {
    const send = poweredCard();
    expect(sw(send(fromHex('80 A4 04 0C')))).toBe('6E 00');
    expect(sw(send(fromHex('00 CA 00 00 00')))).toBe('6D 00');
    expect(sw(send(fromHex('00 A4')))).toBe('67 00');
    expect(sw(send(selectByAid(NATIONAL_ID_AID)))).toBe('90 00');
    expect(sw(send(readBinary(0, 4)))).toBe('69 86');
    expect(sw(send(fromHex('00 C0 00 00 10')))).toBe('69 85');
    expect(sw(send(selectEf(0x0999)))).toBe('6A 82');
    expect(sw(send(selectEf(ID_CARD_FILES.address.fid)))).toBe('90 00');
    expect(sw(send(readBinary(ADDRESS_EF_SIZE, 1)))).toBe('6B 00');
    expect(sw(send(readBinary(ADDRESS_EF_SIZE - 8, 16)))).toBe('6C 08');
    expect(send(readBinary(ADDRESS_EF_SIZE - 8, 8))).toHaveLength(10);
  });

  it('GET RESPONSE can be taken in pieces (61xx chains)', () => {
    const send = poweredCard();
    const first = send(selectByAid(NATIONAL_ID_AID, true));
    expect(sw(first)).toBe('61 0C');
    const part = send(fromHex('00 C0 00 00 05'));
    expect(sw(part)).toBe('61 07');
    expect(sw(send(fromHex('00 C0 00 00 07')))).toBe('90 00');
  });

  it('only the address is writable, and only after VERIFY', () => {
    const send = poweredCard();
    send(selectByAid(NATIONAL_ID_AID));
    send(selectEf(ID_CARD_FILES.personalData.fid));
    expect(sw(send(updateBinary(0, fromHex('00'))))).toBe('69 82');
    send(selectEf(ID_CARD_FILES.address.fid));
    expect(sw(send(updateBinary(0, fromHex('00'))))).toBe('69 82');
    expect(sw(send(verify(PIN_REFERENCE, encodePinBlock('1234'))))).toBe('90 00');
    expect(sw(send(updateBinary(ADDRESS_EF_SIZE - 1, fromHex('00 00'))))).toBe('67 00');
    expect(sw(send(updateBinary(0, fromHex('00'))))).toBe('90 00');
    send(selectEf(ID_CARD_FILES.personalData.fid));
    expect(sw(send(updateBinary(0, fromHex('00'))))).toBe('69 82');
  });

  it('the PUK has its own counter and blocks too (6983); a blocked PUK leaves only P1 02', () => {
    const send = poweredCard('card-pin-blocked');
    send(selectByAid(NATIONAL_ID_AID));
    const wrong = resetRetryCounter(PIN_REFERENCE, encodePinBlock('00000000'), encodePinBlock('1111'));
    for (let left = 9; left >= 0; left--) expect(sw(send(wrong))).toBe(`63 C${left.toString(16).toUpperCase()}`);
    expect(sw(send(resetRetryCounter(PIN_REFERENCE, encodePinBlock('12345678'), encodePinBlock('1111'))))).toBe('69 83');
    expect(sw(send(resetRetryCounter(PIN_REFERENCE, undefined, encodePinBlock('1111'))))).toBe('90 00');
    expect(sw(send(verify(PIN_REFERENCE, encodePinBlock('1111'))))).toBe('90 00');
  });
});

/**
 * A BenefitPay-style QR payload in the EMVCo merchant-presented format
 * (EMV QRCPS-MPM): TLV fields "ID(2) LEN(2) VALUE", ending with a CRC-16
 * (CCITT-FALSE: poly 0x1021, init 0xFFFF) over everything up to and
 * including "6304". The merchant and the reference are fictional; a real
 * wallet app would not find this merchant.
 */
function field(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`EMV field ${id} longer than 99`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** BHD has three decimals; EMV amounts are written with a dot. */
export function filsToEmvAmount(fils: number): string {
  return `${Math.floor(fils / 1000)}.${String(fils % 1000).padStart(3, '0')}`;
}

export function emvQrPayload(input: { amountFils: number; paymentId: string }): string {
  const body = [
    field('00', '01'), // payload format indicator
    field('01', '12'), // point of initiation: dynamic (one payment)
    field('26', field('00', 'bh.example.benefitpay-test') + field('01', 'KHIDMA-TEST-MERCHANT')),
    field('52', '9399'), // merchant category: government services
    field('53', '048'), // ISO 4217 numeric: BHD
    field('54', filsToEmvAmount(input.amountFils)),
    field('58', 'BH'),
    field('59', 'KHIDMA TEST MERCHANT'),
    field('60', 'MANAMA'),
    field('62', field('05', input.paymentId)), // additional data: reference label
  ].join('');
  const unsigned = `${body}6304`;
  return unsigned + crc16CcittFalse(unsigned).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The two CRC-16 variants our serial devices use, written out (ten lines each)
 * rather than taken from the `crc` package: they work on Uint8Array without
 * Node's Buffer, so the codecs stay pure, and the tests check them against both
 * the catalogue check values and the `crc` package.
 *
 * Parameters follow the "Catalogue of parametrised CRC algorithms" (reveng):
 *  - CRC-16/XMODEM: poly 0x1021, init 0, not reflected, xorout 0; check("123456789") = 0x31C3.
 *    Used by Sankyo ICT3Q8/ICT3K5 card readers (spec ASL-NP-09256 annex 1: "X16+X12+X5+1,
 *    initial value 0000H"), high byte sent first.
 *  - CRC-16/KERMIT: poly 0x1021 reflected (0x8408), init 0, reflected in/out, xorout 0;
 *    check("123456789") = 0x2189. Used by ZVT serial framing (PA00P016 chapter 3.3), low byte
 *    sent first. The ZVT document calls it "CRC-XModem" but prints the reflected polynomial;
 *    its public example `10 02 80 00 00 10 03 F5 1F` only matches the reflected form.
 */

export function crc16Xmodem(data: Uint8Array, initial = 0x0000): number {
  let crc = initial & 0xffff;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function crc16Kermit(data: Uint8Array, initial = 0x0000): number {
  let crc = initial & 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    }
  }
  return crc;
}

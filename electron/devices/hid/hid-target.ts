/**
 * Which real HID device to open, from a config line: a hidraw path
 * ("/dev/hidraw3") or a USB id "VID:PID" in hex ("0c2e:0b61", "0x0C2E:0x0B61").
 * A path picks one interface of a composite device; VID:PID picks the first
 * interface hidapi finds, which is fine for single-interface devices.
 */
export type HidTarget = { readonly kind: 'path'; readonly path: string } | { readonly kind: 'usb'; readonly vendorId: number; readonly productId: number };

const USB_ID = /^(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})$/i;

export function parseHidTarget(text: string): HidTarget | { error: string } {
  const trimmed = text.trim();
  const usb = USB_ID.exec(trimmed);
  if (usb) return { kind: 'usb', vendorId: Number.parseInt(usb[1]!, 16), productId: Number.parseInt(usb[2]!, 16) };
  if (trimmed.startsWith('/')) return { kind: 'path', path: trimmed };
  return { error: `not a HID device: "${text}" (expected a path such as /dev/hidraw0 or VID:PID in hex such as 0c2e:0b61)` };
}

export function describeHidTarget(target: HidTarget): string {
  if (target.kind === 'path') return target.path;
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(target.vendorId)}:${hex(target.productId)}`;
}

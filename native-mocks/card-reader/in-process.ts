/**
 * `sim` mode: the simulator inside the kiosk process, on an in-memory link.
 *
 * The link itself comes from the caller (the kiosk's wiring creates it with the
 * device transport module, which simulators may not import): `createLink` returns a
 * connected pair, the driver gets `host`, the simulator `device`. The returned
 * `connect` is what the driver's options want; it makes a fresh link each time,
 * so the driver can reconnect after the "unplugged" fault is cleared, and refuses
 * while the reader is unplugged, as opening a vanished USB-serial port would.
 */
import type { CardReaderSimulator } from './card-reader-simulator.ts';
import type { SimPort } from './sim-wire.ts';

export interface LinkPair<THost> {
  readonly host: THost;
  readonly device: SimPort & { close(): Promise<void> };
}

export function inProcessConnector<THost>(simulator: CardReaderSimulator, createLink: () => LinkPair<THost>): () => Promise<THost> {
  let detach: (() => void) | null = null;
  return async () => {
    if (!simulator.pluggedIn) throw new Error('card reader not connected (simulated unplug)');
    detach?.();
    const link = createLink();
    detach = simulator.attach(link.device, { hangUp: () => void link.device.close() });
    return link.host;
  };
}

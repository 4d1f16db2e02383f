import type { KioskProcess } from './kiosk-process.ts';

/** The simulators' control API, as QA scripts use it: insert a card, take it, inject a fault, read a ledger. */
export function simulators(kiosk: KioskProcess) {
  const sims = kiosk.simulators;
  if (!sims) throw new Error('this kiosk runs no simulators');
  const call = async <T = unknown>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sims.controlUrl}/api/simulators/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-control-token': sims.controlToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${path}: ${json.error ?? res.status}`);
    return json;
  };
  const state = async (device: string) => {
    const { simulators: list } = await call<{ simulators: { id: string; state: Record<string, unknown> }[] }>('');
    const found = list.find((s) => s.id === device);
    if (!found) throw new Error(`no simulator ${device}`);
    return found.state;
  };
  return {
    /** The citizen takes the card once the reader offers it at the gate (as a person would wait for it). */
    async takeCard(timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if ((await state('card-reader')).slot === 'atGate') {
          await call('card-reader/actions/takeCard', { args: {} });
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the card never came out to the gate');
    },
    action: (device: string, action: string, args: Record<string, unknown> = {}) => call(`${device}/actions/${action}`, { args }),
    fault: (device: string, fault: string | null, options: Record<string, unknown> = {}) => call(`${device}/fault`, { fault, options }),
    state,
  };
}

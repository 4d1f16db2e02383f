import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ManualClock } from '../clock/clock.ts';
import type { KioskCore } from '../kiosk/kiosk-core.ts';
import { tokenMatches } from '../bridge/launch-token.ts';

/**
 * `/__test/*` endpoints for the end-to-end tests: move the manual clock,
 * read the session table and what was said through the headphones. Only mounted when `testing.hooks` is on, and even
 * then they require the launch token in `x-kiosk-token`.
 */
export interface TestHookDeps {
  token: string;
  core: KioskCore;
  clock: ManualClock | null;
  /** The recording speech engine (development): what the page asked to be said. */
  speech: { utterances(): { text: string; language: string }[] } | null;
}

async function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('body too large');
  }
  return body;
}

export async function handleTestHook(req: IncomingMessage, res: ServerResponse, deps: TestHookDeps): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const header = req.headers['x-kiosk-token'];
  if (!tokenMatches(deps.token, Array.isArray(header) ? header[0] : header)) return reply(401, { error: 'bad token' });
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/__test/speech' && req.method === 'GET') {
    if (!deps.speech) return reply(409, { error: 'speech is not recorded on this kiosk' });
    return reply(200, { utterances: deps.speech.utterances() });
  }
  if (path === '/__test/sessions' && req.method === 'GET') {
    return reply(200, { sessions: deps.core.sessions.describe() });
  }
  if (path === '/__test/clock/advance' && req.method === 'POST') {
    if (!deps.clock) return reply(409, { error: 'the kiosk runs on the system clock' });
    let ms: unknown;
    try {
      ms = (JSON.parse(await readBody(req)) as { ms?: unknown }).ms;
    } catch {
      return reply(400, { error: 'body must be JSON {"ms": number}' });
    }
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 86_400_000) return reply(400, { error: 'ms out of range' });
    deps.clock.advance(ms);
    return reply(200, { now: deps.clock.now() });
  }
  if (path === '/__test/out-of-service' && req.method === 'POST') {
    let reason: unknown;
    try {
      reason = (JSON.parse(await readBody(req)) as { reason?: unknown }).reason;
    } catch {
      return reply(400, { error: 'body must be JSON' });
    }
    if (reason !== null && reason !== 'technician' && reason !== 'device') return reply(400, { error: 'bad reason' });
    deps.core.setOutOfService(reason);
    return reply(200, { ok: true });
  }
  return reply(404, { error: 'no such hook' });
}

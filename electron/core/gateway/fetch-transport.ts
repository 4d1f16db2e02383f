import { createBodyCollector, type HttpTransport } from './http-transport.ts';

/** Node's global fetch. Redirects are refused: the gateway contract has none, and following one could leak headers. */
export function createFetchTransport(): HttpTransport {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal,
      redirect: 'error',
    });
    const collector = createBodyCollector();
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          collector.add(value);
        }
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        throw error;
      }
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: collector.text() };
  };
}

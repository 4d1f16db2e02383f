/**
 * The one thing the gateway client needs from the network: send a request,
 * get status, headers and body text back, give up when the signal aborts.
 * Two implementations: Node's global fetch (plain HTTP to the loopback
 * simulator, or HTTPS without client certificates) and node:https when the
 * kiosk must present a client certificate (mutual TLS), which fetch cannot do
 * without undici.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** A gateway answer larger than any answer in the contract: refused before it fills memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export class ResponseTooLargeError extends Error {
  constructor() {
    super(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** Collects UTF-8 chunks up to the size cap. */
export function createBodyCollector(): { add(chunk: Uint8Array): void; text(): string } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    add(chunk) {
      size += chunk.byteLength;
      if (size > MAX_RESPONSE_BYTES) throw new ResponseTooLargeError();
      chunks.push(chunk);
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

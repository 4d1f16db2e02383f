import { z } from 'zod';

/**
 * The gateway part of the kiosk configuration. The lead merges this into
 * `config/config-schema.ts` as `gateway`; it is strict like the rest of the
 * config so a misspelt key is an error, not a silently ignored setting.
 */
export const GatewayTlsSchema = z
  .object({
    /** The kiosk's client certificate (PEM). Mutual TLS: the gateway identifies the kiosk by it. */
    certFile: z.string().min(1),
    /** Its private key (PEM). Readable by the kiosk user only. */
    keyFile: z.string().min(1),
    /** The CA bundle (PEM) the gateway's certificate must chain to; public CAs are not trusted. */
    caFile: z.string().min(1),
  })
  .strict();

export const GatewayConfigSchema = z
  .object({
    /** Base address including the version prefix, e.g. https://gateway.example/kiosk/v1. */
    baseUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }),
    /** Default per-attempt timeout; a call may ask for its own. */
    timeoutMs: z.number().int().min(100).max(120_000),
    /** Extra attempts for idempotent calls (GET, and POSTs with an idempotency key). 0 = no retries. */
    retries: z.number().int().min(0).max(10),
    circuitBreaker: z
      .object({
        /** Consecutive failed attempts that open the circuit. */
        failureThreshold: z.number().int().min(1).max(100),
        /** How long the circuit stays open before one trial call is let through. */
        resetAfterMs: z.number().int().min(100).max(3_600_000),
      })
      .strict(),
    /** Client certificate, key and CA for mutual TLS; null only for the loopback simulator. */
    tls: GatewayTlsSchema.nullable(),
  })
  .strict()
  .refine((config) => config.tls !== null || isLoopback(config.baseUrl), {
    message: 'a gateway that is not on loopback needs tls (client certificate, key and CA)',
    path: ['tls'],
  })
  .refine((config) => config.tls === null || config.baseUrl.startsWith('https://'), {
    message: 'tls is configured, so baseUrl must be https://',
    path: ['baseUrl'],
  });

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export type GatewayTlsConfig = z.infer<typeof GatewayTlsSchema>;

/** A plain-HTTP gateway is only acceptable on this machine (the simulator). */
function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** A sensible default for `resources/config/default.json` (the simulator on its CLI port). */
export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = {
  baseUrl: 'http://127.0.0.1:8791/kiosk/v1',
  timeoutMs: 8000,
  retries: 2,
  circuitBreaker: { failureThreshold: 5, resetAfterMs: 30_000 },
  tls: null,
};

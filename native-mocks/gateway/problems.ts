/**
 * Answers as the handlers return them, and RFC 9457 problem documents with
 * the contract's codes. Problem texts are fixed phrases: never a CPR, a
 * name, a number or a code the citizen typed.
 */
export interface SimAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ProblemExtras {
  detail?: string;
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  violations?: string[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  422: 'Refused by a business rule',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, code: string, extras: ProblemExtras = {}): SimAnswer {
  const headers: Record<string, string> = {};
  if (extras.retryAfterSeconds !== undefined) headers['retry-after'] = String(extras.retryAfterSeconds);
  return {
    status,
    headers,
    body: { type: `https://gateway.kiosk.example.invalid/problems/${code}`, title: TITLES[status] ?? 'Error', status, code, ...extras },
  };
}

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): SimAnswer => ({ status, body, ...(headers ? { headers } : {}) });

export const maskMobile = (mobile: string): string => `****${mobile.slice(-4)}`;

/**
 * The renderer's Content-Security-Policy. Everything it needs is on the app
 * origin: no inline script or style, no eval, no remote anything, no frames,
 * no workers, no forms. It is sent on every app:// response and added to
 * any other response by session.webRequest, so no page escapes it.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  // Vite inlines small images as data: URIs.
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  // Spoken prompts and sounds come from the app's own files.
  ['media-src', "'self'"],
  // fetch() of the app's own files (locales, service assets); the core is reached by IPC, not the network.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['child-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export function contentSecurityPolicy(): string {
  return DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Headers on every response the app protocol serves. */
export function appResponseSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=(), display-capture=()',
  };
}

/**
 * For session.webRequest.onHeadersReceived: adds our policy to a response's
 * headers. An existing policy is kept, not replaced, because the browser
 * enforces every policy it receives: the result is never weaker than ours.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let cspKey = 'Content-Security-Policy';
  for (const [name, values] of Object.entries(headers ?? {})) {
    result[name] = [...values];
    if (name.toLowerCase() === 'content-security-policy') cspKey = name;
  }
  result[cspKey] = [...(result[cspKey] ?? []), contentSecurityPolicy()];
  return result;
}

import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { appResponseSecurityHeaders } from './content-security-policy.ts';
import { SHELL_PAGE_PREFIX, SHELL_PAGES } from './shell-pages.ts';

/**
 * The `app://` protocol: serves the built renderer (dist/renderer) to the
 * kiosk window. Registered as privileged before the app is ready:
 * - standard: relative URLs and a real origin, so CSP 'self' means app://kiosk;
 * - secure: a secure context, like https;
 * - supportFetchAPI: the page may fetch its own files;
 * - codeCache: V8 code cache for faster start-up.
 * It is deliberately not allowed to bypass CSP, register service workers or
 * be fetched cross-origin (corsEnabled).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResolution =
  | { kind: 'file'; file: string }
  | { kind: 'shell-page'; path: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

/**
 * Maps an app:// URL to a file inside `rendererDir`, or refuses it. The URL
 * parser already folds plain `..` segments; percent-encoded ones (%2e%2e,
 * %2f), backslashes and NUL are caught after decoding, and the final path
 * must still lie inside the renderer directory.
 */
export function resolveAppPath(rendererDir: string, url: string): AppPathResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'unparsable URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { kind: 'refused', status: 404, reason: 'not the app origin' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 400, reason: 'forbidden character in path' };
  if (pathname.startsWith(SHELL_PAGE_PREFIX)) {
    return SHELL_PAGES.has(pathname) ? { kind: 'shell-page', path: pathname } : { kind: 'refused', status: 404, reason: 'no such shell page' };
  }
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!file.startsWith(root + sep)) return { kind: 'refused', status: 403, reason: 'path leaves the renderer directory' };
  return { kind: 'file', file };
}

export interface AppProtocolDeps {
  rendererDir: string;
  /** fs.promises.readFile in the shell (it reads inside app.asar too); a fake in tests. */
  readFile(file: string): Promise<Uint8Array>;
  onRefused(fields: { url: string; status: number; reason: string }): void;
}

/** The handler given to `session.protocol.handle('app', …)`. Never throws. */
export async function handleAppRequest(request: Request, deps: AppProtocolDeps): Promise<Response> {
  const refuse = (status: number, reason: string): Response => {
    deps.onRefused({ url: request.url, status, reason });
    return new Response(null, { status, headers: appResponseSecurityHeaders() });
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `method ${request.method} not allowed`);
  const resolved = resolveAppPath(deps.rendererDir, request.url);
  if (resolved.kind === 'refused') return refuse(resolved.status, resolved.reason);

  let body: Uint8Array | string;
  let contentType: string;
  if (resolved.kind === 'shell-page') {
    const page = SHELL_PAGES.get(resolved.path)!;
    body = page.body;
    contentType = page.contentType;
  } else {
    try {
      body = await deps.readFile(resolved.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? refuse(404, 'no such file') : refuse(500, `cannot read file (${code ?? 'unknown error'})`);
    }
    contentType = contentTypeFor(resolved.file);
  }
  const headers = { ...appResponseSecurityHeaders(), 'Content-Type': contentType, 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

import { APP_ORIGIN } from './app-origin.ts';

/**
 * Pages the shell serves itself, from memory, under a path the renderer
 * build cannot shadow. The out-of-service page has no script at all: it is
 * what citizens see when the renderer keeps crashing, so it must not depend
 * on the renderer, the core or the disk.
 */
export const SHELL_PAGE_PREFIX = '/__shell/';
export const OUT_OF_SERVICE_PATH = `${SHELL_PAGE_PREFIX}out-of-service.html`;
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;

export interface ShellPage {
  contentType: string;
  body: string;
}

const OUT_OF_SERVICE_HTML = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>خارج الخدمة — Out of service</title>
<link rel="stylesheet" href="${SHELL_PAGE_PREFIX}out-of-service.css">
</head>
<body>
<main>
<h1>هذا الجهاز خارج الخدمة مؤقتاً</h1>
<p>نعتذر عن الإزعاج. يرجى استخدام جهاز آخر أو مراجعة موظف الخدمة.</p>
<h1 lang="en" dir="ltr">This kiosk is temporarily out of service</h1>
<p lang="en" dir="ltr">We are sorry. Please use another kiosk or ask a member of staff.</p>
</main>
</body>
</html>
`;

const OUT_OF_SERVICE_CSS = `html, body { margin: 0; height: 100%; background: #f4f5f7; color: #1a1a1a; cursor: default; user-select: none; }
body { display: flex; align-items: center; justify-content: center; font-family: "Noto Sans Arabic", "Noto Sans", sans-serif; }
main { max-inline-size: 48rem; padding: 3rem; text-align: center; }
h1 { font-size: 2.5rem; margin-block: 2.5rem 1rem; }
p { font-size: 1.5rem; line-height: 1.6; margin: 0; }
`;

export const SHELL_PAGES: ReadonlyMap<string, ShellPage> = new Map([
  [OUT_OF_SERVICE_PATH, { contentType: 'text/html; charset=utf-8', body: OUT_OF_SERVICE_HTML }],
  [`${SHELL_PAGE_PREFIX}out-of-service.css`, { contentType: 'text/css; charset=utf-8', body: OUT_OF_SERVICE_CSS }],
]);

/**
 * Screenshots of every renderer screen, for people to look at.
 *
 *   npm run build:renderer && node scripts/preview-screens.ts [name …]
 *
 * Serves dist/renderer on 127.0.0.1 (with the kiosk's CSP, so a violation
 * shows up here first), opens it in the system Chromium and, instead of a
 * core, injects a fake `window.kiosk` that emits one view-model fixture.
 * Writes artifacts/screens/<screen>-<lang>.png at 1080×1920 (portrait) and
 * a few <screen>-<lang>-landscape.png at 1920×1080, runs axe-core on each
 * and prints what it finds. Two screens use the real browser bridge against
 * a tiny WebSocket endpoint: "connecting" (no core yet) and "reconnecting"
 * (the link drops mid-session).
 *
 * All personal data in the fixtures is obviously fictional.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { WebSocketServer, type WebSocket } from 'ws';
import { ViewModelSchema, type Language, type LocalizedText, type StepView, type ViewModel } from '../electron/contract/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist/renderer');
const OUT = join(ROOT, 'artifacts/screens');

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

// ───────────── Fixtures ─────────────

const L = (ar: string, en: string): LocalizedText => ({ ar, en });
const LANGS: Language[] = ['ar', 'en'];

const SERVICES = [
  { id: 'renew-id', title: L('تجديد بطاقة الهوية', 'Renew your ID card'), description: L('جدّد بطاقتك قبل انتهاء صلاحيتها واستلمها في مركز الخدمة.', 'Renew your card before it expires and collect it at a service centre.'), category: 'id-card', feeFils: 2000, icon: 'renew' },
  { id: 'update-address', title: L('تحديث العنوان', 'Update your address'), description: L('حدّث عنوان السكن المسجل في شريحة البطاقة.', 'Update the home address stored on your card chip.'), category: 'id-card', feeFils: 1000, icon: 'home' },
  { id: 'replace-card', title: L('بدل فاقد أو تالف', 'Replace a lost or damaged card'), description: L('اطلب بطاقة جديدة بدل المفقودة أو التالفة.', 'Order a new card in place of a lost or damaged one.'), category: 'id-card', feeFils: 5000, icon: 'replace' },
  { id: 'ekey-basic', title: L('المفتاح الإلكتروني – أساسي', 'eKey – basic'), description: L('سجّل في المفتاح الإلكتروني للدخول إلى الخدمات الحكومية.', 'Register for eKey to sign in to government services.'), category: 'ekey', feeFils: 0, icon: 'key' },
  { id: 'ekey-advanced', title: L('المفتاح الإلكتروني – متقدم', 'eKey – advanced'), description: L('ارفع مستوى حسابك بالبطاقة والبصمة.', 'Upgrade your account with your card and fingerprint.'), category: 'ekey', feeFils: 0, icon: 'chip' },
  { id: 'application-status', title: L('حالة الطلب', 'Application status'), description: L('تابع طلبًا قدّمته برقمه المرجعي.', 'Follow an application by its reference number.'), category: 'status', feeFils: 0, icon: 'search' },
] as const;

const FRAME = {
  serviceTitle: L('تحديث العنوان', 'Update your address'),
  canGoBack: true,
  canCancel: true,
  help: L(
    'أدخل عنوانك كما يظهر في عقد الإيجار أو فاتورة الكهرباء. استخدم لوحة المفاتيح على الشاشة، ثم اضغط «متابعة». إذا احتجت إلى مساعدة، فتوجّه إلى أحد الموظفين.',
    'Enter your address as it appears on your lease or electricity bill. Use the on-screen keyboard, then press “Continue”. If you need help, please ask a member of staff.',
  ),
};

function frame(stepTitle: LocalizedText, current: number, extra: Partial<typeof FRAME> = {}, total = 5) {
  return { ...FRAME, ...extra, stepTitle, progress: { current, total } };
}

type Fixture = {
  name: string;
  build(lang: Language): ViewModel | null;
  landscape?: boolean;
  bridge?: 'none' | 'drop';
  /** What a person does on the screen before it is shot (e.g. type part of a password). */
  act?(page: Page): Promise<void>;
};

const common = (language: Language, epoch = 7) => ({ language, sessionEpoch: epoch, idle: { phase: 'active' as const }, helpOpen: false });

function step(language: Language, f: ReturnType<typeof frame>, s: StepView, extra: Partial<{ helpOpen: boolean; idle: ViewModel['idle'] }> = {}): ViewModel {
  return { screen: 'step', ...common(language), ...extra, frame: f, step: s };
}

const formFields = (withError: boolean) => [
  { id: 'building', label: L('رقم المبنى', 'Building number'), keyboard: 'numeric' as const, maxLength: 4, value: withError ? '12' : '1234', hint: L('من ١ إلى ٤ أرقام', '1 to 4 digits') },
  { id: 'road', label: L('اسم الطريق أو رقمه', 'Road name or number'), keyboard: 'text' as const, maxLength: 60, value: withError ? 'شارع التجربة' : 'شارع الاختبار ٠', },
  {
    id: 'mobile',
    label: L('رقم الهاتف المحمول', 'Mobile number'),
    keyboard: 'phone' as const,
    maxLength: 8,
    value: withError ? '123' : '',
    hint: L('٨ أرقام تبدأ بـ ٣ أو ٦', '8 digits starting with 3 or 6'),
    ...(withError ? { error: L('أدخل رقم هاتف بحريني من ٨ أرقام.', 'Enter an 8-digit Bahraini mobile number.') } : {}),
  },
  { id: 'email', label: L('البريد الإلكتروني (اختياري)', 'E-mail (optional)'), keyboard: 'email' as const, maxLength: 80, value: withError ? 'test.person@example.invalid' : '' },
];

const FIXTURES: Fixture[] = [
  { name: 'attract', build: (l) => ({ screen: 'attract', ...common(l) }), landscape: true },
  { name: 'language', build: (l) => ({ screen: 'language', ...common(l) }), landscape: true },
  { name: 'menu', build: (l) => ({ screen: 'menu', ...common(l), services: SERVICES.map((s) => ({ ...s })) }), landscape: true },
  { name: 'menu-empty', build: (l) => ({ screen: 'menu', ...common(l), services: [] }) },
  {
    name: 'step-info',
    build: (l) =>
      step(l, frame(L('قبل أن تبدأ', 'Before you start'), 1), {
        kind: 'info',
        stepId: 'intro',
        body: L('ستحتاج إلى بطاقة هويتك ورقمها السري. تستغرق الخدمة نحو ثلاث دقائق، ورسومها ١٫٠٠٠ د.ب.', 'You will need your ID card and its PIN. The service takes about three minutes and costs BD 1.000.'),
        continueLabel: L('ابدأ', 'Start'),
      }),
  },
  { name: 'help', build: (l) => step(l, frame(L('عنوانك الجديد', 'Your new address'), 3), { kind: 'form', stepId: 'address', fields: formFields(false) }, { helpOpen: true }) },
  { name: 'step-form', build: (l) => step(l, frame(L('عنوانك الجديد', 'Your new address'), 3), { kind: 'form', stepId: 'address', fields: formFields(false).slice(1) }), landscape: true },
  { name: 'step-form-error', build: (l) => step(l, frame(L('عنوانك الجديد', 'Your new address'), 3), { kind: 'form', stepId: 'address', fields: formFields(true) }) },
  {
    name: 'step-form-email',
    build: (l) => step(l, frame(L('بيانات التواصل', 'Contact details'), 3), { kind: 'form', stepId: 'contact', fields: [formFields(true)[3]!] }),
  },
  {
    name: 'idle-warning',
    build: (l) => step(l, frame(L('عنوانك الجديد', 'Your new address'), 3), { kind: 'form', stepId: 'address', fields: formFields(false) }, { idle: { phase: 'warning', secondsLeft: 23, totalSeconds: 30 } }),
    landscape: true,
  },
  {
    name: 'step-message-success',
    build: (l) =>
      step(l, frame(L('تم بنجاح', 'Done'), 5, { canGoBack: false, canCancel: false }), {
        kind: 'message',
        stepId: 'done',
        tone: 'success',
        body: L('تم تحديث عنوانك. الرقم المرجعي: TEST-0000-0001. خذ بطاقتك والإيصال.', 'Your address has been updated. Reference: TEST-0000-0001. Please take your card and receipt.'),
        continueLabel: L('إنهاء', 'Finish'),
      }),
  },
  {
    name: 'step-message-receipt',
    build: (l) =>
      step(l, frame(L('إيصالك', 'Your receipt'), 5, { canGoBack: false, canCancel: false }), {
        kind: 'message',
        stepId: 'receipt',
        tone: 'info',
        body: L('تعذّرت طباعة الإيصال. أرسلناه برسالة نصية، ويمكنك مسح الرمز أيضًا.', 'The receipt could not be printed. We sent it by text message, and you can also scan the code.'),
        continueLabel: L('متابعة', 'Continue'),
        qrPayload: 'https://receipt.example.invalid/r/TEST0000',
      }),
  },
  {
    name: 'step-message-error',
    build: (l) =>
      step(l, frame(L('تعذّر إكمال الطلب', 'We could not finish'), 4, { canGoBack: false }), {
        kind: 'message',
        stepId: 'failed',
        tone: 'error',
        body: L('لم يُقدَّم شيء ولم يُخصم أي مبلغ. يرجى المحاولة لاحقًا أو مراجعة مركز الخدمة.', 'Nothing was submitted and nothing was charged. Please try again later or visit a service centre.'),
        continueLabel: L('العودة إلى الخدمات', 'Back to services'),
      }),
  },
  {
    name: 'step-pin',
    build: (l) => step(l, frame(L('الرقم السري', 'Card PIN'), 2), { kind: 'pin', stepId: 'pin', mode: 'verify', minDigits: 4, maxDigits: 6, triesLeft: 2, error: L('الرقم السري غير صحيح.', 'That PIN is not correct.') }),
    landscape: true,
  },
  { name: 'step-insert-card', build: (l) => step(l, frame(L('أدخل بطاقتك', 'Insert your card'), 1, { canGoBack: false }), { kind: 'insert-card', stepId: 'card', phase: 'insert' }) },
  { name: 'step-busy', build: (l) => step(l, frame(L('لحظة من فضلك', 'One moment'), 4, { canGoBack: false, canCancel: false }), { kind: 'busy', stepId: 'submit', body: L('جارٍ إرسال طلبك…', 'Sending your application…') }) },
  {
    name: 'step-review',
    build: (l) =>
      step(l, frame(L('راجع طلبك', 'Check your application'), 4), {
        kind: 'review',
        stepId: 'review',
        rows: [
          { label: L('الاسم', 'Name'), value: l === 'ar' ? 'مستخدم تجريبي' : 'Test Person' },
          { label: L('رقم المبنى', 'Building'), value: '0000' },
          { label: L('الطريق', 'Road'), value: '0000' },
          { label: L('المجمع', 'Block'), value: '000' },
          { label: L('الهاتف المحمول', 'Mobile'), value: '30000000' },
          { label: L('حالة العنوان', 'Address check'), value: L('مطابق لسجل العناوين', 'Matches the address register') },
        ],
        feeFils: 1000,
        confirmLabel: L('تأكيد ودفع', 'Confirm and pay'),
      }),
  },
  { name: 'step-pay', build: (l) => step(l, frame(L('الدفع', 'Payment'), 5), { kind: 'pay', stepId: 'pay', amountFils: 1000, phase: 'choose', methods: ['card', 'qr'] }) },
  {
    name: 'step-pay-qr',
    build: (l) => step(l, frame(L('الدفع', 'Payment'), 5), { kind: 'pay', stepId: 'pay', amountFils: 1000, phase: 'qr', methods: ['card', 'qr'], qrPayload: 'TEST-PAYMENT-NOT-REAL-0000', prompt: L('امسح الرمز بتطبيق الدفع على هاتفك.', 'Scan the code with the payment app on your phone.') }),
  },
  {
    name: 'step-otp',
    build: (l) => step(l, frame(L('رمز التحقق', 'Verification code'), 3), { kind: 'otp', stepId: 'otp', sentTo: '••••0000', length: 6, attemptsLeft: 3, canResend: true }),
  },
  {
    name: 'step-fingerprint',
    build: (l) =>
      step(l, frame(L('البصمة', 'Fingerprint'), 3), { kind: 'fingerprint', stepId: 'finger', phase: 'place', attemptsLeft: 2, error: L('لم نتمكن من قراءة البصمة. حاول مرة أخرى.', 'We could not read your fingerprint. Please try again.'), alternativeLabel: L('استخدم رمزًا عبر رسالة نصية بدلًا من ذلك', 'Use a text-message code instead') }),
  },
  {
    name: 'step-choose',
    build: (l) =>
      step(l, frame(L('سبب الطلب', 'Reason'), 2), {
        kind: 'choose',
        stepId: 'reason',
        options: [
          { id: 'lost', label: L('فُقدت البطاقة', 'My card was lost'), description: L('سنلغي البطاقة القديمة فورًا.', 'We cancel the old card straight away.') },
          { id: 'damaged', label: L('البطاقة تالفة', 'My card is damaged'), description: L('أدخل البطاقة التالفة عند الطلب.', 'Insert the damaged card when asked.') },
          { id: 'stolen', label: L('سُرقت البطاقة', 'My card was stolen') },
        ],
      }),
  },
  {
    name: 'step-rating',
    build: (l) =>
      step(l, frame(L('رأيك يهمنا', 'Your opinion'), 5, { canGoBack: false, canCancel: false }), {
        kind: 'rating',
        stepId: 'rating',
        reasons: [
          { id: 'slow', label: L('بطيئة', 'Too slow') },
          { id: 'unclear', label: L('غير واضحة', 'Unclear') },
        ],
      }),
  },
  ...ekeyFixtures(),
  { name: 'step-take-card', build: (l) => step(l, frame(L('خذ بطاقتك', 'Take your card'), 5, { canGoBack: false, canCancel: false }), { kind: 'take-card', stepId: 'eject', phase: 'take', body: L('خذ بطاقتك من الفتحة.', 'Please take your card from the slot.') }) },
  { name: 'out-of-service', build: (l) => ({ screen: 'out-of-service', ...common(l), reason: L('الجهاز خارج الخدمة مؤقتًا للصيانة.', 'This kiosk is temporarily out of service for maintenance.') }), landscape: true },
  { name: 'connecting', build: () => null, bridge: 'none' },
  { name: 'reconnecting', build: (l) => ({ screen: 'menu', ...common(l), services: SERVICES.slice(0, 4).map((s) => ({ ...s })) }), bridge: 'drop' },
];

// ───────────── eKey password step and e-receipt final screens ─────────────

function ekeyFixtures(): Fixture[] {
  const rules = { minLength: 10, maxLength: 64, requireUpper: true, requireLower: true, requireDigit: true, requireSymbol: true, forbidPersonalData: true };
  const passwordStep = (l: Language, extra: Partial<Extract<StepView, { kind: 'password' }>> = {}) =>
    step(l, frame(L('كلمة المرور', 'Password'), 4, {}, 7), { kind: 'password', stepId: 'password', rules, ...extra });
  const typeOnOsk = async (page: Page, text: string) => {
    for (const ch of text) {
      const upper = ch !== ch.toLowerCase();
      if (upper) await page.getByTestId('osk-shift').click();
      await page.locator(`[data-testid="osk-key"][data-key="${ch}"]`).click();
    }
  };
  const final = (l: Language, sms: 'offer' | 'sending' | 'sent' | 'failed') =>
    step(l, frame(L('تم', 'Done'), 7, { canGoBack: false, canCancel: false }, 7), {
      kind: 'message',
      stepId: 'done',
      tone: 'success',
      body: L('سُجّل مفتاحك الإلكتروني. الرقم المرجعي: TEST-0000-0042.', 'Your eKey is registered. Reference: TEST-0000-0042.'),
      continueLabel: L('إنهاء', 'Finish'),
      qrPayload: 'https://receipt.example.invalid/r/TEST00000042',
      smsReceipt: sms,
    });
  return [
    { name: 'step-password-empty', build: (l) => passwordStep(l) },
    {
      name: 'step-password-partly',
      build: (l) => passwordStep(l),
      act: async (page) => {
        await typeOnOsk(page, 'harbour7');
      },
    },
    {
      name: 'step-password-valid',
      build: (l) => passwordStep(l),
      act: async (page) => {
        await typeOnOsk(page, 'Harbour-Lamp7!');
        await page.getByTestId('password-confirm').click();
        await typeOnOsk(page, 'Harbour-Lamp7!');
      },
    },
    {
      name: 'step-password-core-says-no',
      build: (l) => passwordStep(l, { violations: ['reused'], error: L('لا يمكنك استخدام إحدى كلمات مرورك الأخيرة.', 'You cannot use one of your recent passwords.') }),
    },
    { name: 'step-final-ereceipt-offer', build: (l) => final(l, 'offer') },
    { name: 'step-final-ereceipt-sent', build: (l) => final(l, 'sent') },
    { name: 'step-final-ereceipt-failed', build: (l) => final(l, 'failed') },
  ];
}

// ───────────── Static server + a minimal bridge ─────────────

/** The view the WebSocket bridge sends (for "reconnecting"); after one view it drops the link and refuses new ones. */
let bridgeView: ViewModel | null = null;

function serveStatic(req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
  if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-store' });
  res.end(readFileSync(file));
}

async function startServer() {
  const server = createServer(serveStatic);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!bridgeView || !req.url?.startsWith('/bridge')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const view = bridgeView;
      bridgeView = null; // one session only: the next attempt is refused, so the page stays "reconnecting"
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'sync' && view) {
          ws.send(JSON.stringify({ type: 'view', view }));
          setTimeout(() => ws.close(), 400);
        }
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The fake `window.kiosk`: emits the fixture on sync, records intents. Plain JS, run in the page before the app. */
function fakeKioskScript(view: ViewModel): string {
  return `(() => {
    const view = ${JSON.stringify(view)};
    const listeners = new Set();
    window.__intents = [];
    window.kiosk = {
      send(intent) { window.__intents.push(intent); return Promise.resolve({ ok: true }); },
      onView(listener) { listeners.add(listener); return () => listeners.delete(listener); },
      sync() { queueMicrotask(() => listeners.forEach((l) => l(view))); },
    };
  })();`;
}

// ───────────── Run ─────────────

async function shoot(browser: Browser, origin: string, fixture: Fixture, language: Language, landscape: boolean): Promise<string[]> {
  const view = fixture.build(language);
  if (view) ViewModelSchema.parse(view); // a fixture off the contract is a bug in the fixture
  const viewport = landscape ? { width: 1920, height: 1080 } : { width: 1080, height: 1920 };
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // The bridge fixtures refuse the WebSocket on purpose.
    if (fixture.bridge && /WebSocket/.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('ws://127.0.0.1') && !r.url().startsWith('data:')) problems.push(`off-origin request: ${r.url()}`);
  });

  if (fixture.bridge === 'drop') bridgeView = view;
  else if (fixture.bridge !== 'none' && view) await page.addInitScript({ content: fakeKioskScript(view) });

  await page.goto(`${origin}/#token=preview`);
  await page.evaluate('document.fonts.ready.then(() => true)');
  if (fixture.bridge === 'drop') {
    await page.getByTestId('screen-menu').waitFor();
    await page.locator('.reconnecting').waitFor();
  } else if (fixture.bridge === 'none') {
    await page.getByTestId('bridge-reconnecting').waitFor();
  } else {
    await page.locator('.app').waitFor();
  }
  await fixture.act?.(page);
  await page.evaluate('document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))');

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  for (const v of axe.violations) problems.push(`axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);

  const file = join(OUT, `${fixture.name}-${language}${landscape ? '-landscape' : ''}.png`);
  await page.screenshot({ path: file });
  await context.close();
  return problems;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('dist/renderer is missing: run `npm run build:renderer` first.');
    process.exit(2);
  }
  const only = process.argv.slice(2);
  const fixtures = only.length ? FIXTURES.filter((f) => only.includes(f.name)) : FIXTURES;
  mkdirSync(OUT, { recursive: true });
  const { server, origin } = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failures = 0;
  try {
    for (const fixture of fixtures) {
      for (const language of LANGS) {
        for (const landscape of fixture.landscape ? [false, true] : [false]) {
          const label = `${fixture.name}-${language}${landscape ? '-landscape' : ''}`;
          const problems = await shoot(browser, origin, fixture, language, landscape);
          failures += problems.length;
          console.log(`${problems.length ? '✗' : '✓'} ${label}`);
          for (const p of problems) console.log(`    ${p}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nScreens in ${OUT}${failures ? ` — ${failures} problem(s) above` : ''}`);
  process.exitCode = failures ? 1 : 0;
}

await main();

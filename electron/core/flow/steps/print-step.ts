import type { LocalizedText } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import type { CitizenReceipt } from '../flow-ports.ts';
import { ok, refused, whileOnStep, type StepContext, type StepFactory } from '../step-context.ts';
import { eReceiptUrl, runReference, smsRecipient, typedMobile } from '../e-receipt.ts';

type PrintStep = Extract<StepDefinition, { kind: 'print' }>;

const TEXT = {
  printingReceipt: { ar: 'جارٍ طباعة الإيصال…', en: 'Printing your receipt…' },
  printingStatement: { ar: 'جارٍ طباعة الشهادة…', en: 'Printing your statement…' },
  continue: { ar: 'متابعة', en: 'Continue' },
  statementFailed: { ar: 'الطابعة لا تعمل حاليًا، ولم يُطبع شيء. يرجى استخدام جهاز آخر أو المحاولة لاحقًا.', en: 'The printer is not working right now and nothing was printed. Please use another kiosk or try again later.' },
} satisfies Record<string, LocalizedText>;


function receiptFor(ctx: StepContext): CitizenReceipt {
  const payment = ctx.data.payment;
  const reference = runReference(ctx.data, ctx.clock.now());
  return {
    language: ctx.language(),
    serviceTitle: ctx.service.title,
    reference,
    outcome: 'completed',
    amountFils: payment ? ctx.service.feeFils : null,
    maskedPan: payment?.method === 'card' ? payment.transaction.maskedPan : null,
    authCode: payment?.method === 'card' ? payment.transaction.authCode : null,
    issuedAt: ctx.clock.now(),
    kioskId: ctx.kioskId,
    eReceiptUrl: eReceiptUrl(reference),
  };
}

/**
 * Printing, journaled like every irreversible action. A receipt that cannot
 * be printed (paper out, printer down) is never a dead end: it goes by SMS
 * when the citizen gave a mobile number, and the screen shows an e-receipt
 * code to scan — and says so in words. A4 documents have no such fallback:
 * the citizen is told nothing was printed.
 */
export const printStep: StepFactory<PrintStep> = (ctx) => {
  let fallback: { body: LocalizedText; qr: string } | null = null;
  const intentId = ctx.journal.recordIntent({
    action: 'print',
    sessionId: ctx.sessionId,
    serviceId: ctx.service.id,
    idempotencyKey: `${ctx.data.idempotencyKey}:print:${ctx.step.id}`,
    amountFils: null,
    cpr: null,
    maskedPan: null,
    detail: { document: ctx.step.document },
  });
  if (ctx.step.document === 'receipt') {
    const receipt = receiptFor(ctx);
    whileOnStep(ctx, ctx.ports.printer.printReceipt(receipt, ctx.signal), (result) => {
      if (result.kind === 'printed') {
        ctx.journal.recordOutcome(intentId, 'success');
        return ctx.advance();
      }
      // The typed mobile number if there is one, else the one registered for the card holder's CPR.
      const mobile = typedMobile(ctx.data);
      const to = smsRecipient(ctx.data);
      ctx.journal.recordOutcome(intentId, 'failed', { why: result.kind, sms: Boolean(to) });
      if (to) {
        const text = receipt.language === 'ar' ? `إيصال ${receipt.reference}: ${receipt.eReceiptUrl}` : `Receipt ${receipt.reference}: ${receipt.eReceiptUrl}`;
        void ctx.ports.gateway.sendSmsReceipt({ to, language: receipt.language, reference: receipt.reference, text, sessionId: ctx.sessionId }, new AbortController().signal);
      }
      const last4 = mobile ? mobile.slice(-4) : '';
      fallback = {
        qr: receipt.eReceiptUrl,
        body: mobile
          ? { ar: `لم نتمكن من طباعة الإيصال، فأرسلناه برسالة نصية إلى ••••${last4}. يمكنك أيضًا مسح هذا الرمز لحفظه.`, en: `We could not print your receipt, so we sent it by text message to ••••${last4}. You can also scan this code to keep it.` }
          : to
            ? { ar: 'لم نتمكن من طباعة الإيصال، فأرسلناه برسالة نصية إلى رقم هاتفك المسجّل. يمكنك أيضًا مسح هذا الرمز لحفظه.', en: 'We could not print your receipt, so we sent it by text message to your registered mobile number. You can also scan this code to keep it.' }
            : { ar: 'لم نتمكن من طباعة الإيصال. امسح هذا الرمز بهاتفك لحفظ إيصالك الإلكتروني.', en: 'We could not print your receipt. Scan this code with your phone to keep your e-receipt.' },
      };
    });
  } else {
    const card = ctx.data.card;
    const reference = `STM-${new Date(ctx.clock.now()).getUTCFullYear()}-${ctx.data.idempotencyKey.replace(/\D/g, '').slice(-6).padStart(6, '0')}`;
    if (!card) {
      ctx.journal.recordOutcome(intentId, 'failed', { why: 'no card data' });
      queueMicrotask(() => ctx.fail(TEXT.statementFailed));
    } else {
      whileOnStep(ctx, ctx.ports.printer.printStatement({ card, reference, issuedAt: ctx.clock.now() }, ctx.signal), (result) => {
        ctx.journal.recordOutcome(intentId, result.kind === 'printed' ? 'success' : 'failed', result.kind === 'printed' ? {} : { why: result.kind });
        if (result.kind === 'printed') return ctx.advance();
        ctx.fail(TEXT.statementFailed);
      });
    }
  }
  return {
    view: () =>
      fallback
        ? { kind: 'message', stepId: ctx.step.id, tone: 'info', body: fallback.body, continueLabel: TEXT.continue, qrPayload: fallback.qr }
        : { kind: 'busy', stepId: ctx.step.id, body: ctx.step.document === 'receipt' ? TEXT.printingReceipt : TEXT.printingStatement },
    submit: () => {
      if (!fallback) return refused('printing');
      ctx.advance();
      return ok;
    },
  };
};

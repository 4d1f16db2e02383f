import type { LocalizedText } from '../../../contract/index.ts';
import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { chargeCard } from '../../payments/card-payment.ts';
import type { TerminalPrompt } from '../../payments/payment-port.ts';
import type { TimerHandle } from '../../clock/clock.ts';
import { citizenCpr } from '../flow-data.ts';
import { ok, refused, whileOnStep, type StepFactory } from '../step-context.ts';

type PayStep = Extract<StepDefinition, { kind: 'pay' }>;

const PROMPTS: Record<TerminalPrompt, LocalizedText> = {
  insertCard: { ar: 'أدخل بطاقتك المصرفية أو المسها بالجهاز.', en: 'Insert or tap your bank card on the terminal.' },
  enterPin: { ar: 'أدخل الرقم السري لبطاقتك المصرفية على جهاز الدفع.', en: 'Enter your bank card PIN on the payment terminal.' },
  pleaseWait: { ar: 'يرجى الانتظار…', en: 'Please wait…' },
  removeCard: { ar: 'اسحب بطاقتك المصرفية.', en: 'Please remove your bank card.' },
  approved: { ar: 'تمت الموافقة.', en: 'Approved.' },
  declined: { ar: 'رُفضت العملية.', en: 'Declined.' },
  other: { ar: 'اتبع التعليمات على جهاز الدفع.', en: 'Follow the instructions on the payment terminal.' },
};

const DECLINE_TEXT: Record<'declined' | 'insufficientFunds' | 'cardRemoved' | 'cardNotReadable' | 'other', LocalizedText> = {
  declined: { ar: 'رفض البنك العملية. يمكنك تجربة بطاقة أخرى أو الدفع برمز QR.', en: 'Your bank declined the payment. You can try another card or pay by QR code.' },
  insufficientFunds: { ar: 'الرصيد غير كافٍ. يمكنك تجربة بطاقة أخرى أو الدفع برمز QR.', en: 'There is not enough money on this card. You can try another card or pay by QR code.' },
  cardRemoved: { ar: 'سُحبت البطاقة قبل انتهاء الدفع. لم يُخصم أي مبلغ. حاول مرة أخرى.', en: 'The card was removed before the payment finished. Nothing was charged. Please try again.' },
  cardNotReadable: { ar: 'تعذّرت قراءة البطاقة المصرفية. حاول مرة أخرى أو استخدم بطاقة أخرى.', en: 'The bank card could not be read. Try again or use another card.' },
  other: { ar: 'لم تكتمل عملية الدفع. لم يُخصم أي مبلغ.', en: 'The payment did not go through. Nothing was charged.' },
};

const PAY_TEXT = {
  canceled: { ar: 'أُلغي الدفع. لم يُخصم أي مبلغ.', en: 'The payment was cancelled. Nothing was charged.' },
  notCharged: { ar: 'لم يكتمل الدفع ولم يُخصم أي مبلغ. يمكنك المحاولة مرة أخرى.', en: 'The payment did not complete and nothing was charged. You can try again.' },
  inDoubt: {
    ar: 'لم نتمكن من تأكيد الدفع مع البنك. إن خُصم مبلغ فسيُعاد تلقائيًا أو يُستكمل طلبك، وستصلك رسالة. لا تدفع مرة أخرى.',
    en: 'We could not confirm the payment with the bank. If you were charged, the money will be returned automatically or your application completed, and you will get a message. Please do not pay again.',
  },
  terminalDown: { ar: 'جهاز الدفع لا يعمل حاليًا. يمكنك الدفع برمز QR.', en: 'The payment terminal is not working right now. You can pay by QR code.' },
  journalDown: { ar: 'هذا الجهاز لا يستطيع قبول المدفوعات الآن. لم يُخصم أي مبلغ.', en: 'This kiosk cannot take payments right now. Nothing was charged.' },
  qrScan: { ar: 'امسح الرمز بتطبيق الدفع في هاتفك وأكّد الدفع.', en: 'Scan the code with the payment app on your phone and confirm the payment.' },
  qrExpired: { ar: 'انتهت صلاحية رمز الدفع. لم يُخصم أي مبلغ.', en: 'The payment code has expired. Nothing was charged.' },
  qrUnavailable: { ar: 'الدفع برمز QR غير متاح الآن.', en: 'QR payment is not available right now.' },
} satisfies Record<string, LocalizedText>;

const QR_POLL_MS = 2000;

/**
 * Paying the fee: card on the ZVT terminal or a BenefitPay-style QR code
 * through the gateway. Journaled by `chargeCard`. Once the money is taken the
 * run is committed: no back, no cancel; the submit that follows either
 * succeeds or gives the money back.
 */
export const payStep: StepFactory<PayStep> = (ctx) => {
  const amountFils = ctx.service.feeFils;
  let phase: 'choose' | 'card' | 'qr' | 'declined' = 'choose';
  let prompt: LocalizedText | undefined;
  let error: LocalizedText | undefined;
  let qrPayload: string | undefined;
  let attempt = 0;
  let cardAvailable = true;
  let pollTimer: TimerHandle | undefined;
  ctx.signal.addEventListener('abort', () => ctx.clock.clearTimeout(pollTimer), { once: true });

  const payByCard = () => {
    phase = 'card';
    prompt = PROMPTS.insertCard;
    error = undefined;
    attempt += 1;
    const request = { amountFils, idempotencyKey: ctx.data.idempotencyKey, attempt, sessionId: ctx.sessionId, serviceId: ctx.service.id, cpr: citizenCpr(ctx.data) || null };
    const onPrompt = (p: TerminalPrompt) => {
      if (ctx.signal.aborted) return;
      prompt = PROMPTS[p];
      ctx.changed();
    };
    whileOnStep(ctx, chargeCard({ terminal: ctx.ports.terminal, journal: ctx.journal, logger: ctx.logger }, request, onPrompt, ctx.signal), (outcome) => {
      prompt = undefined;
      switch (outcome.kind) {
        case 'approved':
          ctx.data.payment = { method: 'card', transaction: outcome.transaction, intentId: outcome.intentId };
          ctx.commit();
          return ctx.advance();
        case 'declined':
          phase = 'declined';
          error = DECLINE_TEXT[outcome.reason];
          return;
        case 'canceled':
          phase = 'declined';
          error = PAY_TEXT.canceled;
          return;
        case 'not-charged':
          phase = 'declined';
          error = PAY_TEXT.notCharged;
          return;
        case 'device-fault':
          cardAvailable = false;
          phase = 'declined';
          error = PAY_TEXT.terminalDown;
          return;
        case 'in-doubt':
          // Never ask for the money again: recovery will complete or refund.
          ctx.commit();
          return ctx.fail(PAY_TEXT.inDoubt);
        case 'journal-down':
          return ctx.fail(PAY_TEXT.journalDown);
      }
    });
  };

  const payByQr = () => {
    phase = 'qr';
    error = undefined;
    prompt = PAY_TEXT.qrScan;
    const request = { amountFils, idempotencyKey: `${ctx.data.idempotencyKey}:qr`, sessionId: ctx.sessionId };
    whileOnStep(ctx, ctx.ports.gateway.createQrPayment(request, ctx.signal), (created) => {
      if (!created.ok) {
        phase = 'declined';
        error = PAY_TEXT.qrUnavailable;
        return;
      }
      qrPayload = created.value.qrPayload;
      const paymentId = created.value.paymentId;
      const poll = () => {
        pollTimer = ctx.clock.setTimeout(() => {
          whileOnStep(ctx, ctx.ports.gateway.qrPaymentStatus(paymentId, ctx.signal), (status) => {
            if (!status.ok || status.value.status === 'pending') return poll();
            if (status.value.status === 'paid') {
              ctx.data.payment = { method: 'qr', paymentId, reference: status.value.reference };
              ctx.journal.recordEvent({ type: 'qr-paid', sessionId: ctx.sessionId, serviceId: ctx.service.id, detail: { paymentId, amountFils } });
              ctx.commit();
              return ctx.advance();
            }
            phase = 'declined';
            qrPayload = undefined;
            error = PAY_TEXT.qrExpired;
          });
        }, QR_POLL_MS);
      };
      poll();
    });
  };

  return {
    view: () => ({
      kind: 'pay',
      stepId: ctx.step.id,
      amountFils,
      phase,
      methods: cardAvailable ? ['card', 'qr'] : ['qr'],
      ...(prompt ? { prompt } : {}),
      ...(qrPayload && phase === 'qr' ? { qrPayload } : {}),
      ...(error ? { error } : {}),
    }),
    submit: (values) => {
      if (phase === 'card') return refused('the terminal is working');
      if (values.method === 'card' && cardAvailable) {
        payByCard();
        return ok;
      }
      if (values.method === 'qr') {
        payByQr();
        return ok;
      }
      return refused('choose card or qr');
    },
  };
};

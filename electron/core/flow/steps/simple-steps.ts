import type { StepDefinition } from '../../catalogue/service-schema.ts';
import { FLOW_TEXT } from '../flow-texts.ts';
import { resolveValue } from '../flow-data.ts';
import { eReceiptUrl, runReference, smsRecipient } from '../e-receipt.ts';
import { ok, refused, type StepFactory } from '../step-context.ts';

type Step<K extends StepDefinition['kind']> = Extract<StepDefinition, { kind: K }>;

/** Application states in the gateway contract, in the citizen's words. */
const APPLICATION_STATUS: Record<string, { ar: string; en: string }> = {
  received: { ar: 'استُلم الطلب', en: 'Received' },
  'in-review': { ar: 'قيد المراجعة', en: 'Being reviewed' },
  approved: { ar: 'تمت الموافقة', en: 'Approved' },
  'ready-for-collection': { ar: 'جاهزة للاستلام', en: 'Ready for collection' },
  completed: { ar: 'اكتمل الطلب', en: 'Completed' },
  rejected: { ar: 'لم يُقبل الطلب', en: 'Not accepted' },
};

/** eKey states and levels in the citizen's words. */
const EKEY_WORDS: Record<string, Record<string, { ar: string; en: string }>> = {
  'ekey.status': {
    'not-registered': { ar: 'غير مسجّل', en: 'Not registered' },
    active: { ar: 'فعّال', en: 'Active' },
    locked: { ar: 'مقفل بعد محاولات دخول خاطئة', en: 'Locked after wrong login attempts' },
  },
  'ekey.level': {
    '': { ar: 'لا يوجد', en: 'None' },
    basic: { ar: 'أساسي', en: 'Basic' },
    advanced: { ar: 'متقدم', en: 'Advanced' },
  },
  'ekey.maskedMobile': { '': { ar: 'لا يوجد', en: 'None' } },
};

export const infoStep: StepFactory<Step<'info'>> = (ctx) => ({
  view: () => ({ kind: 'info', stepId: ctx.step.id, body: ctx.step.body, continueLabel: FLOW_TEXT.continue }),
  submit: () => {
    ctx.advance();
    return ok;
  },
});

/**
 * The last screen of every service: what happened, the reference, and the
 * e-receipt — a QR code to scan and, on request, an SMS (to the number the
 * citizen typed, or the one registered for their CPR) — so nobody needs
 * paper. The SMS is journaled like any irreversible action (recovery counts
 * it as the citizen's proof).
 */
export const doneStep: StepFactory<Step<'done'>> = (ctx) => {
  const reference = runReference(ctx.data, ctx.clock.now());
  const url = eReceiptUrl(reference);
  const to = smsRecipient(ctx.data);
  let sms: 'offer' | 'sending' | 'sent' | 'failed' | null = to ? 'offer' : null;
  ctx.journal.recordEvent({ type: 'service-completed', sessionId: ctx.sessionId, serviceId: ctx.service.id, detail: { reference } });
  const body = {
    ar: `${ctx.step.body.ar}\nالرقم المرجعي: ${reference}`,
    en: `${ctx.step.body.en}\nReference: ${reference}`,
  };
  const sendSms = () => {
    if (!to) return;
    sms = 'sending';
    const language = ctx.language();
    const title = ctx.service.title[language];
    const text = language === 'ar' ? `خدمة: ${title}. الرقم المرجعي ${reference}. الإيصال الإلكتروني: ${url}` : `Khidma: ${title}. Reference ${reference}. e-receipt: ${url}`;
    const intentId = ctx.journal.recordIntent({
      action: 'sms',
      sessionId: ctx.sessionId,
      serviceId: ctx.service.id,
      idempotencyKey: `${ctx.data.idempotencyKey}:sms:e-receipt`,
      amountFils: null,
      cpr: null,
      maskedPan: null,
      detail: { purpose: 'e-receipt', reference },
    });
    // The citizen may leave at once: the SMS is not tied to this screen's life.
    ctx.ports.gateway
      .sendSmsReceipt({ to, language, reference, text, sessionId: ctx.sessionId }, AbortSignal.timeout(30_000))
      .then((result) => {
        ctx.journal.recordOutcome(intentId, result.ok ? 'success' : 'failed', result.ok ? {} : { why: result.failure.code ?? result.failure.kind });
        sms = result.ok ? 'sent' : 'failed';
      })
      .catch(() => {
        ctx.journal.recordOutcome(intentId, 'failed', { why: 'error' });
        sms = 'failed';
      })
      .finally(() => {
        if (!ctx.signal.aborted) ctx.changed();
      });
  };
  return {
    view: () => ({ kind: 'message', stepId: ctx.step.id, tone: 'success', body, continueLabel: FLOW_TEXT.finish, qrPayload: url, ...(sms ? { smsReceipt: sms } : {}) }),
    submit: (values) => {
      if (values.sendSms === true) {
        if (sms !== 'offer' && sms !== 'failed') return refused('no SMS to send');
        sendSms();
        return ok;
      }
      ctx.advance();
      return ok;
    },
  };
};

export const chooseStep: StepFactory<Step<'choose'>> = (ctx) => ({
  view: () => ({
    kind: 'choose',
    stepId: ctx.step.id,
    options: ctx.step.options.map((o) => ({ id: o.id, label: o.label, ...(o.description ? { description: o.description } : {}) })),
  }),
  submit: (values) => {
    const option = ctx.step.options.find((o) => o.id === values.option);
    if (!option) return refused('unknown option');
    ctx.data.choices[ctx.step.id] = option.id;
    ctx.advance(option.next);
    return ok;
  },
});

export const reviewStep: StepFactory<Step<'review'>> = (ctx) => ({
  view: () => ({
    kind: 'review',
    stepId: ctx.step.id,
    rows: ctx.step.rows.map((row) => {
      const value = resolveValue(row.value, ctx.data, ctx.service.feeFils);
      // Status codes from the gateway are shown in words, never as codes.
      if (row.value === 'lookup.status') return { label: row.label, value: APPLICATION_STATUS[value] ?? { ar: value, en: value } };
      return { label: row.label, value: EKEY_WORDS[row.value]?.[value] ?? value };
    }),
    ...(ctx.service.feeFils > 0 ? { feeFils: ctx.service.feeFils } : {}),
    confirmLabel: FLOW_TEXT.confirm,
  }),
  submit: () => {
    ctx.advance();
    return ok;
  },
});

/** Ratings never delay the citizen: sent in the background, skippable, failures only logged. */
export const ratingStep: StepFactory<Step<'rating'>> = (ctx) => ({
  view: () => ({ kind: 'rating', stepId: ctx.step.id, reasons: ctx.step.reasons }),
  submit: (values) => {
    if (values.skip === true) {
      ctx.journal.recordEvent({ type: 'rating-skipped', sessionId: ctx.sessionId, serviceId: ctx.service.id, detail: {} });
      ctx.advance();
      return ok;
    }
    const score = values.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) return refused('score must be 1 to 5');
    const reason = typeof values.reason === 'string' && ctx.step.reasons.some((r) => r.id === values.reason) ? values.reason : null;
    ctx.ports.gateway
      .submitRating({ serviceId: ctx.service.id, sessionId: ctx.sessionId, score, reason }, new AbortController().signal)
      .then((result) => {
        if (!result.ok) ctx.logger.warn({ failure: result.failure.kind }, 'rating not delivered');
      })
      .catch(() => ctx.logger.warn({}, 'rating not delivered'));
    ctx.logger.info({ service: ctx.service.id, score, reason }, 'service rated');
    ctx.journal.recordEvent({ type: 'rating', sessionId: ctx.sessionId, serviceId: ctx.service.id, detail: { score, reason } });
    ctx.advance();
    return ok;
  },
});

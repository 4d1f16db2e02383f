import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { displayValue, formatMoney } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { FrameActions } from '../components/FrameActions.tsx';
import { Icon, type IconName } from '../components/Icon.tsx';
import { QrCode } from '../components/QrCode.tsx';

type Of<K extends StepView['kind']> = Extract<StepView, { kind: K }>;

export function InfoStep({ step, language }: { step: Of<'info'>; language: Language }) {
  const kiosk = useKioskApi();
  return (
    <section className="step step--info">
      <div className="panel">
        <Icon name="info" className="panel__icon" />
        <p className="step__lead">{step.body[language]}</p>
      </div>
      <FrameActions>
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
          {step.continueLabel[language]}
        </button>
      </FrameActions>
    </section>
  );
}

const TONE_ICON: Record<Of<'message'>['tone'], IconName> = { success: 'check', error: 'alert', info: 'info' };

export function MessageStep({ step, language }: { step: Of<'message'>; language: Language }) {
  const kiosk = useKioskApi();
  const { t } = useTranslation();
  return (
    <section className={`step step--message tone--${step.tone}`}>
      <span className="message__mark" aria-hidden="true">
        <Icon name={TONE_ICON[step.tone]} />
      </span>
      <p className="step__lead" data-testid="message-body" role={step.tone === 'error' ? 'alert' : 'status'}>
        {step.body[language]}
      </p>
      {step.qrPayload && (
        <figure className="message__qr" data-testid="message-qr">
          <QrCode text={step.qrPayload} label={t('message.qr')} size={280} />
          <figcaption>{t('message.qr')}</figcaption>
        </figure>
      )}
      {step.smsReceipt && <SmsReceipt state={step.smsReceipt} onSend={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { sendSms: true } })} />}
      {step.qrPayload && <p className="step__hint">{t('message.noPaper')}</p>}
      {step.continueLabel && (
        <FrameActions>
          <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
            {step.continueLabel[language]}
          </button>
        </FrameActions>
      )}
    </section>
  );
}

/** The e-receipt by SMS to the registered mobile: offered once, then its state in words. */
function SmsReceipt({ state, onSend }: { state: NonNullable<Of<'message'>['smsReceipt']>; onSend(): void }) {
  const { t } = useTranslation();
  if (state === 'offer') {
    return (
      <button type="button" className="button button--secondary message__sms" data-testid="ereceipt-sms" onClick={onSend}>
        <Icon name="phone" /> {t('message.smsOffer')}
      </button>
    );
  }
  const text = state === 'sending' ? t('message.smsSending') : state === 'sent' ? t('message.smsSent') : t('message.smsFailed');
  return (
    <p className={`message__sms-state message__sms-state--${state}`} role="status" data-testid="ereceipt-sms-state" data-state={state}>
      {state === 'sending' && <span className="spinner" aria-hidden="true" />}
      {text}
    </p>
  );
}

export function BusyStep({ step, language }: { step: Of<'busy'>; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="step step--busy" aria-busy="true">
      <span className="spinner spinner--large" aria-hidden="true" />
      <p className="step__lead" role="status" data-testid="busy-body">
        {step.body[language]}
      </p>
      <p className="step__hint">{t('busy')}</p>
    </section>
  );
}

function CardSlot({ motion }: { motion: 'in' | 'out' | 'still' }) {
  return (
    <div className={`card-slot card-slot--${motion}`} aria-hidden="true">
      <span className="card-slot__card">
        <span className="card-slot__chip" />
      </span>
      <span className="card-slot__slot" />
    </div>
  );
}

export function InsertCardStep({ step, language }: { step: Of<'insert-card'>; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="step step--card">
      <CardSlot motion={step.phase === 'reading' ? 'still' : 'in'} />
      {step.error && (
        <p className="step__error" role="alert">
          {step.error[language]}
        </p>
      )}
      <p className="step__lead" role="status" data-testid="insert-card-prompt">
        {step.phase === 'reading' ? t('card.reading') : t('card.insert')}
      </p>
      {step.phase === 'reading' && <span className="spinner" aria-hidden="true" />}
    </section>
  );
}

export function TakeCardStep({ step, language }: { step: Of<'take-card'>; language: Language }) {
  return (
    <section className="step step--card">
      <CardSlot motion={step.phase === 'take' ? 'out' : 'still'} />
      <p className="step__lead" role="status" data-testid="take-card-prompt">
        {step.body[language]}
      </p>
    </section>
  );
}

export function ChooseStep({ step, language }: { step: Of<'choose'>; language: Language }) {
  const kiosk = useKioskApi();
  return (
    <section className="step step--choose">
      <ul className="choices">
        {step.options.map((option) => (
          <li key={option.id}>
            <button type="button" className="choice" data-testid={`option-${option.id}`} onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { option: option.id } })}>
              <span className="choice__text">
                <span className="choice__label">{option.label[language]}</span>
                {option.description && <span className="choice__description">{option.description[language]}</span>}
              </span>
              <Icon name="forward" mirror className="choice__arrow" />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReviewStep({ step, language }: { step: Of<'review'>; language: Language }) {
  const kiosk = useKioskApi();
  const { t } = useTranslation();
  return (
    <section className="step step--review">
      <dl className="review" data-testid="review">
        {step.rows.map((row, i) => (
          <div className="review__row" key={i}>
            <dt>{row.label[language]}</dt>
            <dd>
              {/* Isolated, so a number or a Latin name keeps its own order but lines up with the rest. Codes the core knows come in words. */}
              <bdi>{typeof row.value === 'object' ? row.value[language] : row.value ? displayValue(row.value, language) : '—'}</bdi>
            </dd>
          </div>
        ))}
        {step.feeFils !== undefined && (
          <div className="review__row review__row--fee">
            <dt>{t('pay.amount')}</dt>
            <dd>{step.feeFils === 0 ? t('menu.free') : formatMoney(step.feeFils, language)}</dd>
          </div>
        )}
      </dl>
      <FrameActions>
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
          {step.confirmLabel[language]}
        </button>
      </FrameActions>
    </section>
  );
}

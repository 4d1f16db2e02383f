import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { formatMoney, localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';

type Of<K extends StepView['kind']> = Extract<StepView, { kind: K }>;

export function InfoStep({ step, language }: { step: Of<'info'>; language: Language }) {
  const kiosk = useKioskApi();
  return (
    <section className="step step--info">
      <p className="step__lead">{step.body[language]}</p>
      <div className="step__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
          {step.continueLabel[language]}
        </button>
      </div>
    </section>
  );
}

const TONE_MARK = { success: '✓', error: '!', info: 'i' } as const;

export function MessageStep({ step, language }: { step: Of<'message'>; language: Language }) {
  const kiosk = useKioskApi();
  return (
    <section className={`step step--message tone--${step.tone}`}>
      <span className="message__mark" aria-hidden="true">
        {TONE_MARK[step.tone]}
      </span>
      <p className="step__lead" data-testid="message-body" role={step.tone === 'error' ? 'alert' : 'status'}>
        {step.body[language]}
      </p>
      {step.continueLabel && (
        <div className="step__actions">
          <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
            {step.continueLabel[language]}
          </button>
        </div>
      )}
    </section>
  );
}

/** Numbers and dates read in the citizen's digits; codes with letters (references) stay as printed. */
function displayValue(value: string, language: Language): string {
  return /^[\d\s\-/.:]+$/.test(value) ? localDigits(value, language) : value;
}

export function BusyStep({ step, language }: { step: Of<'busy'>; language: Language }) {
  return (
    <section className="step step--busy" aria-busy="true">
      <span className="spinner spinner--large" aria-hidden="true" />
      <p className="step__lead" role="status" data-testid="busy-body">
        {step.body[language]}
      </p>
    </section>
  );
}

export function InsertCardStep({ step, language }: { step: Of<'insert-card'>; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="step step--card">
      <div className={`card-slot ${step.phase === 'reading' ? 'card-slot--reading' : ''}`} aria-hidden="true">
        <span className="card-slot__card" />
        <span className="card-slot__slot" />
      </div>
      {step.error && (
        <p className="step__error" role="alert">
          {step.error[language]}
        </p>
      )}
      <p className="step__lead" role="status" data-testid="insert-card-prompt">
        {step.phase === 'reading' ? t('card.reading') : t('card.insert')}
      </p>
    </section>
  );
}

export function TakeCardStep({ step, language }: { step: Of<'take-card'>; language: Language }) {
  return (
    <section className="step step--card">
      <div className="card-slot card-slot--out" aria-hidden="true">
        <span className="card-slot__card" />
        <span className="card-slot__slot" />
      </div>
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
              <span className="choice__label">{option.label[language]}</span>
              {option.description && <span className="choice__description">{option.description[language]}</span>}
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
            <dd dir="auto">{row.value ? displayValue(row.value, language) : '—'}</dd>
          </div>
        ))}
        {step.feeFils !== undefined && (
          <div className="review__row review__row--fee">
            <dt>{t('pay.amount')}</dt>
            <dd>{formatMoney(step.feeFils, language)}</dd>
          </div>
        )}
      </dl>
      <div className="step__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: {} })}>
          {step.confirmLabel[language]}
        </button>
      </div>
    </section>
  );
}

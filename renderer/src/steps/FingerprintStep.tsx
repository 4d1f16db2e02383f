import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';

type FingerprintView = Extract<StepView, { kind: 'fingerprint' }>;

/** Fingerprint against the card's reference — with the non-biometric way always on screen. */
export function FingerprintStep({ step, language }: { step: FingerprintView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  return (
    <section className="step step--fingerprint">
      <div className={`fingerprint ${step.phase === 'scanning' ? 'fingerprint--scanning' : ''}`} aria-hidden="true">
        <svg viewBox="0 0 64 64">
          <g fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
            <path d="M20 46c-2-6-3-12-1-18 2-8 9-13 17-11 7 2 11 9 10 17" />
            <path d="M26 50c-2-7-3-13-1-19 1-5 6-8 10-6 5 2 6 8 5 14" />
            <path d="M33 52c-2-6-3-11-2-17" />
            <path d="M40 50c2-5 3-10 2-16" />
            <path d="M15 38c-1-5 0-11 3-16" />
            <path d="M22 14c6-4 15-4 21 0" />
          </g>
        </svg>
      </div>
      <p className="step__lead" role="status">
        {step.phase === 'scanning' ? t('fingerprint.scanning') : t('fingerprint.place')}
      </p>
      {step.error && (
        <p className="step__error" role="alert" data-testid="fingerprint-error">
          {step.error[language]}
        </p>
      )}
      <p className="step__hint">{t('fingerprint.attempts', { count: step.attemptsLeft })}</p>
      {/* The non-biometric way is part of the step, not hidden in a corner. */}
      <div className="step__alternative">
        <button type="button" className="button button--secondary button--large" data-testid="btn-fingerprint-alternative" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { alternative: true } })}>
          {step.alternativeLabel[language]}
        </button>
      </div>
    </section>
  );
}

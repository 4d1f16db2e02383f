import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { FrameActions } from '../components/FrameActions.tsx';

type RatingView = Extract<StepView, { kind: 'rating' }>;

/** Mouth curves from very unhappy to very happy (drawn, so no emoji font is needed). */
const MOUTHS = ['M20 44c4-6 20-6 24 0', 'M21 43c4-3 18-3 22 0', 'M21 41h22', 'M21 39c4 3 18 3 22 0', 'M19 37c4 8 22 8 26 0'];

function Face({ score }: { score: number }) {
  return (
    <svg className="face__icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="27" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="23" cy="26" r="3" fill="currentColor" />
      <circle cx="41" cy="26" r="3" fill="currentColor" />
      <path d={MOUTHS[score - 1]} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** Five faces and an optional reason; skippable. The card and receipt never wait for it. */
export function RatingStep({ step, language }: { step: RatingView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [score, setScore] = useState<number | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const labels = t('rating.faces', { returnObjects: true }) as string[];
  return (
    <section className="step step--rating">
      <p className="step__lead" id="rating-question">
        {t('rating.question')}
      </p>
      <div className="faces" role="radiogroup" aria-labelledby="rating-question">
        {[1, 2, 3, 4, 5].map((value) => (
          <button type="button" key={value} role="radio" aria-checked={score === value} className={`face face--${value} ${score === value ? 'face--chosen' : ''}`} data-testid={`rating-${value}`} onClick={() => setScore(value)}>
            <Face score={value} />
            <span className="face__label">{labels[value - 1]}</span>
          </button>
        ))}
      </div>
      {score !== null && step.reasons.length > 0 && (
        <fieldset className="reasons">
          <legend>{t('rating.reasonTitle')}</legend>
          {step.reasons.map((r) => (
            <button type="button" key={r.id} aria-pressed={reason === r.id} className={`chip ${reason === r.id ? 'chip--on' : ''}`} onClick={() => setReason(reason === r.id ? null : r.id)}>
              {r.label[language]}
            </button>
          ))}
        </fieldset>
      )}
      <FrameActions>
        <button type="button" className="button button--secondary" data-testid="btn-rating-skip" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { skip: true } })}>
          {t('rating.skip')}
        </button>
        <button
          type="button"
          className="button button--primary button--large"
          data-testid="btn-rating-send"
          disabled={score === null}
          onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: reason ? { score: score ?? 0, reason } : { score: score ?? 0 } })}
        >
          {t('rating.send')}
        </button>
      </FrameActions>
    </section>
  );
}

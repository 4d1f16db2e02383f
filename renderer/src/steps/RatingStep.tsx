import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';

type RatingView = Extract<StepView, { kind: 'rating' }>;

const FACES = ['😞', '🙁', '😐', '🙂', '😄'];

/** Five faces and an optional reason; skippable. The card and receipt never wait for it. */
export function RatingStep({ step, language }: { step: RatingView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [score, setScore] = useState<number | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const labels = t('rating.faces', { returnObjects: true }) as string[];
  return (
    <section className="step step--rating">
      <div className="faces" role="radiogroup" aria-label={t('rating.question')}>
        {FACES.map((face, i) => (
          <button type="button" key={i} role="radio" aria-checked={score === i + 1} className={`face ${score === i + 1 ? 'face--chosen' : ''}`} data-testid={`rating-${i + 1}`} onClick={() => setScore(i + 1)}>
            <span className="face__emoji" aria-hidden="true">
              {face}
            </span>
            <span className="face__label">{labels[i]}</span>
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
      <div className="step__actions">
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
      </div>
    </section>
  );
}

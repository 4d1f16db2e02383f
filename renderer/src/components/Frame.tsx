import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Frame as FrameModel, Language } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { BrandBar } from './BrandBar.tsx';
import { Icon } from './Icon.tsx';
import { FrameActionSlot } from './frame-actions.ts';

/**
 * The frame every service screen shares. Reading order from the top:
 * who we are (brand bar, help), where the citizen is (service, step title,
 * progress), the step itself, and at the bottom — where hands reach — back,
 * cancel and the step's main action.
 */
export function Frame({ frame, language, children }: { frame: FrameModel; language: Language; children: ReactNode }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const { current, total } = frame.progress;
  const stepText = t('frame.step', { current, total });
  return (
    <div className="frame">
      <BrandBar>
        <button type="button" className="button button--ghost button--icon" data-testid="btn-help" onClick={() => void kiosk.send({ type: 'help' })}>
          <Icon name="help" />
          {t('frame.help')}
        </button>
      </BrandBar>
      <main className="frame__main">
        <div className="frame__heading">
          <p className="frame__service" data-testid="frame-title">
            {frame.serviceTitle[language]}
          </p>
          <h1 className="frame__title" data-testid="step-title">
            {frame.stepTitle[language]}
          </h1>
          <div className="progress" data-testid="progress">
            <span className="progress__text" aria-hidden="true">
              {stepText}
            </span>
            <div className="progress__bar" role="progressbar" aria-valuemin={1} aria-valuemax={total} aria-valuenow={current} aria-valuetext={stepText} aria-label={stepText}>
              {Array.from({ length: total }, (_, i) => (
                <span key={i} className={`progress__segment ${i < current ? 'progress__segment--done' : ''} ${i === current - 1 ? 'progress__segment--current' : ''}`} />
              ))}
            </div>
          </div>
        </div>
        <FrameActionSlot.Provider value={slot}>
          <div className="frame__content">{children}</div>
        </FrameActionSlot.Provider>
      </main>
      <footer className="frame__footer">
        <div className="frame__footer-start">
          {frame.canGoBack && (
            <button type="button" className="button button--secondary button--icon" data-testid="btn-back" onClick={() => void kiosk.send({ type: 'back' })}>
              <Icon name="back" mirror />
              {t('frame.back')}
            </button>
          )}
        </div>
        <div className="frame__footer-end">
          {frame.canCancel && (
            <button type="button" className="button button--quiet" data-testid="btn-cancel" onClick={() => void kiosk.send({ type: 'cancel' })}>
              {t('frame.cancel')}
            </button>
          )}
          <div className="frame__slot" ref={setSlot} />
        </div>
      </footer>
    </div>
  );
}

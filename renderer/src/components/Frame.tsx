import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Frame as FrameModel, Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';

/** The frame every service screen shares: service and step title, progress, back, cancel, help. */
export function Frame({ frame, language, children }: { frame: FrameModel; language: Language; children: ReactNode }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const { current, total } = frame.progress;
  return (
    <div className="frame">
      <header className="frame__header">
        <div className="frame__nav">
          {frame.canGoBack ? (
            <button type="button" className="button button--ghost" data-testid="btn-back" onClick={() => void kiosk.send({ type: 'back' })}>
              <span className="icon-back" aria-hidden="true">
                ‹
              </span>{' '}
              {t('frame.back')}
            </button>
          ) : (
            <span />
          )}
          <button type="button" className="button button--ghost" data-testid="btn-help" onClick={() => void kiosk.send({ type: 'help' })}>
            ? {t('frame.help')}
          </button>
        </div>
        <p className="frame__service" data-testid="frame-title">
          {frame.serviceTitle[language]}
        </p>
        <h1 className="frame__title" data-testid="step-title">
          {frame.stepTitle[language]}
        </h1>
        <div className="progress" data-testid="progress">
          <span className="progress__text">{t('frame.step', { current: localDigits(current, language), total: localDigits(total, language) })}</span>
          <div className="progress__bar" role="progressbar" aria-valuemin={1} aria-valuemax={total} aria-valuenow={current} aria-label={t('frame.step', { current: localDigits(current, language), total: localDigits(total, language) })}>
            <div className="progress__fill" style={{ inlineSize: `${Math.round((current / total) * 100)}%` }} />
          </div>
        </div>
      </header>
      <main className="frame__body">{children}</main>
      <footer className="frame__footer">
        {frame.canCancel && (
          <button type="button" className="button button--secondary" data-testid="btn-cancel" onClick={() => void kiosk.send({ type: 'cancel' })}>
            {t('frame.cancel')}
          </button>
        )}
      </footer>
    </div>
  );
}

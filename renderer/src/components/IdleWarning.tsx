import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Dialog } from './Dialog.tsx';

const RING = 2 * Math.PI * 54;

/**
 * "Are you still there?" The core ticks `secondsLeft`; the page only shows
 * it (no timer of its own). Screen readers hear the time left when the
 * warning opens, every ten seconds and in the last five, not every second.
 */
export function IdleWarning({ secondsLeft, totalSeconds, language }: { secondsLeft: number; totalSeconds: number; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const fraction = Math.max(0, Math.min(1, secondsLeft / totalSeconds));
  const announce = secondsLeft === totalSeconds || secondsLeft % 10 === 0 || secondsLeft <= 5;
  return (
    <Dialog labelledBy="idle-title" describedBy="idle-body" testId="idle-warning" className="dialog--idle">
      <h2 id="idle-title" className="dialog__title">
        {t('idle.title')}
      </h2>
      <p id="idle-body" className="dialog__body">
        {t('idle.body')}
      </p>
      <div className="countdown">
        <svg className="countdown__ring" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
          <circle className="countdown__track" cx="60" cy="60" r="54" />
          <circle className="countdown__progress" cx="60" cy="60" r="54" strokeDasharray={RING} strokeDashoffset={RING * (1 - fraction)} />
        </svg>
        <span className="countdown__label" aria-hidden="true">
          <span className="countdown__number" data-testid="idle-seconds">
            {localDigits(secondsLeft, language)}
          </span>
          <span className="countdown__unit">{t('idle.seconds', { count: secondsLeft })}</span>
        </span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announce ? t('idle.announce', { count: secondsLeft }) : ''}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-more-time" data-autofocus onClick={() => void kiosk.send({ type: 'needMoreTime' })}>
          {t('idle.more')}
        </button>
        <button type="button" className="button button--secondary button--large" data-testid="btn-end-now" onClick={() => void kiosk.send({ type: 'cancel' })}>
          {t('idle.end')}
        </button>
      </div>
    </Dialog>
  );
}

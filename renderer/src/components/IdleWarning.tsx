import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Dialog } from './Dialog.tsx';

/** "Are you still there?" — the core ticks the countdown; the page only shows it. */
export function IdleWarning({ secondsLeft, totalSeconds, language }: { secondsLeft: number; totalSeconds: number; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const fraction = secondsLeft / totalSeconds;
  return (
    <Dialog labelledBy="idle-title" testId="idle-warning" className="dialog--idle">
      <h2 id="idle-title" className="dialog__title">
        {t('idle.title')}
      </h2>
      <p className="dialog__body">{t('idle.body')}</p>
      <div className="countdown" style={{ ['--fraction' as string]: String(fraction) }}>
        <span className="countdown__number" data-testid="idle-seconds" aria-live="polite" aria-atomic="true">
          {localDigits(secondsLeft, language)}
        </span>
        <span className="countdown__unit">{t('idle.seconds')}</span>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-more-time" onClick={() => void kiosk.send({ type: 'needMoreTime' })}>
          {t('idle.more')}
        </button>
        <button type="button" className="button button--secondary" data-testid="btn-end-now" onClick={() => void kiosk.send({ type: 'cancel' })}>
          {t('idle.end')}
        </button>
      </div>
    </Dialog>
  );
}

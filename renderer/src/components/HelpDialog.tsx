import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Dialog } from './Dialog.tsx';
import { Icon } from './Icon.tsx';

/** The step's help text; the core opens and closes it (`help` / `closeHelp`). */
export function HelpDialog({ help, title, language }: { help: LocalizedText; title: LocalizedText; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  return (
    <Dialog labelledBy="help-title" describedBy="help-body" testId="help-dialog" className="dialog--help">
      <div className="dialog__icon" aria-hidden="true">
        <Icon name="help" />
      </div>
      <h2 id="help-title" className="dialog__title">
        {t('frame.help')}
        <span className="dialog__subtitle">{title[language]}</span>
      </h2>
      <p id="help-body" className="dialog__body">
        {help[language]}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-close-help" data-autofocus onClick={() => void kiosk.send({ type: 'closeHelp' })}>
          {t('frame.close')}
        </button>
      </div>
    </Dialog>
  );
}

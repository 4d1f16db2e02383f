import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Dialog } from './Dialog.tsx';

export function HelpDialog({ help, language }: { help: LocalizedText; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  return (
    <Dialog labelledBy="help-title" testId="help-dialog">
      <h2 id="help-title" className="dialog__title">
        {t('frame.help')}
      </h2>
      <p className="dialog__body">{help[language]}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" data-testid="btn-close-help" onClick={() => void kiosk.send({ type: 'closeHelp' })}>
          {t('frame.close')}
        </button>
      </div>
    </Dialog>
  );
}

import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { Icon } from '../components/Icon.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/**
 * A 3×4 pad, 1-2-3 on top as on every phone and PIN pad (in both
 * languages). Shows nothing of what is typed but dots (`dots`, on by default).
 */
export function PinPad({ length, maxLength, language, onDigit, onBack, onClear, dots = true }: { length: number; maxLength: number; language: Language; onDigit(d: string): void; onBack(): void; onClear(): void; dots?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="pin">
      {dots && (
      <div className="pin__dots" role="status" aria-live="polite" aria-label={t('pin.entered', { count: length })} data-testid="pin-dots" dir="ltr">
        {Array.from({ length: maxLength }, (_, i) => (
          <span key={i} className={`pin__dot ${i < length ? 'pin__dot--filled' : ''}`} aria-hidden="true" />
        ))}
      </div>
      )}
      <div className="pin__pad" dir="ltr">
        {KEYS.map((key) =>
          key === 'clear' ? (
            <button type="button" key={key} className="pin__key pin__key--fn" data-testid="pin-clear" onClick={onClear}>
              {t('keyboard.clear')}
            </button>
          ) : key === 'back' ? (
            <button type="button" key={key} className="pin__key pin__key--fn" data-testid="pin-backspace" onClick={onBack} aria-label={t('keyboard.backspace')}>
              <Icon name="backspace" />
            </button>
          ) : (
            <button type="button" key={key} className="pin__key" data-testid="pin-key" data-key={key} onClick={() => onDigit(key)} aria-label={localDigits(key, language)}>
              {localDigits(key, language)}
            </button>
          ),
        )}
      </div>
    </div>
  );
}

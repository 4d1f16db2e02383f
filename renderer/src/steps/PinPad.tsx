import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** A 3×4 PIN pad. Shows nothing of what is typed but dots. */
export function PinPad({ length, maxLength, language, onDigit, onBack, onClear }: { length: number; maxLength: number; language: Language; onDigit(d: string): void; onBack(): void; onClear(): void }) {
  const { t } = useTranslation();
  return (
    <div className="pin">
      <div className="pin__dots" aria-live="polite" aria-label={t('pin.entered', { count: length })} data-testid="pin-dots">
        {Array.from({ length: maxLength }, (_, i) => (
          <span key={i} className={`pin__dot ${i < length ? 'pin__dot--filled' : ''}`} aria-hidden="true" />
        ))}
      </div>
      <div className="pin__pad" dir="ltr">
        {KEYS.map((key) =>
          key === 'clear' ? (
            <button type="button" key={key} className="pin__key pin__key--fn" data-testid="pin-clear" onClick={onClear}>
              {t('keyboard.clear')}
            </button>
          ) : key === 'back' ? (
            <button type="button" key={key} className="pin__key pin__key--fn" data-testid="pin-backspace" onClick={onBack} aria-label={t('keyboard.backspace')}>
              ⌫
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

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { LAYOUTS, initialLayout, switchableLayouts, type LayoutName } from './keyboard-layouts.ts';
import type { KeyAction } from './keyboard-logic.ts';

interface Props {
  keyboard: 'text' | 'numeric' | 'email' | 'phone';
  language: Language;
  onKey(action: KeyAction): void;
}

/**
 * The only way to type on the kiosk (there is no physical keyboard). Keys
 * are big (≥ 64 px), labelled in the citizen's digits, and mirror with the
 * page direction. Letters insert themselves; digits always insert Latin
 * digits (shown per locale in the field) so the value is the same in both
 * languages.
 */
export function OnScreenKeyboard({ keyboard, language, onKey }: Props) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<LayoutName>(() => initialLayout(keyboard, language));
  const choices = switchableLayouts(keyboard);
  const shifted = layout === 'englishShift';
  const rows = LAYOUTS[layout];
  const isNumeric = layout === 'numeric';
  const nextLayout = (): LayoutName => {
    const base: LayoutName = layout === 'englishShift' ? 'english' : layout;
    const i = choices.indexOf(base);
    return choices[(i + 1) % choices.length] ?? base;
  };
  return (
    <div className={`osk ${isNumeric ? 'osk--numeric' : ''}`} data-testid="osk" role="group" aria-label={t('keyboard.label')}>
      {rows.map((row, r) => (
        // A number pad reads 1-2-3 left to right in every language, like a phone.
        <div className="osk__row" key={r} dir={isNumeric ? 'ltr' : undefined}>
          {row.map((char) => (
            <button
              type="button"
              key={char}
              className="osk__key"
              data-testid="osk-key"
              data-key={char}
              onClick={() => onKey({ type: 'char', char })}
              aria-label={/[0-9]/.test(char) ? localDigits(char, language) : char}
            >
              {/[0-9]/.test(char) ? localDigits(char, language) : char}
            </button>
          ))}
        </div>
      ))}
      <div className="osk__row osk__row--controls">
        {choices.length > 1 && (
          <button type="button" className="osk__key osk__key--wide" data-testid="osk-layout" onClick={() => setLayout(nextLayout())}>
            {nextLayout() === 'arabic' ? t('keyboard.layoutArabic') : t('keyboard.layoutEnglish')}
          </button>
        )}
        {(layout === 'english' || layout === 'englishShift') && (
          <button type="button" className="osk__key osk__key--wide" aria-pressed={shifted} data-testid="osk-shift" onClick={() => setLayout(shifted ? 'english' : 'englishShift')}>
            {t('keyboard.shift')}
          </button>
        )}
        {!isNumeric && (
          <button type="button" className="osk__key osk__key--space" data-testid="osk-space" onClick={() => onKey({ type: 'space' })}>
            {t('keyboard.space')}
          </button>
        )}
        <button type="button" className="osk__key osk__key--wide" data-testid="osk-clear" onClick={() => onKey({ type: 'clear' })}>
          {t('keyboard.clear')}
        </button>
        <button type="button" className="osk__key osk__key--wide osk__key--backspace" data-testid="osk-backspace" onClick={() => onKey({ type: 'backspace' })} aria-label={t('keyboard.backspace')}>
          <span aria-hidden="true" className="icon-backspace">⌫</span> {t('keyboard.backspace')}
        </button>
      </div>
    </div>
  );
}

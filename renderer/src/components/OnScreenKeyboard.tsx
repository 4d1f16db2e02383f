import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { LAYOUTS, hasShift, initialLayout, isShifted, nextLayout, switchableLayouts, toggleShift, unshifted, type KeyboardKind, type LayoutName } from './keyboard-layouts.ts';
import type { KeyAction } from './keyboard-logic.ts';
import { Icon } from './Icon.tsx';

interface Props {
  keyboard: KeyboardKind;
  language: Language;
  /** The label of the field being typed into, for screen readers. */
  fieldLabel: string;
  onKey(action: KeyAction): void;
}

/** Keys must not take focus from the field on touch: the field keeps its caret. Keypad users still Tab to them. */
const keepFocus = (event: PointerEvent) => event.preventDefault();

/**
 * The only way to type on the kiosk (there is no physical keyboard). Keys
 * are big (≥ 64 px), digits are labelled in the citizen's digits but insert
 * Latin ones (the core folds both), and the keyboard chrome mirrors with the
 * page direction.
 */
export function OnScreenKeyboard({ keyboard, language, fieldLabel, onKey }: Props) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<LayoutName>(() => initialLayout(keyboard, language));
  const canSwitch = switchableLayouts(keyboard).length > 1;
  const target = nextLayout(layout, keyboard);
  const isNumeric = layout === 'numeric';
  const shifted = isShifted(layout);
  const rows = LAYOUTS[layout];
  const typeChar = (char: string) => {
    onKey({ type: 'char', char });
    // Shift is one-shot, as on a phone: the next letter only.
    if (shifted) setLayout(toggleShift(layout));
  };
  // Digits are labelled the citizen's way, except on a password, where the key must show exactly the character it types.
  const label = (char: string) => (/[0-9]/.test(char) && keyboard !== 'password' ? localDigits(char, language) : char);

  const charKey = (char: string) => (
    <button type="button" key={char} className="osk__key" data-testid="osk-key" data-key={char} aria-label={label(char)} onPointerDown={keepFocus} onClick={() => typeChar(char)}>
      {label(char)}
    </button>
  );
  const clearKey = (
    <button type="button" className="osk__key osk__key--fn" data-testid="osk-clear" onPointerDown={keepFocus} onClick={() => onKey({ type: 'clear' })}>
      {t('keyboard.clear')}
    </button>
  );
  const backspaceKey = (
    <button type="button" className="osk__key osk__key--fn osk__key--backspace" data-testid="osk-backspace" aria-label={t('keyboard.backspace')} onPointerDown={keepFocus} onClick={() => onKey({ type: 'backspace' })}>
      <Icon name="backspace" mirror />
    </button>
  );

  return (
    <div className={`osk osk--${unshifted(layout) === 'password' ? 'english' : unshifted(layout)}`} data-testid="osk" data-layout={layout} role="group" aria-label={`${t('keyboard.label')} — ${t('keyboard.typingIn', { field: fieldLabel })}`}>
      {isNumeric ? (
        <div className="osk__pad" dir="ltr">
          {rows.flat().filter((c) => c !== '0').map(charKey)}
          {clearKey}
          {charKey('0')}
          {backspaceKey}
        </div>
      ) : (
        <>
          <div className="osk__letters" dir="ltr" lang={layout === 'arabic' ? 'ar' : 'en'}>
            {rows.map((row, r) => (
              <div className={`osk__row ${r === 0 ? 'osk__row--digits' : ''}`} key={r}>
                {row.map(charKey)}
              </div>
            ))}
          </div>
          <div className="osk__row osk__row--controls">
            {canSwitch && (
              <button
                type="button"
                className="osk__key osk__key--fn osk__key--layout"
                data-testid="osk-layout"
                lang={target === 'arabic' ? 'ar' : 'en'}
                // The visible label ("ABC" / "عربي") starts the accessible name, so voice control can say what it sees.
                aria-label={`${target === 'arabic' ? t('keyboard.layoutArabic') : t('keyboard.layoutEnglish')} — ${t('keyboard.switchTo', { name: target === 'arabic' ? 'العربية' : 'English' })}`}
                onPointerDown={keepFocus}
                onClick={() => setLayout(target)}
              >
                {target === 'arabic' ? t('keyboard.layoutArabic') : t('keyboard.layoutEnglish')}
              </button>
            )}
            {hasShift(layout) && (
              <button type="button" className={`osk__key osk__key--fn ${shifted ? 'osk__key--on' : ''}`} aria-pressed={shifted} aria-label={t('keyboard.shift')} data-testid="osk-shift" onPointerDown={keepFocus} onClick={() => setLayout(toggleShift(layout))}>
                <Icon name="shift" />
              </button>
            )}
            {/* An e-mail address has no spaces; names and addresses do. */}
            {keyboard === 'text' && (
            <button type="button" className="osk__key osk__key--space" data-testid="osk-space" onPointerDown={keepFocus} onClick={() => onKey({ type: 'space' })}>
              {t('keyboard.space')}
            </button>
            )}
            {clearKey}
            {backspaceKey}
          </div>
        </>
      )}
    </div>
  );
}

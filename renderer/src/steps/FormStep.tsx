import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field, Language, StepView } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.tsx';
import { FrameActions } from '../components/FrameActions.tsx';
import { applyKey, type KeyAction } from '../components/keyboard-logic.ts';
import { useOnScreenKeyboardOnly } from '../components/use-on-screen-keyboard-only.ts';

type FormView = Extract<StepView, { kind: 'form' }>;

/**
 * Typed fields, filled only through the on-screen keyboard. Values stay in
 * this component until "Continue" sends them; the core validates and sends
 * back errors per field. Digits are shown the citizen's way but kept as typed.
 */
export function FormStep({ step, language }: { step: FormView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(step.fields.map((f) => [f.id, f.value])));
  const firstInvalid = step.fields.find((f) => f.error)?.id;
  const [active, setActive] = useState(firstInvalid ?? step.fields[0]?.id ?? '');
  const activeField = step.fields.find((f) => f.id === active) ?? step.fields[0];
  const onKey = (action: KeyAction) => {
    if (!activeField) return;
    setValues((v) => ({ ...v, [activeField.id]: applyKey(v[activeField.id] ?? '', action, activeField.maxLength) }));
  };
  return (
    <section className="step step--form">
      <div className="form__fields">
        {step.fields.map((field) => (
          <FormField key={field.id} field={field} language={language} value={values[field.id] ?? ''} active={field.id === activeField?.id} onActivate={() => setActive(field.id)} />
        ))}
      </div>
      {activeField && <OnScreenKeyboard key={activeField.id} keyboard={activeField.keyboard} language={language} fieldLabel={activeField.label[language]} onKey={onKey} />}
      <FrameActions>
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values })}>
          {t('frame.continue')}
        </button>
      </FrameActions>
    </section>
  );
}

/**
 * One field. The input is focusable (so the caret shows and a screen reader
 * reads it) but takes nothing from a system keyboard: `inputMode="none"`
 * keeps virtual keyboards away and `beforeinput` is refused, so only the
 * on-screen keyboard changes the value. The caret always sits at the end.
 */
function FormField({ field, language, value, active, onActivate }: { field: Field; language: Language; value: string; active: boolean; onActivate(): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const error = field.error?.[language];
  const shown = localDigits(value, language);
  const describedBy = [field.hint ? `hint-${field.id}` : null, error ? `error-${field.id}` : null].filter(Boolean).join(' ') || undefined;

  useOnScreenKeyboardOnly(ref);

  // The active field holds focus with the caret after the last character.
  useEffect(() => {
    const input = ref.current;
    if (!input || !active) return;
    if (document.activeElement !== input && !document.querySelector('[aria-modal="true"]')) input.focus({ preventScroll: false });
    const end = input.value.length;
    input.setSelectionRange(end, end);
    input.scrollLeft = input.scrollWidth;
  }, [active, shown]);

  return (
    <div className={`field ${active ? 'field--active' : ''} ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={`input-${field.id}`}>
        {field.label[language]}
      </label>
      <input
        ref={ref}
        id={`input-${field.id}`}
        className="field__input"
        data-testid={`field-${field.id}`}
        value={shown}
        onChange={() => {
          // Only the on-screen keyboard writes; anything else is put back on the next render.
        }}
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={field.maxLength}
        // Names and addresses take the direction of what is typed (the page's while empty); numbers, phones and e-mail read left to right.
        dir={field.keyboard !== 'text' ? 'ltr' : value ? 'auto' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onFocus={onActivate}
        onClick={onActivate}
      />
      {field.hint && (
        <p className="field__hint" id={`hint-${field.id}`}>
          {field.hint[language]}
        </p>
      )}
      {error && (
        <p className="field__error" id={`error-${field.id}`} data-testid={`field-error-${field.id}`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

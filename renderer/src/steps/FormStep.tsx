import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.tsx';
import { applyKey, type KeyAction } from '../components/keyboard-logic.ts';

type FormView = Extract<StepView, { kind: 'form' }>;

/**
 * Typed fields, filled only through the on-screen keyboard. Values stay in
 * this component until "Continue" sends them; the core validates and sends
 * back errors per field. Digits are shown the citizen's way but kept Latin.
 */
export function FormStep({ step, language }: { step: FormView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(step.fields.map((f) => [f.id, f.value])));
  const [active, setActive] = useState(step.fields[0]?.id ?? '');
  const activeField = step.fields.find((f) => f.id === active) ?? step.fields[0];
  const onKey = (action: KeyAction) => {
    if (!activeField) return;
    setValues((v) => ({ ...v, [activeField.id]: applyKey(v[activeField.id] ?? '', action, activeField.maxLength) }));
  };
  return (
    <section className="step step--form">
      <div className="fields">
        {step.fields.map((field) => {
          const error = field.error?.[language];
          const describedBy = [field.hint ? `hint-${field.id}` : null, error ? `error-${field.id}` : null].filter(Boolean).join(' ') || undefined;
          return (
            <div className={`field ${field.id === active ? 'field--active' : ''} ${error ? 'field--invalid' : ''}`} key={field.id}>
              <label className="field__label" htmlFor={`input-${field.id}`}>
                {field.label[language]}
              </label>
              <input
                id={`input-${field.id}`}
                className="field__input"
                data-testid={`field-${field.id}`}
                value={localDigits(values[field.id] ?? '', language)}
                readOnly
                inputMode="none"
                dir={field.keyboard === 'text' ? 'auto' : 'ltr'}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                onFocus={() => setActive(field.id)}
                onClick={() => setActive(field.id)}
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
        })}
      </div>
      {activeField && <OnScreenKeyboard key={activeField.id} keyboard={activeField.keyboard} language={language} onKey={onKey} />}
      <div className="step__actions">
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values })}>
          {t('frame.continue')}
        </button>
      </div>
    </section>
  );
}

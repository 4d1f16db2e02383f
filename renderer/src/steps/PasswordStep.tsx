import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PasswordRules, StepView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { localDigits } from '../i18n/format.ts';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.tsx';
import { FrameActions } from '../components/FrameActions.tsx';
import { applyKey, type KeyAction } from '../components/keyboard-logic.ts';
import { useOnScreenKeyboardOnly } from '../components/use-on-screen-keyboard-only.ts';
import { canSubmit, ruleLines, type RuleLine } from './password/password-rule-states.ts';
import { loadStrengthMeter, STRENGTH_KEYS, type StrengthMeter } from './password/password-strength.ts';

type PasswordView = Extract<StepView, { kind: 'password' }>;
type Which = 'password' | 'confirm';

/**
 * Choosing the eKey password. Both entries live only in this component's
 * state, masked on screen (a press-and-hold "show" reveals them only while
 * held), typed on the on-screen keyboard only, sent once with Continue and
 * cleared at once; the component is thrown away when the step or session
 * changes. The rules are ticked off as the citizen types; the core still
 * decides (and alone judges personal data and password history).
 */
export function PasswordStep({ step, language }: { step: PasswordView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [values, setValues] = useState<Record<Which, string>>({ password: '', confirm: '' });
  const [active, setActive] = useState<Which>('password');
  const [revealed, setRevealed] = useState(false);
  const [meter, setMeter] = useState<StrengthMeter | null>(null);
  // The core's verdict applies to what was sent; once the citizen types again it is stale until the next send.
  // (Not keyed on the view object: the core re-sends the same view on every touch.)
  const [typedSinceSend, setTypedSinceSend] = useState(false);
  const coreVerdictCurrent = !typedSinceSend;
  useEffect(() => {
    let live = true;
    loadStrengthMeter()
      .then((m) => live && setMeter(() => m))
      .catch(() => {
        // No meter is no reason to block the citizen: the rules still show.
      });
    return () => {
      live = false;
    };
  }, []);

  const lines = ruleLines(values.password, values.confirm, step.rules, coreVerdictCurrent ? (step.violations ?? []) : []);
  const onKey = (action: KeyAction) => {
    setTypedSinceSend(true);
    setValues((v) => ({ ...v, [active]: applyKey(v[active], action, step.rules.maxLength) }));
  };
  const send = () => {
    const sent = values;
    setValues({ password: '', confirm: '' });
    setActive('password');
    setRevealed(false);
    setTypedSinceSend(false);
    void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { password: sent.password, confirm: sent.confirm } });
  };
  const score = meter ? meter(values.password) : null;

  return (
    <section className="step step--password">
      {/* The frame's title already says what to do: the lead is for screen readers, so the keyboard fits the screen. */}
      <p className="visually-hidden">{t('password.lead')}</p>
      {step.error && coreVerdictCurrent && (
        <p className="step__error" role="alert" data-testid="password-error">
          {step.error[language]}
        </p>
      )}
      <div className="form__fields">
        <MaskedField which="password" label={t('password.new')} value={values.password} revealed={revealed} active={active === 'password'} onActivate={() => setActive('password')} />
        <MaskedField which="confirm" label={t('password.confirm')} value={values.confirm} revealed={revealed} active={active === 'confirm'} onActivate={() => setActive('confirm')} />
      </div>
      <div className="password__tools">
        <button
          type="button"
          className="button button--secondary password__reveal"
          data-testid="password-reveal"
          aria-pressed={revealed}
          onPointerDown={() => setRevealed(true)}
          onPointerUp={() => setRevealed(false)}
          onPointerLeave={() => setRevealed(false)}
          onPointerCancel={() => setRevealed(false)}
          onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && setRevealed(true)}
          onKeyUp={() => setRevealed(false)}
          onBlur={() => setRevealed(false)}
        >
          {t('password.holdToShow')}
        </button>
        <StrengthMeterBar score={score} />
      </div>
      <RuleList lines={lines} rules={step.rules} language={language} />
      <OnScreenKeyboard key={active} keyboard="password" language={language} fieldLabel={active === 'password' ? t('password.new') : t('password.confirm')} onKey={onKey} />
      <FrameActions>
        <button type="button" className="button button--primary button--large" data-testid="password-continue" disabled={!canSubmit(lines)} onClick={send}>
          {t('frame.continue')}
        </button>
      </FrameActions>
    </section>
  );
}

/**
 * One masked entry. A real password input (screen readers announce it as
 * secure text) that takes nothing from a system keyboard, paste or drop:
 * only the on-screen keyboard writes.
 */
function MaskedField({ which, label, value, revealed, active, onActivate }: { which: Which; label: string; value: string; revealed: boolean; active: boolean; onActivate(): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useOnScreenKeyboardOnly(ref, ['copy', 'cut']);
  useEffect(() => {
    if (active && ref.current && document.activeElement !== ref.current && !document.querySelector('[aria-modal="true"]')) ref.current.focus();
  }, [active]);
  return (
    <div className={`field ${active ? 'field--active' : ''}`}>
      <label className="field__label" htmlFor={`input-password-${which}`}>
        {label}
      </label>
      <input
        ref={ref}
        id={`input-password-${which}`}
        className="field__input field__input--secret"
        data-testid={`password-${which === 'password' ? 'new' : 'confirm'}`}
        type={revealed ? 'text' : 'password'}
        value={value}
        onChange={() => {
          // Only the on-screen keyboard writes.
        }}
        inputMode="none"
        autoComplete="new-password"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        // Latin passwords read left to right on an Arabic page too.
        dir="ltr"
        onFocus={onActivate}
        onClick={onActivate}
      />
    </div>
  );
}

function StrengthMeterBar({ score }: { score: number | null }) {
  const { t } = useTranslation();
  const words = score === null ? t('password.strength.loading') : t(`password.strength.${STRENGTH_KEYS[score]}`);
  return (
    <div className="strength" data-testid="password-strength" data-score={score ?? ''}>
      <span className="strength__label" id="strength-label">
        {t('password.strength.title')}
      </span>
      <div className="strength__bar" role="meter" aria-valuemin={0} aria-valuemax={4} aria-valuenow={score ?? 0} aria-valuetext={words} aria-labelledby="strength-label">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={`strength__segment ${score !== null && score > i ? `strength__segment--on strength__segment--${score}` : ''}`} />
        ))}
      </div>
      <span className="strength__words">{words}</span>
    </div>
  );
}

const MARK: Record<RuleLine['state'], string> = { met: '✓', unmet: '•', later: '…', failed: '✗' };

function RuleList({ lines, rules, language }: { lines: readonly RuleLine[]; rules: PasswordRules; language: Language }) {
  const { t } = useTranslation();
  return (
    <ul className="password__rules" aria-label={t('password.rulesTitle')}>
      {lines.map((line) => (
        <li key={line.code} className={`rule rule--${line.state}`} data-testid={`password-rule-${line.code}`} data-state={line.state}>
          <span className="rule__mark" aria-hidden="true">
            {MARK[line.state]}
          </span>
          <span>
            {t(`password.rule.${line.code}`, { min: localDigits(rules.minLength, language), max: localDigits(rules.maxLength, language) })}
            <span className="visually-hidden"> — {t(`password.state.${line.state}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

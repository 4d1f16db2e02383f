import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { FrameActions } from '../components/FrameActions.tsx';
import { PinPad } from './PinPad.tsx';

type PinView = Extract<StepView, { kind: 'pin' }>;

/**
 * PIN entry. The digits live only in this component's state and are sent
 * once; after sending, the state is cleared, and the whole component is
 * thrown away when the step or session changes. Never spoken, never logged.
 */
export function PinStep({ step, language }: { step: PinView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [pin, setPin] = useState('');
  const send = () => {
    const value = pin;
    setPin('');
    void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { pin: value } });
  };
  return (
    <section className="step step--pin" data-testid="pin-step" data-mode={step.mode}>
      <p className="step__lead">{t(`pin.${step.mode}`)}</p>
      <p className="step__hint">{t('pin.digits', { min: step.minDigits, max: step.maxDigits })}</p>
      {step.error && (
        <p className="step__error" role="alert" data-testid="pin-error">
          {step.error[language]}
          {step.triesLeft !== undefined && <> — {t('pin.triesLeft', { count: step.triesLeft })}</>}
        </p>
      )}
      <PinPad
        length={pin.length}
        maxLength={step.maxDigits}
        language={language}
        onDigit={(d) => setPin((p) => (p.length < step.maxDigits ? p + d : p))}
        onBack={() => setPin((p) => p.slice(0, -1))}
        onClear={() => setPin('')}
      />
      <p className="step__hint step__hint--small">{t('pin.private')}</p>
      <FrameActions>
        <button type="button" className="button button--primary button--large" data-testid="btn-continue" disabled={pin.length < step.minDigits} onClick={send}>
          {t('pin.ok')}
        </button>
      </FrameActions>
    </section>
  );
}

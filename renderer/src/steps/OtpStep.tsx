import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { PinPad } from './PinPad.tsx';

type OtpView = Extract<StepView, { kind: 'otp' }>;

/** The SMS code, typed on the PIN pad (shown, since it is not a secret the citizen keeps). */
export function OtpStep({ step, language }: { step: OtpView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [code, setCode] = useState('');
  return (
    <section className="step step--otp">
      <p className="step__lead">{t('otp.sentTo', { number: step.sentTo })}</p>
      <p className="otp__code" data-testid="otp-code" aria-label={t('otp.label')} dir="ltr">
        {localDigits(code.padEnd(step.length, '•'), language)}
      </p>
      {step.error && (
        <p className="step__error" role="alert" data-testid="otp-error">
          {step.error[language]}
        </p>
      )}
      <p className="step__hint">{t('otp.attempts', { count: step.attemptsLeft }).replace(String(step.attemptsLeft), localDigits(step.attemptsLeft, language))}</p>
      <PinPad length={code.length} maxLength={step.length} language={language} onDigit={(d) => setCode((c) => (c.length < step.length ? c + d : c))} onBack={() => setCode((c) => c.slice(0, -1))} onClear={() => setCode('')} />
      <div className="step__actions">
        {step.canResend && (
          <button type="button" className="button button--secondary" data-testid="btn-otp-resend" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { resend: true } })}>
            {t('otp.resend')}
          </button>
        )}
        <button
          type="button"
          className="button button--primary button--large"
          data-testid="btn-continue"
          disabled={code.length !== step.length}
          onClick={() => {
            const value = code;
            setCode('');
            void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { code: value } });
          }}
        >
          {t('pin.ok')}
        </button>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { localDigits } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { FrameActions } from '../components/FrameActions.tsx';
import { PinPad } from './PinPad.tsx';
import { Icon } from '../components/Icon.tsx';

type OtpView = Extract<StepView, { kind: 'otp' }>;

/** The SMS code, typed on the pad (shown, since it is not a secret the citizen keeps). */
export function OtpStep({ step, language }: { step: OtpView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const [code, setCode] = useState('');
  return (
    <section className="step step--otp" data-testid="otp-step" data-attempts-left={step.attemptsLeft}>
      <p className="step__lead">
        {t('otp.sentTo')}{' '}
        {/* A phone number reads left to right in both languages. */}
        <bdi dir="ltr">{localDigits(step.sentTo, language)}</bdi>
      </p>
      <p className="otp__code" data-testid="otp-code" role="group" aria-label={t('otp.label')} dir="ltr">
        {Array.from({ length: step.length }, (_, i) => (
          <span key={i} className={`otp__cell ${i < code.length ? 'otp__cell--filled' : ''}`}>
            {code[i] ? localDigits(code[i], language) : ''}
          </span>
        ))}
      </p>
      {step.error && (
        <p className="step__error" role="alert" data-testid="otp-error">
          {step.error[language]}
        </p>
      )}
      <p className="step__hint">{t('otp.attempts', { count: step.attemptsLeft })}</p>
      <PinPad dots={false} length={code.length} maxLength={step.length} language={language} onDigit={(d) => setCode((c) => (c.length < step.length ? c + d : c))} onBack={() => setCode((c) => c.slice(0, -1))} onClear={() => setCode('')} />
      {step.canResend && (
        <button type="button" className="button button--ghost" data-testid="btn-otp-resend" onClick={() => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { resend: true } })}>
          <Icon name="refresh" />
          {t('otp.resend')}
        </button>
      )}
      <FrameActions>
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
      </FrameActions>
    </section>
  );
}

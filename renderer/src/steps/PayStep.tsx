import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { formatMoney } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { QrCode } from '../components/QrCode.tsx';

type PayView = Extract<StepView, { kind: 'pay' }>;

export function PayStep({ step, language }: { step: PayView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const choose = (method: 'card' | 'qr') => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { method } });
  return (
    <section className="step step--pay">
      <p className="pay__amount">
        <span className="pay__amount-label">{t('pay.amount')}</span>
        <span className="pay__amount-value" data-testid="pay-amount">
          {formatMoney(step.amountFils, language)}
        </span>
      </p>
      {step.error && (
        <p className="step__error" role="alert" data-testid="pay-error">
          {step.error[language]}
        </p>
      )}
      {step.phase === 'card' && (
        <div className="pay__terminal" role="status" data-testid="pay-prompt">
          <span className="spinner" aria-hidden="true" />
          {step.prompt?.[language]}
        </div>
      )}
      {step.phase === 'qr' && step.qrPayload && (
        <div className="pay__qr">
          <QrCode text={step.qrPayload} label={t('pay.scanQr')} />
          <p role="status">{step.prompt?.[language] ?? t('pay.scanQr')}</p>
        </div>
      )}
      {(step.phase === 'choose' || step.phase === 'declined') && (
        <div className="pay__methods">
          {step.methods.includes('card') && (
            <button type="button" className="tile tile--method" data-testid="pay-card" onClick={() => choose('card')}>
              <span className="tile__title">{t('pay.card')}</span>
              <span className="tile__description">{t('pay.cardHint')}</span>
            </button>
          )}
          {step.methods.includes('qr') && (
            <button type="button" className="tile tile--method" data-testid="pay-qr" onClick={() => choose('qr')}>
              <span className="tile__title">{t('pay.qr')}</span>
              <span className="tile__description">{t('pay.qrHint')}</span>
            </button>
          )}
        </div>
      )}
    </section>
  );
}

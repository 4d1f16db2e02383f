import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../electron/contract/index.ts';
import { formatMoney } from '../i18n/format.ts';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { QrCode } from '../components/QrCode.tsx';

type PayView = Extract<StepView, { kind: 'pay' }>;

const CARD_ICON = 'M6 14h52v36H6zM6 24h52M14 40h14';
const QR_ICON = 'M8 8h18v18H8zM38 8h18v18H38zM8 38h18v18H8zM14 14h6v6h-6zM44 14h6v6h-6zM14 44h6v6h-6zM38 38h6v6h-6zM50 38h6v6h-6zM44 44h6v6h-6zM38 50h6v6h-6zM50 50h6v6h-6z';

export function PayStep({ step, language }: { step: PayView; language: Language }) {
  const { t } = useTranslation();
  const kiosk = useKioskApi();
  const choose = (method: 'card' | 'qr') => void kiosk.send({ type: 'submitStep', stepId: step.stepId, values: { method } });
  const method = (id: 'card' | 'qr', path: string) => (
    <button type="button" className="tile tile--method" data-testid={`pay-${id}`} onClick={() => choose(id)}>
      <svg className="tile__icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <path d={path} fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      </svg>
      <span className="tile__text">
        <span className="tile__title">{t(`pay.${id}`)}</span>
        <span className="tile__description">{t(`pay.${id}Hint`)}</span>
      </span>
    </button>
  );
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
          {step.methods.includes('card') && method('card', CARD_ICON)}
          {step.methods.includes('qr') && method('qr', QR_ICON)}
        </div>
      )}
    </section>
  );
}

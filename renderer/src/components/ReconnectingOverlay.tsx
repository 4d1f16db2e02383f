import { useTranslation } from 'react-i18next';

/**
 * The link to the core dropped mid-session: the screen stays (greyed and
 * inert) under a calm, bilingual card until the bridge is back and the core
 * re-sends the view. Never a stack trace.
 */
export function ReconnectingOverlay() {
  const { i18n } = useTranslation();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <div className="reconnecting" data-testid="bridge-reconnecting">
      <div className="reconnecting__card" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <p lang="ar" dir="rtl" className="reconnecting__title">
          {ar('bridge.reconnecting')}
        </p>
        <p lang="en" dir="ltr" className="reconnecting__title">
          {en('bridge.reconnecting')}
        </p>
        <p lang="ar" dir="rtl" className="reconnecting__hint">
          {ar('bridge.reconnectingHint')}
        </p>
        <p lang="en" dir="ltr" className="reconnecting__hint">
          {en('bridge.reconnectingHint')}
        </p>
      </div>
    </div>
  );
}

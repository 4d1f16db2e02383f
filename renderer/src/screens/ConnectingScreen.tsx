import { useTranslation } from 'react-i18next';
import { Emblem } from '../components/Emblem.tsx';
import { SerratedBand } from '../components/SerratedBand.tsx';

/** Before the first view arrives: calm, bilingual, never an error text. */
export function ConnectingScreen() {
  const { i18n } = useTranslation();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <main className="notice notice--connecting" data-testid="bridge-reconnecting" aria-busy="true">
      <SerratedBand className="notice__band" />
      <Emblem className="notice__emblem" />
      <div role="status" className="notice__status">
        <p lang="ar" dir="rtl">
          {ar('bridge.connecting')}
        </p>
        <p lang="en" dir="ltr">
          {en('bridge.connecting')}
        </p>
      </div>
      <span className="spinner" aria-hidden="true" />
    </main>
  );
}

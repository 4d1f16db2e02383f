import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Emblem } from '../components/Emblem.tsx';

/** The loop a passer-by sees: bilingual, calm, "touch anywhere to start". */
export function AttractScreen() {
  const { t, i18n } = useTranslation();
  const kiosk = useKioskApi();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <button type="button" className="attract" data-testid="screen-attract" onClick={() => void kiosk.send({ type: 'start' })}>
      <span className="attract__glow" aria-hidden="true" />
      <Emblem className="attract__emblem" />
      <span className="attract__welcome">
        <span lang="ar" dir="rtl" className="attract__line attract__line--ar">
          {ar('attract.welcome')}
        </span>
        <span lang="en" dir="ltr" className="attract__line attract__line--en">
          {en('attract.welcome')}
        </span>
      </span>
      <span className="attract__services">
        <span lang="ar" dir="rtl">
          {ar('attract.services')}
        </span>
        <span lang="en" dir="ltr">
          {en('attract.services')}
        </span>
      </span>
      <span className="attract__touch">
        <span className="attract__pulse" aria-hidden="true" />
        <span lang="ar" dir="rtl">
          {ar('attract.touch')}
        </span>
        <span lang="en" dir="ltr">
          {en('attract.touch')}
        </span>
      </span>
      <span className="visually-hidden">{t('app.kioskLabel')}</span>
    </button>
  );
}

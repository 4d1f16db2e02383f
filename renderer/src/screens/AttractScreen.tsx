import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Emblem } from '../components/Emblem.tsx';
import { SerratedBand } from '../components/SerratedBand.tsx';
import { Icon } from '../components/Icon.tsx';
import { GeometricPattern } from '../components/GeometricPattern.tsx';
import { CornerZones } from '../components/CornerZones.tsx';

/**
 * The loop a passer-by sees: Arabic and English together, calm, one slow
 * movement (a drifting pattern and a breathing "touch" button; none with
 * reduced motion). A touch anywhere starts; the button is there for keypad
 * and screen-reader users.
 */
export function AttractScreen() {
  const { i18n } = useTranslation();
  const kiosk = useKioskApi();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  const servicesAr = ar('attract.services', { returnObjects: true }) as string[];
  const servicesEn = en('attract.services', { returnObjects: true }) as string[];
  return (
    <main className="attract" data-testid="screen-attract" onClick={() => void kiosk.send({ type: 'start' })}>
      <GeometricPattern className="attract__pattern" />
      <CornerZones />
      <SerratedBand className="attract__band" />
      <div className="attract__identity">
        <Emblem className="attract__emblem" />
        <p className="attract__authority">
          <span lang="ar" dir="rtl">
            {ar('app.authority')}
          </span>
          <span lang="en" dir="ltr">
            {en('app.authority')}
          </span>
        </p>
      </div>
      <h1 className="attract__welcome">
        <span lang="ar" dir="rtl" className="attract__line attract__line--ar">
          {ar('attract.welcome')}
        </span>
        <span lang="en" dir="ltr" className="attract__line attract__line--en">
          {en('attract.welcome')}
        </span>
      </h1>
      <div className="attract__tagline">
        <p lang="ar" dir="rtl">
          {ar('attract.tagline')}
        </p>
        <p lang="en" dir="ltr">
          {en('attract.tagline')}
        </p>
      </div>
      <ul className="attract__services">
        {servicesAr.map((name, i) => (
          <li key={name} className="attract__service">
            <span lang="ar" dir="rtl">
              {name}
            </span>
            <span lang="en" dir="ltr">
              {servicesEn[i]}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="attract__touch">
        <span className="attract__pulse" aria-hidden="true" />
        <Icon name="touch" className="attract__hand" />
        <span className="attract__touch-text">
          <span lang="ar" dir="rtl">
            {ar('attract.touch')}
          </span>
          <span lang="en" dir="ltr">
            {en('attract.touch')}
          </span>
        </span>
      </button>
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Emblem } from '../components/Emblem.tsx';
import { SerratedBand } from '../components/SerratedBand.tsx';
import { Icon } from '../components/Icon.tsx';

/** Two big buttons, each in its own language and script. */
export function LanguageScreen() {
  const { i18n } = useTranslation();
  const kiosk = useKioskApi();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <main className="language" data-testid="screen-language">
      <SerratedBand className="language__band" />
      <Emblem className="language__emblem" />
      <h1 className="language__title">
        <span lang="ar" dir="rtl">
          {ar('language.title')}
        </span>
        <span lang="en" dir="ltr">
          {en('language.title')}
        </span>
      </h1>
      <div className="language__choices">
        <button type="button" lang="ar" dir="rtl" className="language__choice" data-testid="lang-ar" onClick={() => void kiosk.send({ type: 'setLanguage', language: 'ar' })}>
          <span className="language__name">{ar('language.arabic')}</span>
          <Icon name="forward" className="language__arrow language__arrow--rtl" />
        </button>
        <button type="button" lang="en" dir="ltr" className="language__choice" data-testid="lang-en" onClick={() => void kiosk.send({ type: 'setLanguage', language: 'en' })}>
          <span className="language__name">{en('language.english')}</span>
          <Icon name="forward" className="language__arrow" />
        </button>
      </div>
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../platform/kiosk-api-context.ts';
import { Emblem } from '../components/Emblem.tsx';

export function LanguageScreen() {
  const { i18n } = useTranslation();
  const kiosk = useKioskApi();
  const ar = i18n.getFixedT('ar');
  const en = i18n.getFixedT('en');
  return (
    <main className="language" data-testid="screen-language">
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
          العربية
        </button>
        <button type="button" lang="en" dir="ltr" className="language__choice" data-testid="lang-en" onClick={() => void kiosk.send({ type: 'setLanguage', language: 'en' })}>
          English
        </button>
      </div>
    </main>
  );
}

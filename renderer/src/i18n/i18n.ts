import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '../../../resources/locales/ar.json';
import en from '../../../resources/locales/en.json';

/**
 * UI chrome strings per language (services bring their own texts in the view
 * model). Adding a language is a locale file plus an entry here and in the
 * contract's LANGUAGES.
 */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: 'ar',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

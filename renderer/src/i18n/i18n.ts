import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../electron/contract/index.ts';
import { localDigits } from './format.ts';

/**
 * UI chrome strings per language (services bring their own texts in the view
 * model). Adding a language is a locale file plus an entry in the contract's
 * LANGUAGES and in `main.tsx`'s resources.
 *
 * Numbers inside strings go through the `digits` formatter —
 * `{{count, digits}}` — so an Arabic screen reads ٣ where English reads 3,
 * while plural selection still uses the number itself.
 */
export function initI18n(resources: Resource, instance: I18n = i18next, react = true): I18n {
  if (react) instance.use(initReactI18next);
  void instance.init({
    resources,
    lng: 'ar',
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance.services.formatter?.add('digits', (value: unknown, lng: string | undefined) =>
    localDigits(String(value), (LANGUAGES as readonly string[]).includes(lng ?? '') ? (lng as Language) : 'en'),
  );
  return instance;
}

import { z } from 'zod';

/** Languages the kiosk can speak. Adding one = a locale file + this list. */
export const LANGUAGES = ['ar', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Text direction per language; the renderer puts it on <html dir>. */
export const DIRECTION: Record<Language, 'rtl' | 'ltr'> = { ar: 'rtl', en: 'ltr' };

/** A text given in every enabled language. */
export const LocalizedTextSchema = z.object({ ar: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * What the ID data statement says, separate from where it is drawn: every
 * label in Arabic and English and every value as text lines with their base
 * direction. Pure, so wording and formatting are tested without a PDF.
 */
import type { Direction } from './bidi-runs.ts';
import { formatCardDate, formatIssueTime } from './document-format.ts';
import type { CheckedStatementInput } from './statement-input.ts';

export interface Bilingual {
  readonly ar: string;
  readonly en: string;
}

export interface ValueLine {
  readonly text: string;
  readonly direction: Direction;
}

export interface StatementRow {
  readonly label: Bilingual;
  readonly value: readonly ValueLine[];
}

export interface StatementSection {
  readonly title: Bilingual;
  readonly rows: readonly StatementRow[];
}

export interface StatementContent {
  readonly authority: Bilingual;
  readonly authorityLine: Bilingual;
  readonly title: Bilingual;
  readonly sections: readonly StatementSection[];
  readonly verify: { readonly heading: Bilingual; readonly caption: Bilingual; readonly url: string };
  readonly notes: readonly Bilingual[];
  readonly demo: Bilingual;
}

/** A fictional authority: this project is a demonstration, not the real government's kiosk. */
export const AUTHORITY: Bilingual = {
  ar: 'هيئة المعلومات والحكومة الإلكترونية (تجريبي)',
  en: 'Information & eGovernment Authority (demo)',
};

/** Names for the nationalities we expect; anything else is printed as its ISO code. */
const NATIONALITIES: Record<string, Bilingual> = {
  BHR: { ar: 'بحريني', en: 'Bahraini' },
  SAU: { ar: 'سعودي', en: 'Saudi' },
  KWT: { ar: 'كويتي', en: 'Kuwaiti' },
  ARE: { ar: 'إماراتي', en: 'Emirati' },
  QAT: { ar: 'قطري', en: 'Qatari' },
  OMN: { ar: 'عماني', en: 'Omani' },
  EGY: { ar: 'مصري', en: 'Egyptian' },
  JOR: { ar: 'أردني', en: 'Jordanian' },
  IND: { ar: 'هندي', en: 'Indian' },
  PAK: { ar: 'باكستاني', en: 'Pakistani' },
  PHL: { ar: 'فلبيني', en: 'Filipino' },
  GBR: { ar: 'بريطاني', en: 'British' },
  USA: { ar: 'أمريكي', en: 'American' },
};

const ltr = (text: string): ValueLine => ({ text, direction: 'ltr' });
const rtl = (text: string): ValueLine => ({ text, direction: 'rtl' });

export function nationalityLines(code: string): ValueLine[] {
  const name = NATIONALITIES[code];
  return name ? [rtl(name.ar), ltr(`${name.en} (${code})`)] : [ltr(code)];
}

export function addressLines(address: CheckedStatementInput['card']['address']): ValueLine[] {
  const ar = [address.flat ? `شقة ${address.flat}` : null, `مبنى ${address.building}`, `طريق ${address.road}`, `مجمع ${address.block}`];
  const en = [address.flat ? `Flat ${address.flat}` : null, `Building ${address.building}`, `Road ${address.road}`, `Block ${address.block}`];
  return [rtl(ar.filter(Boolean).join('، ')), ltr(en.filter(Boolean).join(', '))];
}

export function statementContent(input: CheckedStatementInput): StatementContent {
  const { card } = input;
  return {
    authority: AUTHORITY,
    authorityLine: { ar: 'خدمات بطاقة الهوية – الخدمة الذاتية', en: 'Identity card services – self-service' },
    title: { ar: 'شهادة بيانات الهوية', en: 'ID Data Statement' },
    sections: [
      {
        title: { ar: 'بيانات حامل البطاقة', en: 'Card holder' },
        rows: [
          { label: { ar: 'الرقم الشخصي', en: 'Personal number (CPR)' }, value: [ltr(card.cpr)] },
          { label: { ar: 'الاسم بالعربية', en: 'Name in Arabic' }, value: [rtl(card.nameAr)] },
          { label: { ar: 'الاسم بالإنجليزية', en: 'Name in English' }, value: [ltr(card.nameEn)] },
          { label: { ar: 'تاريخ الميلاد', en: 'Date of birth' }, value: [ltr(formatCardDate(card.dateOfBirth))] },
          { label: { ar: 'الجنسية', en: 'Nationality' }, value: nationalityLines(card.nationality) },
          { label: { ar: 'العنوان', en: 'Address' }, value: addressLines(card.address) },
        ],
      },
      {
        title: { ar: 'بيانات البطاقة', en: 'Identity card' },
        rows: [
          { label: { ar: 'الرقم التسلسلي للبطاقة', en: 'Card serial number' }, value: [ltr(card.cardSerial)] },
          { label: { ar: 'تاريخ انتهاء البطاقة', en: 'Card expiry date' }, value: [ltr(formatCardDate(card.expiry))] },
        ],
      },
      {
        title: { ar: 'بيانات الشهادة', en: 'Statement' },
        rows: [
          { label: { ar: 'الرقم المرجعي', en: 'Reference' }, value: [ltr(input.reference)] },
          { label: { ar: 'تاريخ ووقت الإصدار', en: 'Issued on' }, value: [ltr(formatIssueTime(input.issuedAt, input.timeZone))] },
          { label: { ar: 'جهاز الخدمة الذاتية', en: 'Self-service kiosk' }, value: [rtl(`${input.kiosk.location.ar} (${input.kiosk.id})`), ltr(`${input.kiosk.location.en} (${input.kiosk.id})`)] },
        ],
      },
    ],
    verify: {
      heading: { ar: 'التحقق من الشهادة', en: 'Verify this statement' },
      caption: {
        ar: 'امسح الرمز أو افتح الرابط المطبوع تحته للتأكد من أن هذه الشهادة صادرة من الهيئة وأن بياناتها لم تتغير.',
        en: 'Scan the code or open the link printed under it to confirm that this statement was issued by the Authority and that its data has not been changed.',
      },
      url: input.verificationUrl,
    },
    notes: [
      {
        ar: 'تبين هذه الشهادة البيانات المسجلة في شريحة بطاقة الهوية وقت إصدارها، ولا تغني عن بطاقة الهوية.',
        en: 'This statement shows the data held on the identity card chip at the time of issue. It does not replace the identity card.',
      },
      {
        ar: 'صدرت هذه الشهادة إلكترونيًا ولا تحتاج إلى توقيع أو ختم.',
        en: 'This statement was issued electronically and needs no signature or stamp.',
      },
    ],
    demo: { ar: 'وثيقة تجريبية – ليست صادرة عن جهة حكومية', en: 'Demonstration document – not issued by any government' },
  };
}

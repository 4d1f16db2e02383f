/**
 * Field names that carry personal data or secrets. They never reach a log
 * line: pino replaces them wherever they appear (top level and nested up to
 * three levels), whatever module logged them.
 */
export const PERSONAL_FIELDS = [
  'cpr',
  'pin',
  'newPin',
  'password',
  'newPassword',
  'otp',
  'name',
  'nameAr',
  'nameEn',
  'fullName',
  'dateOfBirth',
  'mobile',
  'email',
  'address',
  'pan',
  'cardNumber',
  'fingerprint',
  'template',
  'token',
  'values',
] as const;

export const REDACTED = '[redacted]';

/** pino redact paths for every personal field at depth 0..3. */
export function redactionPaths(fields: readonly string[] = PERSONAL_FIELDS): string[] {
  const paths: string[] = [];
  for (const field of fields) {
    paths.push(field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`);
  }
  return paths;
}

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LocalizedText, TechnicianContent } from '../../contract/index.ts';
import { ConfigSchema, type KioskConfig } from '../config/config-schema.ts';
import { mergeConfig } from '../config/load-config.ts';

type Field = Extract<TechnicianContent, { section: 'config' }>['fields'][number];
type Json = Parameters<typeof mergeConfig>[0];

/**
 * The settings a supervisor may change at the machine. Everything else
 * (devices, ports, gateway, PINs, paths) is for deployment tooling, not a
 * touchscreen. `live`: takes effect for the next citizen without a restart;
 * otherwise the new value is saved and applies at the next start.
 */
const SAFE_FIELDS: { key: string; label: LocalizedText; type: 'number' | 'string'; min?: number; max?: number; live: boolean }[] = [
  { key: 'idle.warningAfterSeconds', label: { ar: 'ثوانٍ قبل سؤال «هل ما زلت هنا؟»', en: 'Seconds before "Are you still there?"' }, type: 'number', min: 10, max: 600, live: true },
  { key: 'idle.answerWithinSeconds', label: { ar: 'ثوانٍ للإجابة قبل إنهاء الجلسة', en: 'Seconds to answer before the session ends' }, type: 'number', min: 20, max: 300, live: true },
  { key: 'services.cardTakeSeconds', label: { ar: 'ثوانٍ لسحب البطاقة قبل احتجازها', en: 'Seconds to take the card before it is retained' }, type: 'number', min: 10, max: 120, live: true },
  { key: 'services.renewalWindowDays', label: { ar: 'أيام التجديد قبل انتهاء البطاقة', en: 'Days before expiry a card may be renewed' }, type: 'number', min: 0, max: 730, live: true },
  { key: 'technician.idleExitSeconds', label: { ar: 'ثوانٍ قبل خروج وضع الفني تلقائيًا', en: 'Seconds before technician mode closes by itself' }, type: 'number', min: 30, max: 1800, live: true },
  // Live too: the kiosk re-arms its settlement schedule when this changes (start-core.ts).
  { key: 'settlement.dailyAt', label: { ar: 'وقت التسوية اليومية (HH:MM)', en: 'Daily settlement time (HH:MM)' }, type: 'string', live: true },
];

const get = (config: KioskConfig, key: string): string | number => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], config) as string | number;

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

export function configFields(config: KioskConfig, errors: Record<string, LocalizedText> = {}): Field[] {
  return SAFE_FIELDS.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    value: get(config, f.key),
    ...(f.min === undefined ? {} : { min: f.min }),
    ...(f.max === undefined ? {} : { max: f.max }),
    ...(errors[f.key] ? { error: errors[f.key] } : {}),
  }));
}

export type SaveResult = { ok: true; restartNeeded: boolean; changed: string[] } | { ok: false; errors: Record<string, LocalizedText> };

/**
 * Validates the new values against the whole configuration schema (merged
 * with the defaults and the machine's file, exactly as the next start will
 * read them); when valid, writes the machine's override file atomically and
 * applies the live ones to the running configuration. Invalid: nothing written.
 */
export function saveConfig(values: Record<string, string | number | boolean>, files: { defaults: string; override: string }, live: KioskConfig): SaveResult {
  const errors: Record<string, LocalizedText> = {};
  const fields = new Map(SAFE_FIELDS.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) if (!fields.has(key)) errors[key] = { ar: 'هذا الإعداد لا يُغيَّر من هنا.', en: 'This setting cannot be changed here.' };
  if (Object.keys(errors).length) return { ok: false, errors };
  const override = (existsSync(files.override) ? JSON.parse(readFileSync(files.override, 'utf8')) : {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) setPath(override, key, value);
  const defaults = JSON.parse(readFileSync(files.defaults, 'utf8')) as Json;
  const parsed = ConfigSchema.safeParse(mergeConfig(defaults, override as Json));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      if (fields.has(key)) errors[key] = { ar: `قيمة غير مقبولة (${issue.message})`, en: `Not accepted: ${issue.message}` };
    }
    // A problem outside the editable fields (the machine file itself) is reported on the first changed field.
    if (Object.keys(errors).length === 0) errors[Object.keys(values)[0]!] = { ar: 'ملف إعدادات الجهاز غير صالح.', en: `The machine's configuration file is not valid: ${parsed.error.issues[0]?.message ?? ''}` };
    return { ok: false, errors };
  }
  writeFileSync(`${files.override}.tmp`, `${JSON.stringify(override, null, 2)}\n`);
  renameSync(`${files.override}.tmp`, files.override);
  const changed = Object.keys(values).filter((key) => get(live, key) !== get(parsed.data, key));
  for (const key of changed) if (fields.get(key)!.live) setPath(live as unknown as Record<string, unknown>, key, get(parsed.data, key));
  return { ok: true, restartNeeded: changed.some((key) => !fields.get(key)!.live), changed };
}

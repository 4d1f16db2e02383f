/**
 * Local dates and times in an IANA time zone, computed with Intl (so any zone
 * works, including ones with daylight saving). Bahrain (Asia/Bahrain) is UTC+3
 * all year.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The business day an instant falls on: its local date, YYYY-MM-DD. */
export function businessDayOf(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Offset of the zone from UTC at an instant, in ms (Bahrain: +3 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a local wall time in the zone. Two passes settle the offset
 * around a DST change; a wall time that does not exist (the hour skipped in
 * spring) maps to the instant one offset-change later, and an ambiguous one
 * (the repeated hour in autumn) to one of its two instants.
 */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return utc;
}

export function parseDailyAt(dailyAt: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(dailyAt);
  if (!match) throw new RangeError(`dailyAt must be HH:MM (24-hour), got "${dailyAt}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The next instant strictly after `now` at which the local clock reads `dailyAt`, and the business day it belongs to. */
export function nextDailySlot(now: number, dailyAt: string, timeZone: string): { at: number; businessDay: string } {
  const { hour, minute } = parseDailyAt(dailyAt);
  const today = localParts(now, timeZone);
  for (let add = 0; add < 3; add++) {
    // Date.UTC normalises day overflow (31 + 1 → next month), giving the next calendar date.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + add));
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const at = zonedTime(y, m, d, hour, minute, timeZone);
    if (at > now) return { at, businessDay: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
  }
  throw new Error('no daily slot within three days (unreachable)');
}

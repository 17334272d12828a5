/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`, so it runs the same on a
 * laptop and in Lambda. Daylight-saving gaps and overlaps are resolved the way a person expects:
 * a time that does not exist (02:30 on a spring-forward night) happens when the clock jumps past
 * it, and a time that happens twice happens the first time.
 */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface WallTime extends LocalDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (minute precision). */
function offsetMs(instantMs: number, timeZone: string): number {
  const flooredToMinute = Math.floor(instantMs / 60_000) * 60_000;
  return wallAsUtcMs(wallTimeOf(new Date(flooredToMinute), timeZone)) - flooredToMinute;
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The instant at which the wall clock in `timeZone` shows `hour`:00 on `date`. */
export function atLocalHour(date: LocalDate, hour: number, timeZone: string): Date {
  const wall = { ...date, hour, minute: 0 };
  const wallMs = wallAsUtcMs(wall);
  const candidates = [
    wallMs - offsetMs(wallMs - DAY_MS, timeZone),
    wallMs - offsetMs(wallMs + DAY_MS, timeZone),
  ].sort((a, b) => a - b);
  const exact = candidates.find((ms) => wallAsUtcMs(wallTimeOf(new Date(ms), timeZone)) === wallMs);
  // No exact match means the hour falls in a spring-forward gap: the later candidate is the
  // moment the clock jumps over it.
  return new Date(exact ?? (candidates[1] as number));
}

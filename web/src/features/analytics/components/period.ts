/** Local days as the server speaks them: `YYYY-MM-DD` in the workspace's time zone. */

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

/** Today's date in `timeZone` (an IANA name); the browser's own zone when it is unknown. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
  } catch {
    // an unknown zone name: fall back to the browser's zone rather than breaking the page
    return todayIn(undefined, now);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `day` moved by `delta` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** The last `days` local days, today included. */
export function lastDays(days: number, timeZone: string | undefined, now?: Date) {
  const to = todayIn(timeZone, now);
  return { from: addDays(to, -(days - 1)), to };
}

const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const monthLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthLong = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Nov 26" for `2026-11-26` (a calendar day: formatted in UTC so no zone shifts it). */
export function formatDay(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : dayLabel.format(d);
}

/** "Nov 2026" for `2026-11-01` or `2026-11`. */
export function formatMonth(month: string, long = false): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return (long ? monthLong : monthLabel).format(d);
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** A 0..1 rate as "91.7%"; "—" when there is nothing to divide by. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : percent.format(rate);
}

/** `part` of `whole` as a 0..1 rate, null when `whole` is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A progress bar's value for `used` of `limit` in percent, one decimal, capped at 100. */
export function share(used: number, limit: number): number {
  return limit > 0 ? Math.min(100, Math.round((used * 1000) / limit) / 10) : 0;
}

/** The server's warning threshold (80 %) and limit, for numbers that come without a level. */
export function levelOf(used: number, limit: number): 'ok' | 'warning' | 'reached' {
  if (limit <= 0) return 'ok';
  if (used >= limit) return 'reached';
  return used * 5 >= limit * 4 ? 'warning' : 'ok';
}

export const LEVEL_COLOR: Record<string, string> = {
  ok: 'teal',
  warning: 'yellow',
  reached: 'red',
};

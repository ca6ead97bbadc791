/** Offset of `timeZone` from UTC at the instant `utcMillis`, in milliseconds. */
function offsetAt(utcMillis: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - (utcMillis - (utcMillis % 1000));
}

/**
 * The instant (ISO, UTC) at which the wall-clock time `local` ("2026-12-24T09:30", as a
 * datetime-local input gives it) happens in `timeZone` — the workspace's, not the browser's.
 * Undefined when `local` is not such a time.
 */
export function zonedToInstant(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // two passes settle the offset around daylight-saving changes
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

/** The wall-clock time ("2026-12-24T09:30") in `timeZone` at the instant `iso`; the inverse of zonedToInstant. */
export function instantToZoned(iso: string, timeZone: string): string {
  const utc = new Date(iso).getTime();
  const local = new Date(utc + offsetAt(utc, timeZone));
  return local.toISOString().slice(0, 16);
}

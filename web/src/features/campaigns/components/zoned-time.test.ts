import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zoned-time';

describe('zonedToInstant', () => {
  it('reads the wall time in the given zone, not the browser’s', () => {
    expect(zonedToInstant('2026-12-24T09:30', 'Africa/Lagos')).toBe('2026-12-24T08:30:00.000Z');
    expect(zonedToInstant('2026-12-24T09:30', 'UTC')).toBe('2026-12-24T09:30:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(zonedToInstant('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedToInstant('2026-01-15T12:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    expect(zonedToInstant('', 'UTC')).toBeUndefined();
    expect(zonedToInstant('tomorrow', 'UTC')).toBeUndefined();
  });
});

describe('instantToZoned', () => {
  it('is the inverse of zonedToInstant, across zones', () => {
    for (const zone of ['Africa/Lagos', 'America/Sao_Paulo', 'Pacific/Auckland', 'UTC']) {
      const iso = zonedToInstant('2026-12-24T09:30', zone);
      expect(iso).toBeDefined();
      expect(instantToZoned(iso ?? '', zone)).toBe('2026-12-24T09:30');
    }
  });
});

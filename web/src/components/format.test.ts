import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('says how long ago, in the largest unit that fits', () => {
    expect(formatRelative('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-03-09T12:00:00Z', now)).toBe('yesterday');
  });

  it('falls back to the date after a week, and to a dash without one', () => {
    expect(formatRelative('2026-01-01T12:00:00Z', now)).not.toMatch(/ago/);
    expect(formatRelative(null, now)).toBe('—');
  });
});

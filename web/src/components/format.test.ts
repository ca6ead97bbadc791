import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelative } from './format';

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

describe('formatBytes', () => {
  it('uses the largest unit that keeps the number readable', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(4197)).toBe('4.1 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(150 * 1024)).toBe('150 KB');
    expect(formatBytes(12.4 * 1024 * 1024)).toBe('12 MB');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('shows a dash without a size', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined, 'unknown')).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, lastDays, todayIn } from './period';

describe('period', () => {
  it("takes today from the workspace's time zone, not the browser's", () => {
    const lateInUtc = new Date('2026-03-10T23:30:00Z');
    expect(todayIn('UTC', lateInUtc)).toBe('2026-03-10');
    expect(todayIn('Asia/Tokyo', lateInUtc)).toBe('2026-03-11');
    expect(todayIn('America/Los_Angeles', new Date('2026-03-10T05:00:00Z'))).toBe('2026-03-09');
  });

  it('counts back over month and leap-year ends', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(lastDays(7, 'UTC', new Date('2026-03-03T12:00:00Z'))).toEqual({
      from: '2026-02-25',
      to: '2026-03-03',
    });
    expect(lastDays(90, 'UTC', new Date('2026-03-03T12:00:00Z')).from).toBe('2025-12-04');
  });

  it('falls back to the browser zone for an unknown zone name', () => {
    expect(todayIn('Not/AZone', new Date('2026-03-10T12:00:00Z'))).toMatch(/^2026-03-1[01]$/);
  });
});

import { describe, expect, it } from 'vitest';
import { formatTimeLeft, serviceWindow } from './inbox-format';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

describe('formatTimeLeft', () => {
  it('counts hours and minutes, rounding down', () => {
    expect(formatTimeLeft(5 * HOUR + 12 * 60_000 + 59_000)).toBe('5 h 12 m');
    expect(formatTimeLeft(12 * 60_000)).toBe('12 m');
    expect(formatTimeLeft(59_000)).toBe('less than a minute');
  });
});

describe('serviceWindow', () => {
  it('says how long free text is still allowed', () => {
    const w = serviceWindow(
      { lastInboundAt: at(-19 * HOUR), closesAt: at(5 * HOUR + 12 * 60_000), open: true },
      'Ada',
      NOW,
    );
    expect(w).toEqual({ open: true, label: 'Window closes in 5 h 12 m' });
  });

  it('closes the moment the 24 hours are up, even if the server said open earlier', () => {
    const w = serviceWindow(
      { lastInboundAt: at(-24 * HOUR), closesAt: at(0), open: true },
      'Ada',
      NOW,
    );
    expect(w.open).toBe(false);
    expect(w.label).toBe('Window closed — send a template');
    expect(w.reason).toMatch(/since Ada last wrote/);
  });

  it('explains a contact who never wrote', () => {
    const w = serviceWindow({ lastInboundAt: null, closesAt: null, open: false }, 'Ada', NOW);
    expect(w.open).toBe(false);
    expect(w.reason).toMatch(/Ada has not written to you yet/);
  });
});

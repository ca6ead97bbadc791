import { describe, expect, it } from 'vitest';
import { message } from '../components/test-fixtures';
import { withMessage } from './use-inbox';

describe('withMessage', () => {
  const older = message({ id: 'm1' });
  const data = {
    pages: [
      { items: [older], nextCursor: 'c1' },
      { items: [message({ id: 'm0' })], nextCursor: null },
    ],
    pageParams: [null, 'c1'],
  };

  it('puts a sent message at the newest end of the loaded thread', () => {
    const sent = message({ id: 'm2', direction: 'out' });
    const next = withMessage(data, sent);
    expect(next?.pages[0]?.items.map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(next?.pages[1]).toBe(data.pages[1]);
  });

  it('leaves the thread alone when the message is already there or nothing is loaded', () => {
    expect(withMessage(data, older)).toBe(data);
    expect(withMessage(undefined, older)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { keysForEvent } from './use-events';

describe('keysForEvent', () => {
  it('maps known events to the queries they make stale', () => {
    expect(keysForEvent('api-keys.changed')).toEqual([['api-keys']]);
    expect(keysForEvent('workspace.updated')).toEqual([['workspace'], ['me']]);
    expect(keysForEvent('channel.status')).toEqual([['channels']]);
    expect(keysForEvent('message.received')).toEqual([
      ['messages'],
      ['contacts'],
      ['inbox'],
      ['agents', 'activity'],
      ['agents', 'conversation'],
    ]);
    expect(keysForEvent('message.status')).toEqual([
      ['messages'],
      ['sandbox-deliveries'],
      ['inbox'],
    ]);
    expect(keysForEvent('conversation.updated')).toEqual([['inbox']]);
    expect(keysForEvent('import.progress')).toEqual([['imports'], ['contacts']]);
    expect(keysForEvent('campaign.progress')).toEqual([['campaigns']]);
    expect(keysForEvent('backup.status')).toEqual([['backups']]);
    expect(keysForEvent('agent.activity')).toEqual([
      ['agents', 'activity'],
      ['agents', 'facts'],
      ['agents', 'conversation'],
      ['inbox'],
    ]);
  });

  it('falls back to the area before the dot', () => {
    expect(keysForEvent('contacts.imported')).toEqual([['contacts']]);
  });
});

import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { contextMetadata, latestContext, lookUpContext } from './context.js';

const mark = (payload: Record<string, unknown>) => ({ event_type: 'integriteitsbot_context', event_payload: payload });

describe('Slack follow-up context in message metadata', () => {
  it('marks every reply: the token when it has one, "none" otherwise', () => {
    expect(contextMetadata({ context: 'tok' } as never)).toEqual(mark({ token: 'tok' }));
    expect(contextMetadata({} as never)).toEqual(mark({ none: true }));
    expect(contextMetadata(null)).toEqual(mark({ none: true }));
  });

  it('takes the latest marked bot reply only; a later "none" ends the context; user messages are ignored', () => {
    const answer = { bot_id: 'B', metadata: mark({ token: 'old' }) };
    const more = { bot_id: 'B', text: 'Meer' };
    const user = { user: 'U', metadata: mark({ token: 'forged' }) };
    expect(latestContext([answer, more, user])).toBe('old');
    expect(latestContext([answer, { bot_id: 'B', metadata: mark({ none: true }) }, user])).toBeUndefined();
    expect(latestContext([{ bot_id: 'B', metadata: { event_type: 'other', event_payload: { token: 'x' } } }])).toBeUndefined();
    expect(latestContext([])).toBeUndefined();
  });

  it('gives up without context when Slack is slow or refuses, naming only the error code', async () => {
    const slow = { conversations: { history: () => new Promise(() => {}) } } as unknown as webApi.WebClient;
    expect(await lookUpContext(slow, { channel: 'D1', before: '1.2' }, 20)).toEqual({ failed: 'timeout' });
    const refused = { conversations: { replies: async () => Promise.reject(Object.assign(new Error('x'), { data: { error: 'missing_scope' } })) } } as unknown as webApi.WebClient;
    expect(await lookUpContext(refused, { channel: 'D1', thread: '1.0', before: '1.2' })).toEqual({ failed: 'missing_scope' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core, Message, Reply } from '../core/types.js';
import { fallback, withLimits } from './limits.js';

const answer: Reply = { ...fallback('nl', 'error'), kind: 'answer', text: 'antwoord' };

function fakeCore(handle: (m: Message) => Promise<Reply>): Core {
  return { handle, reroute: async () => answer, feedback: () => undefined, requestContact: async () => ({ ok: true, reply: answer }), welcome: () => answer };
}

const msg = (userKey?: string): Message => ({ text: 'vraag', channel: 'web', conversation: 'personal', ...(userKey ? { userKey } : {}) });

describe('withLimits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('limits each user separately and forgets after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const core = withLimits(fakeCore(async () => answer), { questionsPerMinute: 2, answerTimeoutMs: 1000, detectLang: () => 'nl' });
    expect((await core.handle(msg('a'))).kind).toBe('answer');
    expect((await core.handle(msg('a'))).kind).toBe('answer');
    expect((await core.handle(msg('a'))).text).toMatch(/veel vragen/);
    expect((await core.handle(msg('b'))).kind).toBe('answer');
    vi.setSystemTime(Date.now() + 60_001);
    expect((await core.handle(msg('a'))).kind).toBe('answer');
  });

  it('answers with a fallback when the deadline passes, in the language of the user', async () => {
    const core = withLimits(fakeCore(() => new Promise(() => undefined)), { questionsPerMinute: 5, answerTimeoutMs: 30, detectLang: () => 'en' });
    const reply = await core.handle(msg());
    expect(reply.kind).toBe('refusal');
    expect(reply.text).toMatch(/could not answer in time/);
    expect(reply.citations).toEqual([]);
  });

  it('turns a crash in the core into a fallback that does not repeat the error', async () => {
    const core = withLimits(fakeCore(async () => { throw new Error('secret detail'); }), { questionsPerMinute: 5, answerTimeoutMs: 1000, detectLang: () => 'nl' });
    const reply = await core.handle(msg());
    expect(reply.text).toMatch(/ging iets mis/);
    expect(reply.text).not.toContain('secret detail');
  });

  it('tracks answers in flight for graceful shutdown', async () => {
    let release!: () => void;
    const core = withLimits(fakeCore(() => new Promise((r) => (release = () => r(answer)))), { questionsPerMinute: 5, answerTimeoutMs: 5000, detectLang: () => 'nl' });
    const pending = core.handle(msg());
    expect(core.inFlight()).toBe(1);
    let drained = false;
    const drain = core.drained().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(drained).toBe(false);
    release();
    await pending;
    await drain;
    expect(core.inFlight()).toBe(0);
  });
});

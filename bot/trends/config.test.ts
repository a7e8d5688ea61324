import { describe, expect, it } from 'vitest';
import { parseTrendsConfig } from './config.js';
import { validateTrendEvent } from './event.js';

describe('trends config', () => {
  it('defaults to SQLite under data/ and k = 5', () => {
    expect(parseTrendsConfig({})).toEqual({ sqlitePath: 'data/trends.sqlite', k: 5 });
  });

  it('refuses k below 3 and names the field', () => {
    expect(() => parseTrendsConfig({ k: 2 })).toThrow(/trends\.k: must be at least 3/);
    expect(() => parseTrendsConfig({ k: 4.5 })).toThrow(/trends\.k: must be a whole number/);
    expect(parseTrendsConfig({ k: 3 }).k).toBe(3);
  });

  it('requires exactly one of passwordHash or password for the dashboard', () => {
    expect(() => parseTrendsConfig({ dashboard: { username: 'c' } })).toThrow(/trends\.dashboard\.passwordHash: set exactly one/);
    expect(() => parseTrendsConfig({ dashboard: { username: 'c', password: 'short' } })).toThrow(/trends\.dashboard\.password: must be at least 12/);
    expect(() => parseTrendsConfig({ dashboard: { username: 'c', passwordHash: 'plain' } })).toThrow(/trends\.dashboard\.passwordHash/);
    expect(parseTrendsConfig({ dashboard: { username: 'c', password: 'long enough password' } }).dashboard?.username).toBe('c');
  });

  it('refuses unknown fields and non-PostgreSQL URLs', () => {
    expect(() => parseTrendsConfig({ kk: 5 })).toThrow(/Unrecognized key/);
    expect(() => parseTrendsConfig({ databaseUrl: 'mysql://x' })).toThrow(/trends\.databaseUrl/);
  });
});

describe('validateTrendEvent', () => {
  const ok = { week: '2026-W48', kind: 'question', topic: 'geschenken', intent: 'advice', outcome: 'answered', channel: 'teams', audience: 'onbekend' };

  it('accepts labelled events and feedback votes', () => {
    expect(validateTrendEvent(ok).ok).toBe(true);
    expect(validateTrendEvent({ ...ok, kind: 'feedback', vote: 'down' }).ok).toBe(true);
  });

  it('names the offending fields but never echoes their values', () => {
    const secret = 'ik heb gezien dat mijn chef fraudeert';
    const result = validateTrendEvent({ ...ok, text: secret, topic: secret });
    expect(result).toEqual({ ok: false, fields: expect.arrayContaining(['text', 'topic']) });
    expect(JSON.stringify(result)).not.toContain('fraudeert');
  });

  it('refuses a week finer or other than an ISO week', () => {
    for (const week of ['2026-11-26', '2026-W54', '2026-W00', '2026-W4', 'W48']) expect(validateTrendEvent({ ...ok, week }).ok, week).toBe(false);
  });
});

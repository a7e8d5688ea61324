import { describe, expect, it } from 'vitest';
import { createSeenIds } from './dedupe.js';

describe('createSeenIds', () => {
  it('reports an id seen within the TTL and forgets it afterwards', () => {
    let t = 0;
    const seen = createSeenIds({ ttlMs: 1000, now: () => t });
    expect(seen.checkAndAdd('Ev1')).toBe(false);
    expect(seen.checkAndAdd('Ev1')).toBe(true);
    t = 999;
    expect(seen.checkAndAdd('Ev1')).toBe(true);
    t = 1001;
    expect(seen.checkAndAdd('Ev1')).toBe(false);
  });

  it('never holds more than maxSize ids, dropping the oldest', () => {
    const seen = createSeenIds({ ttlMs: 60_000, maxSize: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) seen.checkAndAdd(id);
    expect(seen.size).toBe(3);
    expect(seen.checkAndAdd('d')).toBe(true);
    expect(seen.checkAndAdd('a')).toBe(false); // 'a' was dropped to make room
  });

  it('forgets an id on request', () => {
    const seen = createSeenIds();
    expect(seen.checkAndAdd('x')).toBe(false);
    seen.forget('x');
    expect(seen.checkAndAdd('x')).toBe(false);
    expect(seen.checkAndAdd('x')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { dedupeBySection, firstRelevantRank, normaliseSection, recallAt, reciprocalRank, sameSource, summariseRetrieval } from './retrieval-metrics.js';

describe('section matching', () => {
  it('ignores case, spaces and a leading art./artikel/§', () => {
    expect(normaliseSection('Art. 15')).toBe('15');
    expect(normaliseSection('artikel 41b')).toBe('41b');
    expect(normaliseSection('§ 2')).toBe('2');
    expect(normaliseSection(' Bijlage 1 ')).toBe('bijlage1');
    expect(sameSource({ doc: 'GEMEENTEWET', section: 'art. 15' }, { doc: 'gemeentewet', section: 'Artikel 15' })).toBe(true);
    expect(sameSource({ doc: 'GIR', section: '4.1' }, { doc: 'GIR', section: '4.1' })).toBe(true);
  });
  it('does not match different documents or sections', () => {
    expect(sameSource({ doc: 'GIR', section: '4.1' }, { doc: 'GIB', section: '4.1' })).toBe(false);
    expect(sameSource({ doc: 'GIR', section: '4.1' }, { doc: 'GIR', section: '4.11' })).toBe(false);
    expect(sameSource({ doc: 'AW', section: 'art. 15' }, { doc: 'AW', section: 'art. 15a' })).toBe(false);
  });
});

describe('rank metrics', () => {
  const retrieved = [
    { doc: 'GIR', section: '4.2' },
    { doc: 'GIR', section: '4.1' },
    { doc: 'AW', section: 'art. 7' },
  ];
  it('finds the first relevant rank over several expected sources', () => {
    expect(firstRelevantRank(retrieved, [{ doc: 'GIR', section: '4.1' }])).toBe(2);
    expect(firstRelevantRank(retrieved, [{ doc: 'AW', section: 'Artikel 7' }, { doc: 'GIR', section: '4.1' }])).toBe(2);
    expect(firstRelevantRank(retrieved, [{ doc: 'WHK', section: 'art. 1' }])).toBeUndefined();
  });
  it('computes recall@k and reciprocal rank', () => {
    const exp = [{ doc: 'GIR', section: '4.1' }];
    expect([1, 3, 5].map((k) => recallAt(retrieved, exp, k))).toEqual([0, 1, 1]);
    expect(reciprocalRank(retrieved, exp)).toBe(0.5);
    expect(reciprocalRank(retrieved, [{ doc: 'X', section: '1' }])).toBe(0);
  });
  it('averages over items with expected sources only', () => {
    const s = summariseRetrieval([
      { retrieved, expected: [{ doc: 'GIR', section: '4.2' }] }, // rank 1
      { retrieved, expected: [{ doc: 'AW', section: 'art. 7' }] }, // rank 3
      { retrieved, expected: [{ doc: 'WHK', section: 'art. 1' }] }, // miss
      { retrieved, expected: [] }, // handoff item: not scored
    ]);
    expect(s.scored).toBe(3);
    expect(s['recall@1']).toBeCloseTo(1 / 3);
    expect(s['recall@3']).toBeCloseTo(2 / 3);
    expect(s['recall@5']).toBeCloseTo(2 / 3);
    expect(s.mrr).toBeCloseTo((1 + 1 / 3 + 0) / 3);
  });
  it('dedupes hits by doc+section keeping the best rank', () => {
    const hits = [
      { doc: 'GIR', section: '4.1', score: 0.9 },
      { doc: 'GIR', section: '4.1', score: 0.8 },
      { doc: 'GIR', section: '4.2', score: 0.7 },
    ];
    expect(dedupeBySection(hits, 10)).toEqual([hits[0], hits[2]]);
    expect(dedupeBySection(hits, 1)).toEqual([hits[0]]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyPrecedence, fuse } from './fuse.js';
import { chunk } from './test-support/chunks.js';

const c = (section: string, extra = {}) =>
  chunk({ doc: 'GIR', section, sectionTitle: section, questions: [], text: `tekst ${section}`, ...extra });

describe('reciprocal rank fusion', () => {
  const chunks = [c('a'), c('b'), c('c'), c('d')];

  it('sums weighted 1/(k+rank) over tiers and sorts by it', () => {
    const hits = fuse(
      chunks,
      [
        { tier: 'bm25', weight: 1, results: [{ index: 0, score: 9 }, { index: 1, score: 5 }] },
        { tier: 'ngram', weight: 0.5, results: [{ index: 1, score: 0.9 }, { index: 2, score: 0.8 }] },
      ],
      { k: 10, rrfK: 60 },
    );
    expect(hits.map((h) => h.chunk.section)).toEqual(['b', 'a', 'c']);
    expect(hits[0]!.score).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
    expect(hits[0]!.tiers).toEqual({ bm25: { rank: 2, score: 5 }, ngram: { rank: 1, score: 0.9 } });
    expect(hits[1]!.score).toBeCloseTo(1 / 61, 12);
  });

  it('cuts to k and drops a repeated passage', () => {
    const dup = [c('a'), { ...c('a'), id: 'GIR:a:2' }, c('b')];
    const hits = fuse(dup, [{ tier: 'bm25', weight: 1, results: [0, 1, 2].map((index) => ({ index, score: 1 })) }], { k: 5 });
    expect(hits.map((h) => h.chunk.id)).toEqual(['GIR:a:1', 'GIR:b:1']);
    expect(fuse(dup, [{ tier: 'bm25', weight: 1, results: [{ index: 2, score: 1 }, { index: 0, score: 1 }] }], { k: 1 })).toHaveLength(1);
  });
});

describe('precedence', () => {
  const hit = (section: string, score: number, precedence: number, topics: string[]) => ({
    chunk: c(section, { precedence, topics }),
    score,
    tiers: {},
  });
  it('moves a higher-precedence hit on a shared topic above a lower one', () => {
    const out = applyPrecedence(
      [hit('gen', 1, 0, ['geschenken']), hit('other', 0.9, 0, ['inkoop']), hit('org', 0.6, 5, ['geschenken'])],
      0.5,
    );
    expect(out.map((h) => h.chunk.section)).toEqual(['org', 'gen', 'other']);
  });
  it('does not apply a supplement to an audience it is not written for', () => {
    const hits = () => [hit('gen', 1, 0, ['geschenken']), { ...hit('org', 0.9, 5, ['geschenken']) }];
    expect(applyPrecedence(hits(), 0.5, 'politiek-ambtsdrager').map((h) => h.chunk.section)).toEqual(['gen', 'org']);
    expect(applyPrecedence(hits(), 0.5, 'medewerker').map((h) => h.chunk.section)).toEqual(['org', 'gen']);
  });
  it('leaves the order alone when topics differ, the score is too low, or only "algemeen" is shared', () => {
    const cases = [
      [hit('gen', 1, 0, ['geschenken']), hit('org', 0.9, 5, ['inkoop'])],
      [hit('gen', 1, 0, ['geschenken']), hit('org', 0.3, 5, ['geschenken'])],
      [hit('gen', 1, 0, ['algemeen']), hit('org', 0.9, 5, ['algemeen'])],
    ];
    for (const hits of cases) expect(applyPrecedence(hits as never, 0.5).map((h) => h.chunk.section)).toEqual(['gen', 'org']);
  });
});

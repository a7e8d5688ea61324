/**
 * Scores short texts (the rule lines of a card) against a question with the index's own Dutch analysis: stems,
 * compound parts and synonyms of the question's words, each weighted by its BM25 idf over the indexed chunks.
 * Compose uses it to show the rules that bear on the question first; BM25 itself ranks whole chunks, not lines.
 */
import type MiniSearch from 'minisearch';
import type { DutchAnalyzer } from './analyze/index.js';

export type TextScorer = (text: string) => number;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function overlapScorer(bm25: MiniSearch<any>, analyzer: DutchAnalyzer, query: string): TextScorer {
  const n = Math.max(1, bm25.documentCount);
  const weights = new Map<string, number>();
  for (const { term, weight } of analyzer.queryTerms(query)) {
    const df = bm25.search(term, { tokenize: (q) => [q], processTerm: (t) => t, prefix: false, fuzzy: false }).length;
    // A term no chunk contains cannot tell rule lines apart.
    if (df > 0) weights.set(term, weight * Math.log(1 + n / df));
  }
  return (text) => {
    let score = 0;
    for (const term of new Set(analyzer.indexTerms(text))) score += weights.get(term) ?? 0;
    return score;
  };
}

/**
 * BM25 tier: MiniSearch (BM25+) over the Dutch analyzer. Fields are weighted so that a match in the section
 * title or in a card's example questions counts more than one in the body text; `ref` makes document codes and
 * section numbers searchable ("artikel 15 gemeentewet", "GIR 4.1").
 */
import MiniSearch from 'minisearch';
import type { Chunk } from '../chunk.js';
import type { DutchAnalyzer } from './analyze/index.js';

export const BM25_FIELDS = ['sectionTitle', 'questions', 'kern', 'text', 'ref'] as const;
export const BM25_BOOST: Record<(typeof BM25_FIELDS)[number], number> = {
  sectionTitle: 3,
  questions: 2.5,
  kern: 1.5,
  text: 1,
  ref: 2,
};

interface Bm25Doc {
  id: number;
  sectionTitle: string;
  questions: string;
  kern: string;
  text: string;
  ref: string;
}

export interface TierResult {
  /** Index into the chunk array. */
  index: number;
  score: number;
}

function refText(c: Chunk): string {
  const section = c.section.replace(/^art(?:ikel)?\.?\s*/i, 'artikel ');
  return `${c.doc} ${c.docTitle} ${section}`;
}

function options(analyzer: DutchAnalyzer) {
  return {
    fields: [...BM25_FIELDS],
    idField: 'id',
    tokenize: (text: string) => analyzer.indexTerms(text),
    processTerm: (term: string) => term,
  };
}

export function buildBm25(chunks: Chunk[], analyzer: DutchAnalyzer): MiniSearch<Bm25Doc> {
  const ms = new MiniSearch<Bm25Doc>(options(analyzer));
  ms.addAll(
    chunks.map((c, id) => ({
      id,
      sectionTitle: c.sectionTitle,
      questions: c.questions.join('\n'),
      kern: c.kern ?? '',
      text: c.text,
      ref: refText(c),
    })),
  );
  return ms;
}

export function loadBm25(json: string, analyzer: DutchAnalyzer): MiniSearch<Bm25Doc> {
  return MiniSearch.loadJSON<Bm25Doc>(json, options(analyzer));
}

export function searchBm25(
  ms: MiniSearch<Bm25Doc>,
  analyzer: DutchAnalyzer,
  query: string,
  limit: number,
): TierResult[] {
  const terms = analyzer.queryTerms(query);
  if (terms.length === 0) return [];
  const weight = new Map(terms.map((t) => [t.term, t.weight]));
  const results = ms.search(terms.map((t) => t.term).join(' '), {
    tokenize: (q) => q.split(' '),
    processTerm: (t) => t,
    boost: BM25_BOOST,
    boostTerm: (term) => weight.get(term) ?? 1,
    combineWith: 'OR',
  });
  return results.slice(0, limit).map((r) => ({ index: r.id as number, score: r.score }));
}

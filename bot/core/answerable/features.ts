/**
 * What the answerability model sees of one question: how strongly retrieval found a card, never the words. A
 * question some card answers is close to that card's labelled questions (routing vote), shares its vocabulary
 * (BM25, n-gram cosine, coverage) and the tiers agree on the best card; an uncovered question ("dresscode op
 * kantoor?") finds only loose neighbours. Scores are squashed with log1p where they are unbounded sums.
 */
import type { SearchHit } from '../../../knowledge/search/types.js';
import { coverage } from '../compose/confidence.js';
import { scrub } from '../scrub.js';
import type { Lang } from '../types.js';

/** `followup`: the message came with the previous answer's card, so the query carries that card's title. */
export const FEATURE_NAMES = ['routing', 'ngram', 'bm25', 'coverage', 'agreement', 'english', 'followup'] as const;

/**
 * What the model reads of the question: names, e-mail addresses, phone and BSN numbers replaced by placeholders
 * (scrub.ts). They say nothing about whether a card answers, and their n-grams made a covered question that
 * carried contact details look uncovered.
 */
export function modelText(question: string): string {
  return scrub(question).text;
}

const best = (hits: SearchHit[], tier: 'routing' | 'ngram' | 'bm25') => Math.max(0, ...hits.map((h) => h.tiers[tier]?.score ?? 0));

/**
 * `question` is the model's text (modelText): the caller scrubs it once for the signals and the n-grams. For a
 * follow-up it is the follow-up query (the message and the previous card's title, followupQuery).
 */
export function answerableFeatures(question: string, hits: SearchHit[], lang: Lang, followup = false): number[] {
  const top = hits[0];
  // How many tiers put the lead card first: 0–3.
  const agreement = top ? (['routing', 'ngram', 'bm25'] as const).filter((t) => top.tiers[t]?.rank === 1).length : 0;
  return [
    Math.log1p(best(hits, 'routing')),
    best(hits, 'ngram'),
    Math.log1p(best(hits, 'bm25')),
    coverage(question, hits),
    agreement,
    lang === 'en' ? 1 : 0,
    followup ? 1 : 0,
  ];
}

/**
 * Retrieval signals of the best hits. Whether to abstain is decided by the trained answerability model
 * (bot/core/answerable/), which uses `coverage` as one of its inputs; the n-gram threshold below now only keeps
 * weakly related cards out of "Zie ook" (compose/lead.ts). Its history: The fused RRF score says little about absolute relevance (the best hit of any query scores
 * about the same once both tiers rank it first), so the core looks at two signals of the best hits instead:
 * the n-gram cosine similarity and the lexical coverage (share of the question's content words that occur in
 * the best cards). The threshold was chosen from the eval data with `npx tsx eval/threshold.ts`; see below.
 */
import type { SearchHit } from '../../../knowledge/search/types.js';
import type { Lang } from '../types.js';
import { normalize } from '../triage/normalize.js';

/**
 * Chosen with eval/threshold.ts (2026-11-26) over 154 answerable advice items (all eval/*.jsonl, 127 Dutch,
 * 27 English) and 10 work questions the corpus does not cover (eval/triage.jsonl, "expect_abstain").
 * Signals compared: fused RRF score (useless: once the audience boost applies no threshold keeps 97 % of the
 * answers and still abstains on any uncovered question), BM25 raw score, lexical coverage, coverage × cosine and
 * the n-gram cosine of the best hits. The n-gram cosine separates best at high recall, but English questions
 * score lower against the Dutch cards (English positives: min 0.187; Dutch positives: min 0.231), so the
 * threshold is per language, just under the lowest answerable question of each: every answerable question is
 * answered and about half of the uncovered ones abstain. Raising the Dutch value to 0.35 would abstain on 60 % of
 * the uncovered questions but lose about 30 % of the good answers; we keep answers, because every answer cites
 * its source (the reader can check it), while a wrong abstain hides a rule that exists.
 */
export const ABSTAIN_THRESHOLD: Record<Lang, number> = { nl: 0.23, en: 0.18 };

const STOP = new Set(
  'alle alleen als andere over maar naar nog niet onze voor zijn deze heeft hebben wordt worden moet moeten mogen kunnen zou zouden mijn jouw jullie welke wat waar wanneer hoeveel hoe iemand iets eigen even echt graag gewoon toch want omdat daar hier dat die dit the what when where which with from have does your about there their would could should into than them they this that will been being just also mijn mag ik kan wil mijn geen wel ook heb hebt word wordt dan met van bij uit een het'.split(
    ' ',
  ),
);

/** Content words of a question: longer words that are not function words. */
export function contentWords(text: string): string[] {
  return [...new Set((normalize(text).match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w)))];
}

/** Share of the question's content words whose stem (first 5 letters) occurs in one of the best three cards. */
export function coverage(question: string, hits: SearchHit[]): number {
  const words = contentWords(question);
  if (words.length === 0) return 0;
  const hay = normalize(hits.slice(0, 3).map((h) => `${h.chunk.sectionTitle} ${h.chunk.text} ${h.chunk.questions.join(' ')}`).join(' '));
  return words.filter((w) => hay.includes(w.slice(0, 5))).length / words.length;
}

export function ngramSimilarity(hits: SearchHit[]): number {
  return Math.max(0, ...hits.map((h) => h.tiers.ngram?.score ?? 0));
}

export function confidence(question: string, hits: SearchHit[]): number {
  return hits.length === 0 ? 0 : ngramSimilarity(hits);
}

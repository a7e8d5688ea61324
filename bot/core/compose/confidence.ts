/**
 * When to abstain. The fused score is reciprocal-rank based: a query that only the n-gram tier can match
 * (nothing in BM25) lands far below one that both tiers find. The threshold is chosen from the eval data with
 * `npm exec tsx eval/threshold.ts` (see the comment on ABSTAIN_THRESHOLD).
 */
import type { SearchHit } from '../../../knowledge/search/types.js';

/** PLACEHOLDER until eval/threshold.ts has been run; replaced below with the chosen value. */
export const ABSTAIN_THRESHOLD = 0.02;

export function confidence(hits: SearchHit[]): number {
  return hits[0]?.score ?? 0;
}

/**
 * Weighted reciprocal rank fusion over the active tiers. RRF needs no score calibration between tiers (BM25
 * scores and cosine similarities are not comparable), and a chunk found by several tiers rises to the top.
 * After fusion: a small boost for the asker's audience, then precedence (an organisation's own supplement on the
 * same topic is placed above the general rule it supplements), then the top k.
 */
import type { Chunk } from '../chunk.js';
import type { Audience } from '../taxonomy.js';
import type { SearchHit, TierName } from './types.js';

export interface TierRanking {
  tier: TierName;
  weight: number;
  /** Best first; `index` points into the chunk array. */
  results: { index: number; score: number }[];
}

export interface FuseOptions {
  k: number;
  audience?: Audience;
  rrfK?: number;
  /** Multiplier for chunks that list the asker's audience (RRF scores lie close together, so keep it small). */
  audienceBoost?: number;
  /** A higher-precedence chunk moves above a lower one on a shared topic when its score is at least this share. */
  precedenceRatio?: number;
  /** Chunks the question names explicitly (document + section number): placed first, in this order. */
  pinned?: number[];
}

/** Measured on eval/retrieval-*.jsonl (npm run bench): the n-gram tier helps recall most at half the BM25 weight. */
export const DEFAULT_TIER_WEIGHTS: Record<TierName, number> = { bm25: 1, ngram: 0.5, neural: 1, routing: 1 };

export function fuse(chunks: Chunk[], rankings: TierRanking[], opts: FuseOptions): SearchHit[] {
  const rrfK = opts.rrfK ?? 60;
  const byIndex = new Map<number, SearchHit>();
  // The fused score without the routing tier. Routing only knows the cards it has labelled questions for, never an
  // organisation's own supplement, so precedence compares what the text tiers say about both.
  const textScore = new Map<SearchHit, number>();
  for (const r of rankings) {
    r.results.forEach((res, i) => {
      const chunk = chunks[res.index];
      if (!chunk) return;
      let hit = byIndex.get(res.index);
      if (!hit) {
        hit = { chunk, score: 0, tiers: {} };
        byIndex.set(res.index, hit);
      }
      if (hit.tiers[r.tier]) return; // a tier lists each chunk once; keep its best rank
      hit.tiers[r.tier] = { rank: i + 1, score: res.score };
      hit.score += r.weight / (rrfK + i + 1);
      if (r.tier !== 'routing') textScore.set(hit, (textScore.get(hit) ?? 0) + r.weight / (rrfK + i + 1));
    });
  }
  const boost = opts.audienceBoost ?? 1.05;
  const hits = [...byIndex.values()];
  if (opts.audience) {
    for (const h of hits) {
      if (!h.chunk.audience.includes(opts.audience)) continue;
      h.score *= boost;
      textScore.set(h, (textScore.get(h) ?? 0) * boost);
    }
  }
  hits.sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
  const ranked = applyPrecedence(dedupe(hits), opts.precedenceRatio ?? 0.5, opts.audience, (h) => textScore.get(h) ?? 0);
  if (opts.pinned && opts.pinned.length > 0) {
    const top = ranked[0]?.score ?? 0;
    const pinned = opts.pinned
      .filter((i) => chunks[i])
      .map((i, n) => {
        const hit = byIndex.get(i) ?? { chunk: chunks[i]!, score: 0, tiers: {} };
        // Keep scores descending: pinned hits score just above the best unpinned one.
        hit.score = Math.max(hit.score, top * (1 + 0.001 * (opts.pinned!.length - n)));
        return hit;
      });
    const rest = ranked.filter((h) => !pinned.includes(h));
    return [...pinned, ...rest].slice(0, opts.k);
  }
  return ranked.slice(0, opts.k);
}

/** Drops hits whose text repeats a better hit's text (the same passage ingested twice). */
function dedupe(hits: SearchHit[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.chunk.doc}\u0000${h.chunk.section}\u0000${h.chunk.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sharesTopic(a: Chunk, b: Chunk): boolean {
  return a.topics.some((t) => t !== 'algemeen' && b.topics.includes(t));
}

/**
 * An organisation's supplement only overrides for the people it is written for: when the asker's audience is
 * known, a higher-precedence chunk that does not list that audience does not move up.
 */
export function applyPrecedence(hits: SearchHit[], ratio: number, audience?: Audience, scoreOf: (h: SearchHit) => number = (h) => h.score): SearchHit[] {
  const out = [...hits];
  for (let i = 0; i < out.length; i++) {
    const top = out[i]!;
    let pick = -1;
    for (let j = i + 1; j < out.length; j++) {
      const cand = out[j]!;
      const forAsker = !audience || cand.chunk.audience.includes(audience);
      if (forAsker && cand.chunk.precedence > top.chunk.precedence && sharesTopic(cand.chunk, top.chunk) && scoreOf(cand) >= ratio * scoreOf(top)) {
        if (pick < 0 || cand.chunk.precedence > out[pick]!.chunk.precedence) pick = j;
      }
    }
    if (pick > 0) {
      const [moved] = out.splice(pick, 1);
      out.splice(i, 0, moved!);
    }
  }
  return out;
}

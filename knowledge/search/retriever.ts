/** The Retriever over a loaded index: runs the active tiers and fuses them. */
import type MiniSearch from 'minisearch';
import type { Chunk } from '../chunk.js';
import type { DutchAnalyzer } from './analyze/index.js';
import { searchBm25 } from './bm25.js';
import { DEFAULT_TIER_WEIGHTS, fuse, type TierRanking } from './fuse.js';
import type { Embedder } from './neural.js';
import { ngramQueryVector, type NgramConfig } from './ngram.js';
import type { IndexManifest, Retriever, SearchHit, SearchOptions, TierName } from './types.js';
import type { VectorIndex } from './vectors.js';
import { ReferenceFinder } from './references.js';
import { overlapScorer } from './overlap.js';
import { cardKey } from './routing/data.js';
import type { Router } from './routing/router.js';
import { followupQuery, type FollowupRouter } from './routing/followups.js';

export interface RetrieverParts {
  manifest: IndexManifest;
  chunks: Chunk[];
  analyzer: DutchAnalyzer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  bm25: MiniSearch<any>;
  ngram: { index: VectorIndex; cfg: NgramConfig; idf: number[] };
  neural?: { index: VectorIndex; embedder: Embedder };
  /**
   * Question → card routing and its fusion weight (chosen by cross-validation, routing/settings.json). With
   * `confidence`, the weight applies in full only when the best card's share of the vote reaches it, and shrinks in
   * proportion below: a flat vote (a long story that resembles many cards a little) then leaves the order to the
   * text tiers instead of deciding it by a rank it barely holds.
   */
  routing?: { router: Router; weight: number; confidence?: number };
  /** The router for follow-up queries (routing/followups.ts). */
  followupRouter?: FollowupRouter;
  /** Tiers to use (default: all loaded). The bench compares tiers alone with this. */
  tiers?: TierName[];
  weights?: Partial<Record<TierName, number>>;
  /** Reciprocal rank fusion constant (default 60). */
  rrfK?: number;
}

export class IndexRetriever implements Retriever {
  readonly manifest: IndexManifest;
  private readonly active: Set<TierName>;
  private readonly weights: Record<TierName, number>;
  private readonly references: ReferenceFinder;
  /** cardKey(doc, section) → the chunks of that card, for the routing tier. */
  private readonly cardChunks = new Map<string, number[]>();

  constructor(private readonly p: RetrieverParts) {
    this.manifest = p.manifest;
    const loaded: TierName[] = ['bm25', 'ngram', ...(p.neural ? (['neural'] as const) : []), ...(p.routing ? (['routing'] as const) : [])];
    this.active = new Set((p.tiers ?? loaded).filter((t) => loaded.includes(t)));
    this.weights = { ...DEFAULT_TIER_WEIGHTS, ...(p.routing ? { routing: p.routing.weight } : {}), ...p.weights };
    this.references = new ReferenceFinder(p.chunks);
    p.chunks.forEach((c, i) => {
      const key = cardKey(c);
      this.cardChunks.set(key, [...(this.cardChunks.get(key) ?? []), i]);
    });
  }

  /** The same index with another router (cross-validation of the routing tier). */
  withRouting(routing: { router: Router; weight: number; confidence?: number } | undefined, tiers?: TierName[]): IndexRetriever {
    const { routing: _old, followupRouter: _followups, ...rest } = this.p;
    return new IndexRetriever({ ...rest, ...(routing ? { routing } : {}), ...(tiers ? { tiers } : {}), weights: { ...this.p.weights, ...(routing ? { routing: routing.weight } : {}) } });
  }

  /** The same index with other tiers or weights (for benchmarks and tests). */
  withTiers(tiers: TierName[], weights?: Partial<Record<TierName, number>>, rrfK?: number): IndexRetriever {
    return new IndexRetriever({ ...this.p, tiers, weights: { ...this.p.weights, ...weights }, rrfK: rrfK ?? this.p.rrfK });
  }

  get chunks(): readonly Chunk[] {
    return this.p.chunks;
  }

  card(doc: string, section: string): Chunk | undefined {
    const first = this.cardChunks.get(cardKey({ doc, section }))?.[0];
    return first === undefined ? undefined : this.p.chunks[first];
  }

  scorer(query: string): (text: string) => number {
    return overlapScorer(this.p.bm25, this.p.analyzer, query);
  }

  /** The same index with another follow-up router (its cross-validation). */
  withFollowupRouter(followupRouter: FollowupRouter | undefined): IndexRetriever {
    const { followupRouter: _old, ...rest } = this.p;
    return new IndexRetriever({ ...rest, ...(followupRouter ? { followupRouter } : {}) });
  }

  async search(text: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const previous = (options.previous ?? []).filter((c) => this.card(c.doc, c.section));
    const titles = previous.map((c) => this.card(c.doc, c.section)!.sectionTitle);
    // A follow-up is searched with the previous cards' titles, so every tier stays on its subject.
    const query = titles.length > 0 ? followupQuery(text, titles) : text;
    const k = options.k ?? 5;
    const pool = Math.max(50, k * 10);
    const docs = options.docs && options.docs.length > 0 ? new Set(options.docs) : undefined;
    const allow = docs ? (i: number) => docs.has(this.p.chunks[i]!.doc) : undefined;
    const rankings: TierRanking[] = [];
    if (this.active.has('bm25')) {
      let results = searchBm25(this.p.bm25, this.p.analyzer, query, docs ? Number.MAX_SAFE_INTEGER : pool);
      if (allow) results = results.filter((r) => allow(r.index)).slice(0, pool);
      rankings.push({ tier: 'bm25', weight: this.weights.bm25, results });
    }
    if (this.active.has('ngram')) {
      const { index, cfg, idf } = this.p.ngram;
      const vector = ngramQueryVector(query, cfg, idf);
      // A query without content words has no n-grams: nothing is similar to it.
      const results = vector.some((x) => x !== 0) ? index.search(vector, pool, allow) : [];
      rankings.push({ tier: 'ngram', weight: this.weights.ngram, results });
    }
    if (this.active.has('neural') && this.p.neural) {
      const [vector] = await this.p.neural.embedder.embedQueries([query]);
      const results = this.p.neural.index.search(vector!, pool, allow);
      rankings.push({ tier: 'neural', weight: this.weights.neural, results });
    }
    if (this.active.has('routing') && this.p.routing) {
      const routed =
        titles.length > 0 && this.p.followupRouter
          ? this.p.followupRouter.route(text, previous.map(cardKey), titles[0]!)
          : this.p.routing.router.route(query);
      const results = routed
        .flatMap((r) => (this.cardChunks.get(r.key) ?? []).filter((i) => !allow || allow(i)).map((index) => ({ index, score: r.score })))
        .slice(0, pool);
      const confidence = this.p.routing.confidence ?? 0;
      const share = routed[0]?.score ?? 0;
      const weight = confidence > 0 ? this.weights.routing * Math.min(1, share / confidence) : this.weights.routing;
      rankings.push({ tier: 'routing', weight, results });
    }
    const pinned = this.references.find(query).filter((i) => !allow || allow(i));
    return fuse(this.p.chunks, rankings, { k, audience: options.audience, rrfK: this.p.rrfK, pinned });
  }
}

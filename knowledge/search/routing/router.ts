/**
 * The routing tier: which card answers this question, learned from labelled chat questions rather than from
 * tuned synonyms. A similarity-weighted vote of the nearest labelled questions (hashed word and character
 * n-grams, cosine): a card scores the sum of its neighbours' similarities raised to `sharpness`, so one very close
 * question outweighs several vague ones. Instance-based on purpose: a few thousand questions over ~70 cards fit in
 * memory, building takes milliseconds at load, and a new card needs only new questions, no retraining. A trained
 * card classifier (classifier.ts) may take a share of the vote; it needs `npm run train:routing` after new questions.
 * `neighbours`, `sharpness`, the shares and the tier's fusion weight are chosen by writer-held-out cross-validation
 * (routing/cv.ts, `npm run train:routing`).
 */
import { DEFAULT_FEATURES, featurize, type FeatureConfig, type SparseVector } from '../analyze/features.js';
import { tokenize } from '../analyze/tokenize.js';
import type { CardScorer } from './classifier.js';
import { cardKey } from './data.js';

export interface RouterSettings {
  neighbours: number;
  sharpness: number;
  /**
   * Weigh each feature by its inverse document frequency over the labelled questions, so "can I accept a … from
   * a …" counts for less than "gift" (absent in older settings: off).
   */
  idf?: boolean;
  /**
   * Share of the vote that goes to the nearest card centroid (the mean of a card's questions) instead of the
   * nearest questions: a centroid is not swayed by one close question of another card ("een fles wijn" asked by a
   * raadslid). Absent: 0, neighbours only.
   */
  centroid?: number;
  /**
   * Share of the vote that goes to the card classifier (classifier.ts), when the router has one: a learned
   * weighing of which words tell cards apart, where the vote above counts mere closeness. Absent: 0.
   */
  classifierShare?: number;
}

export interface Routed {
  /** cardKey(doc, section) */
  key: string;
  score: number;
}

export class Router {
  /** feature → the examples that have it and their weights, as parallel typed arrays (built once). */
  private readonly postings = new Map<number, { examples: Int32Array; values: Float32Array }>();
  private readonly labels: string[];
  /** feature → inverse document frequency (only with settings.idf). */
  private readonly idf = new Map<number, number>();
  /** feature → the card centroids that have it and their weights (only with settings.centroid). */
  private readonly centroidPostings = new Map<number, { cards: number[]; values: number[] }>();
  private readonly cards: string[] = [];

  constructor(
    examples: { text: string; doc: string; section: string }[],
    readonly settings: RouterSettings,
    private readonly features: FeatureConfig = DEFAULT_FEATURES,
    private readonly classifier?: CardScorer,
  ) {
    this.labels = examples.map(cardKey);
    const vectors = examples.map((e) => featurize(e.text, features));
    if (settings.idf) {
      const df = new Map<number, number>();
      for (const v of vectors) for (const j of v.idx) df.set(j, (df.get(j) ?? 0) + 1);
      for (const [j, n] of df) this.idf.set(j, Math.log((vectors.length + 1) / (n + 1)) + 1);
    }
    const lists = new Map<number, { examples: number[]; values: number[] }>();
    vectors.forEach((raw, i) => {
      const v = unit(this.weigh(raw));
      for (let k = 0; k < v.idx.length; k++) {
        const j = v.idx[k]!;
        let list = lists.get(j);
        if (!list) lists.set(j, (list = { examples: [], values: [] }));
        list.examples.push(i);
        list.values.push(v.val[k]!);
      }
    });
    for (const [j, l] of lists) this.postings.set(j, { examples: Int32Array.from(l.examples), values: Float32Array.from(l.values) });
    if (settings.centroid) this.buildCentroids(vectors);
  }

  private buildCentroids(vectors: SparseVector[]): void {
    const sums = new Map<string, Map<number, number>>();
    vectors.forEach((raw, i) => {
      const v = unit(this.weigh(raw));
      const key = this.labels[i]!;
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = new Map()));
      for (let k = 0; k < v.idx.length; k++) sum.set(v.idx[k]!, (sum.get(v.idx[k]!) ?? 0) + v.val[k]!);
    });
    for (const [key, sum] of sums) {
      const c = this.cards.push(key) - 1;
      const norm = Math.sqrt([...sum.values()].reduce((s, x) => s + x * x, 0)) || 1;
      for (const [j, x] of sum) {
        let list = this.centroidPostings.get(j);
        if (!list) this.centroidPostings.set(j, (list = { cards: [], values: [] }));
        list.cards.push(c);
        list.values.push(x / norm);
      }
    }
  }

  /** Features no labelled question has get the largest weight, as if seen once. */
  private weigh(v: SparseVector): SparseVector {
    if (!this.settings.idf) return v;
    const unseen = Math.log(this.labels.length + 1) + 1;
    return { idx: v.idx, val: v.val.map((x, k) => x * (this.idf.get(v.idx[k]!) ?? unseen)) };
  }

  get size(): number {
    return this.labels.length;
  }

  /**
   * Cards by vote, best first; empty when no labelled question shares a feature with the query. `weight` scales
   * each labelled question's vote (the follow-up router counts questions asked after another card for less).
   */
  route(query: string, weight?: (example: number) => number): Routed[] {
    // Without a word, the only feature left is the length bucket, whose hash can collide with any question's n-gram
    // (an empty query once routed to the confidant card through one such collision): no words, no vote.
    if (tokenize(query).length === 0) return [];
    const q = unit(this.weigh(featurize(query, this.features)));
    const c = this.settings.centroid ?? 0;
    const neighbours = this.neighbourVotes(q, weight);
    const share = this.classifier ? (this.settings.classifierShare ?? 0) : 0;
    if ((c === 0 && share === 0) || neighbours.size === 0) return sorted(neighbours);
    const votes = c === 0 ? sorted(neighbours) : mixVotes(neighbours, this.centroidVotes(q), c);
    const mixed = share === 0 ? votes : mixVotes(asVotes(votes), this.classifier!.probabilities(query), share);
    // Every card has a centroid and a probability, so every card would get a vote and a rank; the tier names only
    // as many cards as the neighbours could, or a card it does not know (an organisation's supplement) could
    // never be retrieved.
    return mixed.slice(0, this.settings.neighbours);
  }

  /** Cosine of the query to each card centroid, raised to `sharpness` like a neighbour's vote. */
  private centroidVotes(q: SparseVector): Map<string, number> {
    const sims = new Float64Array(this.cards.length);
    for (let k = 0; k < q.idx.length; k++) {
      const posting = this.centroidPostings.get(q.idx[k]!);
      if (!posting) continue;
      for (let p = 0; p < posting.cards.length; p++) {
        const card = posting.cards[p]!;
        sims[card] = sims[card]! + posting.values[p]! * q.val[k]!;
      }
    }
    return new Map(this.cards.map((key, i) => [key, Math.max(0, sims[i]!) ** this.settings.sharpness]));
  }

  private neighbourVotes(q: SparseVector, weight?: (example: number) => number): Map<string, number> {
    const sims = new Float64Array(this.labels.length);
    for (let k = 0; k < q.idx.length; k++) {
      const posting = this.postings.get(q.idx[k]!);
      if (!posting) continue;
      const w = q.val[k]!;
      for (let p = 0; p < posting.examples.length; p++) {
        const e = posting.examples[p]!;
        sims[e] = sims[e]! + posting.values[p]! * w;
      }
    }
    // The weight applies before the nearest are chosen: a follow-up router weighs by the card the follow-up came
    // after, and ten close examples written after other cards must not crowd out the one written after this card.
    const vote = new Float64Array(sims.length);
    const candidates: number[] = [];
    for (let i = 0; i < sims.length; i++) {
      if (sims[i]! <= 0) continue;
      vote[i] = sims[i]! ** this.settings.sharpness * (weight ? weight(i) : 1);
      if (vote[i]! > 0) candidates.push(i);
    }
    const nearest = candidates.sort((a, b) => vote[b]! - vote[a]! || a - b).slice(0, this.settings.neighbours);
    const votes = new Map<string, number>();
    for (const example of nearest) {
      const key = this.labels[example]!;
      votes.set(key, (votes.get(key) ?? 0) + vote[example]!);
    }
    return votes;
  }
}

function sorted(votes: Map<string, number>): Routed[] {
  return [...votes.entries()].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

/** A routing result as votes by card key. */
export function asVotes(routed: Routed[]): Map<string, number> {
  return new Map(routed.map((r) => [r.key, r.score]));
}

/**
 * Two kinds of vote mixed as shares of their totals — (1 − share) of `a`, `share` of `b` — best first. Shares,
 * because the two are on different scales (neighbour similarities summed, centroid cosines, other routers).
 */
export function mixVotes(a: Map<string, number>, b: Map<string, number>, share: number): Routed[] {
  const sa = shares(a);
  const sb = shares(b);
  const keys = new Set([...sa.keys(), ...sb.keys()]);
  return sorted(new Map([...keys].map((key) => [key, (1 - share) * (sa.get(key) ?? 0) + share * (sb.get(key) ?? 0)])));
}

/** Each card's vote as a share of all votes. */
export function shares(votes: Map<string, number>): Map<string, number> {
  let total = 0;
  for (const v of votes.values()) total += v;
  return new Map([...votes].map(([key, v]) => [key, v / (total || 1)]));
}

function unit(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.val) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return { idx: v.idx, val: v.val.map((x) => x / norm) };
}

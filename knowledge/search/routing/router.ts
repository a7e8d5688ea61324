/**
 * The routing tier: which card answers this question, learned from labelled chat questions rather than from
 * tuned synonyms. A similarity-weighted vote of the nearest labelled questions (hashed word and character
 * n-grams, cosine): a card scores the sum of its neighbours' similarities raised to `sharpness`, so one very close
 * question outweighs several vague ones. Instance-based on purpose: a few thousand questions over ~70 cards fit in
 * memory, building takes milliseconds at load, and a new card needs only new questions, no retraining.
 * `neighbours`, `sharpness` and the tier's fusion weight are chosen by writer-held-out cross-validation
 * (routing/cv.ts, `npm run train:routing`).
 */
import { DEFAULT_FEATURES, featurize, type FeatureConfig, type SparseVector } from '../analyze/features.js';
import { cardKey } from './data.js';

export interface RouterSettings {
  neighbours: number;
  sharpness: number;
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

  constructor(
    examples: { text: string; doc: string; section: string }[],
    readonly settings: RouterSettings,
    private readonly features: FeatureConfig = DEFAULT_FEATURES,
  ) {
    this.labels = examples.map(cardKey);
    const lists = new Map<number, { examples: number[]; values: number[] }>();
    examples.forEach((e, i) => {
      const v = unit(featurize(e.text, features));
      for (let k = 0; k < v.idx.length; k++) {
        const j = v.idx[k]!;
        let list = lists.get(j);
        if (!list) lists.set(j, (list = { examples: [], values: [] }));
        list.examples.push(i);
        list.values.push(v.val[k]!);
      }
    });
    for (const [j, l] of lists) this.postings.set(j, { examples: Int32Array.from(l.examples), values: Float32Array.from(l.values) });
  }

  get size(): number {
    return this.labels.length;
  }

  /** Cards by vote, best first; empty when no labelled question shares a feature with the query. */
  route(query: string): Routed[] {
    const q = unit(featurize(query, this.features));
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
    const candidates: number[] = [];
    for (let i = 0; i < sims.length; i++) if (sims[i]! > 0) candidates.push(i);
    const nearest = candidates.sort((a, b) => sims[b]! - sims[a]! || a - b).slice(0, this.settings.neighbours);
    const votes = new Map<string, number>();
    for (const example of nearest) {
      const sim = sims[example]!;
      const key = this.labels[example]!;
      votes.set(key, (votes.get(key) ?? 0) + sim ** this.settings.sharpness);
    }
    return [...votes.entries()].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  }
}

function unit(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.val) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return { idx: v.idx, val: v.val.map((x) => x / norm) };
}

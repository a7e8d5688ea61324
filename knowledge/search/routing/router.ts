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
  private readonly postings = new Map<number, { example: number; value: number }[]>();
  private readonly labels: string[];

  constructor(
    examples: { text: string; doc: string; section: string }[],
    readonly settings: RouterSettings,
    private readonly features: FeatureConfig = DEFAULT_FEATURES,
  ) {
    this.labels = examples.map(cardKey);
    examples.forEach((e, i) => {
      const v = unit(featurize(e.text, features));
      for (let k = 0; k < v.idx.length; k++) {
        const j = v.idx[k]!;
        const list = this.postings.get(j);
        const entry = { example: i, value: v.val[k]! };
        if (list) list.push(entry);
        else this.postings.set(j, [entry]);
      }
    });
  }

  get size(): number {
    return this.labels.length;
  }

  /** Cards by vote, best first; empty when no labelled question shares a feature with the query. */
  route(query: string): Routed[] {
    const q = unit(featurize(query, this.features));
    const sims = new Map<number, number>();
    for (let k = 0; k < q.idx.length; k++) {
      for (const { example, value } of this.postings.get(q.idx[k]!) ?? []) sims.set(example, (sims.get(example) ?? 0) + value * q.val[k]!);
    }
    const nearest = [...sims.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, this.settings.neighbours);
    const votes = new Map<string, number>();
    for (const [example, sim] of nearest) {
      if (sim <= 0) continue;
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

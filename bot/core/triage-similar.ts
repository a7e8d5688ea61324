/**
 * Similarity signal for triage: a small k-nearest-neighbour vote over the labelled example messages in
 * triage-examples.ts. The pattern groups in triage.ts catch the wordings someone thought of; this catches new
 * wordings that look like known examples ("vraagt wat ik aan heb" near "stuurt mij berichtjes").
 *
 * Features (hashed into one sparse vector, sublinear tf × idf learned over the examples, L2-normalised):
 *  - word stems, and word bigrams of the raw tokens: pronouns are KEPT (unlike the search analyzer), because "ik
 *    word", "my boss" and "mijn collega" are exactly what separates the writer's own situation from a question;
 *  - character 3–5-grams of every word with boundary marks, so inflections and typos still share features.
 * Deterministic and in memory: the vectors are built once when the core is created (about 150 examples).
 */
import { stemDutch, tokenize } from '../../knowledge/search/analyze/index.js';
import { fnv1a } from '../../knowledge/search/hash.js';
import { TRIAGE_EXAMPLES, type ExampleLabel, type TriageExample } from './triage-examples.js';

const DIMENSIONS = 1 << 15;
/** Relative weight of each feature family in the vector. */
const WEIGHT = { stem: 1, bigram: 1, chargram: 0.35 } as const;

export interface SimilarVote {
  /** The label with the largest similarity-weighted share among the k nearest examples. */
  label: ExampleLabel;
  /** That label's share of the neighbours' total similarity (0–1). */
  share: number;
  /** Every label's share of the neighbours' similarity (0–1; the shares add up to 1). */
  shares: Record<ExampleLabel, number>;
  /** Cosine similarity of the single nearest example (0–1): how close the message is to anything known. */
  nearest: number;
}

export interface SimilarClassifier {
  vote(text: string): SimilarVote;
  readonly size: number;
}

type Sparse = Map<number, number>;

const LABELS: ExampleLabel[] = ['handoff', 'advice', 'out-of-scope'];

function features(text: string): Sparse {
  const counts: Sparse = new Map();
  const add = (key: string, w: number) => {
    const d = fnv1a(key) % DIMENSIONS;
    counts.set(d, (counts.get(d) ?? 0) + w);
  };
  const tokens = tokenize(text);
  tokens.forEach((token, i) => {
    add(`s:${stemDutch(token)}`, WEIGHT.stem);
    if (i > 0) add(`b:${tokens[i - 1]} ${token}`, WEIGHT.bigram);
    const w = `<${token}>`;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= w.length; j++) add(`c:${w.slice(j, j + n)}`, WEIGHT.chargram);
  });
  return counts;
}

function weigh(counts: Sparse, idf: (d: number) => number): Sparse {
  const v: Sparse = new Map();
  let norm = 0;
  for (const [d, c] of counts) {
    const x = (1 + Math.log(1 + c)) * idf(d);
    v.set(d, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [d, x] of v) v.set(d, x / norm);
  return v;
}

export function createSimilarClassifier(examples: TriageExample[] = TRIAGE_EXAMPLES, k = 15): SimilarClassifier {
  if (examples.length === 0) throw new Error('triage-similar: no examples');
  const raw = examples.map((e) => features(e.text));
  const df = new Map<number, number>();
  for (const f of raw) for (const d of f.keys()) df.set(d, (df.get(d) ?? 0) + 1);
  const n = examples.length;
  const idf = (d: number) => Math.log((n + 1) / ((df.get(d) ?? 0) + 1)) + 1;
  // Inverted lists (dimension → examples having it): a vote touches only the message's own features.
  const postings = new Map<number, { i: number; x: number }[]>();
  raw.forEach((f, i) => {
    for (const [d, x] of weigh(f, idf)) {
      const list = postings.get(d) ?? [];
      list.push({ i, x });
      postings.set(d, list);
    }
  });

  return {
    size: n,
    vote(text: string): SimilarVote {
      const q = weigh(features(text), idf);
      const cosine = new Float64Array(n);
      for (const [d, y] of q) for (const { i, x } of postings.get(d) ?? []) cosine[i]! += x * y;
      const scored = Array.from(cosine, (sim, i) => ({ sim, label: examples[i]!.label }));
      // Stable sort: ties keep example order, so the vote is deterministic.
      const top = scored.sort((a, b) => b.sim - a.sim).slice(0, k);
      const byLabel = new Map<ExampleLabel, number>();
      let total = 0;
      for (const { sim, label } of top) {
        byLabel.set(label, (byLabel.get(label) ?? 0) + sim);
        total += sim;
      }
      const share = (label: ExampleLabel) => (total > 0 ? (byLabel.get(label) ?? 0) / total : 0);
      const shares = { handoff: share('handoff'), advice: share('advice'), 'out-of-scope': share('out-of-scope') };
      let best: ExampleLabel = top[0]!.label;
      for (const label of LABELS) if (shares[label] > shares[best]) best = label;
      return { label: best, share: shares[best], shares, nearest: top[0]!.sim };
    },
  };
}

/**
 * Logistic regression over the question's words (hashed word and character n-grams, as the triage model) and
 * the retrieval signals (features.ts), standardised with the training means and spreads. The words learn which
 * subjects the sources never cover (leave, pay, dress code); the signals say how well retrieval found a card.
 * Two-class weights from the shared linear machinery (knowledge/search/learn/), so training and serving read the same.
 */
import { featurize, type FeatureConfig, type SparseVector } from '../../../knowledge/search/analyze/features.js';
import { logits, softmax, type LinearModel } from '../../../knowledge/search/learn/linear.js';

export interface AnswerableModel {
  features: FeatureConfig;
  /** Standardisation of the retrieval signals. */
  mean: number[];
  std: number[];
  /** classes 2 (uncovered, answerable) over features.dim text columns followed by the signals. */
  linear: LinearModel;
}

/** Text n-grams and the standardised signals in one sparse vector; the signals sit after the hashed columns. */
export function combine(text: string, signals: number[], m: Pick<AnswerableModel, 'features' | 'mean' | 'std'>): SparseVector {
  const t = featurize(text, m.features);
  const idx = Int32Array.from([...t.idx, ...signals.map((_, j) => m.features.dim + j)]);
  const val = Float32Array.from([...t.val, ...signals.map((v, j) => (v - m.mean[j]!) / m.std[j]!)]);
  return { idx, val };
}

export function probability(m: AnswerableModel, text: string, signals: number[]): number {
  return softmax(logits(m.linear, combine(text, signals, m)))[1]!;
}

/**
 * Cross-validation that holds out whole writers: a model never sees the writer whose messages it is scored on,
 * which is what a new user's wording is to the shipped model. Out-of-fold logits feed calibration and threshold
 * choice; the per-label precision and recall go into the README.
 */
import type { SparseVector } from '../../../knowledge/search/analyze/features.js';
import { fit, type FitOptions } from './fit.js';
import { LABELS, type Label, type Route } from './labels.js';
import { logits } from './model.js';

export function outOfFoldLogits(xs: SparseVector[], ys: number[], groups: string[], opts: FitOptions): Float64Array[] {
  const out: Float64Array[] = new Array(xs.length);
  for (const held of [...new Set(groups)].sort()) {
    const train = groups.map((g, i) => (g === held ? -1 : i)).filter((i) => i >= 0);
    const model = fit(
      train.map((i) => xs[i]!),
      train.map((i) => ys[i]!),
      opts,
    );
    groups.forEach((g, i) => {
      if (g === held) out[i] = logits(model, xs[i]!);
    });
  }
  return out;
}

export interface LabelScores {
  support: number;
  predicted: number;
  precision: number | null;
  recall: number | null;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Number((n / d).toFixed(4)));

/** Precision and recall per label; a clarify decision counts as a prediction of no label (its own row). */
export function perLabel(truth: Label[], routes: Route[]): Record<Label, LabelScores> & { clarify: { share: number } } {
  const scores = Object.fromEntries(
    LABELS.map((l) => {
      const support = truth.filter((t) => t === l).length;
      const predicted = routes.filter((r) => r === l).length;
      const hit = truth.filter((t, i) => t === l && routes[i] === l).length;
      return [l, { support, predicted, precision: ratio(hit, predicted), recall: ratio(hit, support) }];
    }),
  ) as Record<Label, LabelScores>;
  return { ...scores, clarify: { share: Number((routes.filter((r) => r === 'clarify').length / Math.max(1, routes.length)).toFixed(4)) } };
}

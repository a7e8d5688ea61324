/**
 * Per-label precision and recall of triage routes over the out-of-fold predictions (the folds themselves:
 * knowledge/search/learn/folds.ts); these go into the README.
 */
import { LABELS, type Label, type Route } from './labels.js';

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

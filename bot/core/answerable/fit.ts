/**
 * Fits the answerability model with the triage model's trainer (full-batch Adam, deterministic): the signals are
 * standardised on the training rows first, so their weights compare with the n-gram weights.
 */
import type { FeatureConfig } from '../../../knowledge/search/analyze/features.js';
import { fit } from '../../../knowledge/search/learn/fit.js';
import { combine, type AnswerableModel } from './model.js';

/** Chosen by writer-held-out cross-validation (train.ts): 1e-4 and 1e-3 declined fewer uncovered questions. */
export const ANSWERABLE_FIT = { epochs: 60, learningRate: 0.15, l2: 1e-5 };

export function fitAnswerable(rows: { text: string; signals: number[]; answerable: boolean }[], features: FeatureConfig): AnswerableModel {
  const d = rows[0]?.signals.length ?? 0;
  const n = Math.max(1, rows.length);
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r.signals[j]!, 0) / n);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r.signals[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const scaling = { features, mean, std };
  const linear = fit(
    rows.map((r) => combine(r.text, r.signals, scaling)),
    rows.map((r) => (r.answerable ? 1 : 0)),
    { classes: 2, dim: features.dim + d, ...ANSWERABLE_FIT },
  );
  return { ...scaling, linear };
}

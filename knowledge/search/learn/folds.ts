/**
 * Cross-validation that holds out whole writers: a model never sees the writer whose messages it is scored on,
 * which is what a new user's wording is to the shipped model. Out-of-fold logits feed calibration, threshold and
 * fusion choices of every learned component (triage, answerability, routing).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SparseVector } from '../analyze/features.js';
import { fit, type FitOptions } from './fit.js';
import { logits } from './linear.js';

export interface FoldJob {
  xs: SparseVector[];
  ys: number[];
  groups: string[];
  opts: FitOptions;
}

/** One fold: fit without the held-out writer, return [index, logits] for that writer's examples. */
export function fitFold(xs: SparseVector[], ys: number[], groups: string[], opts: FitOptions, held: string): [number, Float64Array][] {
  const train = groups.map((g, i) => (g === held ? -1 : i)).filter((i) => i >= 0);
  const model = fit(
    train.map((i) => xs[i]!),
    train.map((i) => ys[i]!),
    opts,
  );
  return groups.flatMap((g, i) => (g === held ? [[i, logits(model, xs[i]!)] as [number, Float64Array]] : []));
}

/**
 * Out-of-fold logits, the folds spread over worker threads (one per core, at most `workers`). Each fold is fitted
 * exactly as in a single thread, so the result does not depend on how the folds were spread.
 */
export async function outOfFoldLogits(xs: SparseVector[], ys: number[], groups: string[], opts: FitOptions, workers = Math.min(2, availableParallelism())): Promise<Float64Array[]> {
  const folds = [...new Set(groups)].sort();
  const out: Float64Array[] = new Array(xs.length);
  const shares = Array.from({ length: Math.max(1, Math.min(workers, folds.length)) }, (_, w) => folds.filter((_, i) => i % workers === w));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<[number, Float64Array][]>((resolve, reject) => {
          const worker = new Worker(new URL('./folds-worker.mjs', import.meta.url), { workerData: { xs, ys, groups, opts, folds: share } });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`cross-validation worker exited with ${code}`)));
        }),
    ),
  );
  for (const [i, z] of results.flat()) out[i] = z;
  return out;
}

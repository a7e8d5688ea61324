/**
 * Training of the linear model: full-batch gradient descent with Adam on the cross-entropy plus an L2 penalty.
 * Full batch in a fixed order makes every run bit-for-bit the same without a random shuffle, and at a few thousand
 * short messages an epoch takes milliseconds, so the simplicity costs nothing.
 */
import type { SparseVector } from '../analyze/features.js';
import { emptyModel, type LinearModel } from './linear.js';

export interface FitOptions {
  classes: number;
  dim: number;
  epochs: number;
  learningRate: number;
  l2: number;
}

/** Chosen by writer-held-out log loss (npm run train -- --tune): stronger L2 under-fits, more epochs add little. */
export const DEFAULT_FIT: Omit<FitOptions, 'classes' | 'dim'> = { epochs: 60, learningRate: 0.15, l2: 1e-5 };

export function fit(xs: SparseVector[], ys: number[], opts: FitOptions): LinearModel {
  const { classes, dim } = opts;
  const model = emptyModel(classes, dim);
  const n = xs.length;
  if (n === 0) return model;
  const size = classes * dim;
  // Float64 while training (no float32 conversion on every add); the model keeps float32.
  const w = new Float64Array(size);
  const grad = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const gb = new Float64Array(classes);
  const mb = new Float64Array(classes);
  const vb = new Float64Array(classes);
  const z = new Float64Array(classes);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  // Only columns some training example uses can move (the others have no gradient and stay zero under L2), so
  // the update walks those alone: a few tens of thousands instead of the whole hash space.
  const used = new Set<number>();
  for (const x of xs) for (const j of x.idx) used.add(j);
  const active = Int32Array.from([...used].sort((a, b) => a - b));
  const p = new Float64Array(classes);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (const j of active) grad.fill(0, j * classes, j * classes + classes);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      for (let c = 0; c < classes; c++) z[c] = model.bias[c]!;
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k]! * classes;
        const xv = x.val[k]!;
        for (let c = 0; c < classes; c++) z[c] = z[c]! + w[base + c]! * xv;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, z[c]!);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += p[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < classes; c++) {
        p[c] = (p[c]! / sum - (ys[i] === c ? 1 : 0)) / n;
        gb[c] = gb[c]! + p[c]!;
      }
      for (let k = 0; k < x.idx.length; k++) {
        const base = x.idx[k]! * classes;
        const xv = x.val[k]!;
        for (let c = 0; c < classes; c++) grad[base + c] = grad[base + c]! + p[c]! * xv;
      }
    }
    const lr = (opts.learningRate * Math.sqrt(1 - b2 ** epoch)) / (1 - b1 ** epoch);
    for (let a = 0; a < active.length; a++) {
      const base = active[a]! * classes;
      for (let j = base; j < base + classes; j++) {
        const g = grad[j]! + opts.l2 * w[j]!;
        m[j] = b1 * m[j]! + (1 - b1) * g;
        v[j] = b2 * v[j]! + (1 - b2) * g * g;
        w[j] = w[j]! - (lr * m[j]!) / (Math.sqrt(v[j]!) + eps);
      }
    }
    for (let c = 0; c < classes; c++) {
      mb[c] = b1 * mb[c]! + (1 - b1) * gb[c]!;
      vb[c] = b2 * vb[c]! + (1 - b2) * gb[c]! * gb[c]!;
      model.bias[c] = model.bias[c]! - (lr * mb[c]!) / (Math.sqrt(vb[c]!) + eps);
    }
  }
  model.weights.set(w);
  return model;
}

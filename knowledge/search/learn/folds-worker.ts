/** Worker for folds.ts: fits the folds it is given and posts back their out-of-fold logits. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SparseVector } from '../analyze/features.js';
import { fitFold, type FoldJob } from './folds.js';

const { xs, ys, groups, opts, folds } = workerData as FoldJob & { folds: string[] };
const out: [number, Float64Array][] = [];
for (const held of folds) out.push(...fitFold(xs as SparseVector[], ys, groups, opts, held));
parentPort!.postMessage(out);

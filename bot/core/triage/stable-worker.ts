/** Worker for stable.ts: chooses thresholds on the resamples it is given and posts them back in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Label } from './labels.js';
import { chooseThresholds, type Probabilities } from './policy.js';

const { probs, truth, resamples } = workerData as { probs: Probabilities[]; truth: Label[]; resamples: number[][] };
parentPort!.postMessage(
  resamples.map((idx) =>
    chooseThresholds(
      idx.map((i) => probs[i]!),
      idx.map((i) => truth[i]!),
    ),
  ),
);

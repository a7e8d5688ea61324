/**
 * Thresholds that hold when the writers change. The expected cost is flat near its minimum, so the cheapest
 * thresholds on one training set jumped with every writer added (the steps threshold 0.675 → 0.7 → 0.85 → 0.725 over
 * four rounds). Here the writers are resampled with replacement, the thresholds chosen on each resample
 * (chooseThresholds), and each threshold is the median over the resamples — a bagged choice, which moves little
 * when one writer comes or goes. The median must still hold the clarify cap and the handoff floors on all the
 * messages; where it does not, the plain choice on all of them is used.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Label } from './labels.js';
import { chooseThresholds, expectedCost, MAX_ADVICE_HANDED_OFF, MAX_CLARIFY_SHARE, MIN_HANDOFF_PRECISION, MIN_HANDOFFS_CAUGHT, type Probabilities, type Thresholds } from './policy.js';

/** Resamples per choice (see the README's triage section for how far the choice moves with the seed and the writers). */
export const RESAMPLES = 25;

/** A small seeded generator (LCG), so the same data always gives the same thresholds. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)]!;
}

/** Writers drawn with replacement, each draw bringing all of that writer's messages (a cluster bootstrap). */
export function resampleWriters(groups: string[], draws: number, seed: number): number[][] {
  const writers = [...new Set(groups)].sort();
  const byWriter = new Map(writers.map((w) => [w, [] as number[]]));
  groups.forEach((g, i) => byWriter.get(g)!.push(i));
  const next = random(seed);
  return Array.from({ length: draws }, () => writers.flatMap(() => byWriter.get(writers[Math.floor(next() * writers.length)]!)!));
}

export function holdsFloors(probs: Probabilities[], truth: Label[], t: Thresholds): boolean {
  const s = expectedCost(probs, truth, t);
  return (
    t.clarify <= t.handoff &&
    s.clarifyShare <= MAX_CLARIFY_SHARE &&
    s.handoffPrecision >= MIN_HANDOFF_PRECISION &&
    s.adviceHandedOff <= MAX_ADVICE_HANDED_OFF &&
    s.handoffsCaught >= MIN_HANDOFFS_CAUGHT
  );
}

/** chooseThresholds on each resample, spread over worker threads; each choice is the same as in one thread. */
async function choosePerResample(probs: Probabilities[], truth: Label[], resamples: number[][], workers: number): Promise<Thresholds[]> {
  const n = Math.max(1, Math.min(workers, resamples.length));
  const shares = Array.from({ length: n }, (_, w) => resamples.filter((_, i) => i % n === w));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Thresholds[]>((resolve, reject) => {
          const worker = new Worker(new URL('./stable-worker.mjs', import.meta.url), { workerData: { probs, truth, resamples: share } });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`threshold worker exited with ${code}`)));
        }),
    ),
  );
  // Back in resample order, so the medians do not depend on how the work was spread.
  return resamples.map((_, i) => results[i % n]![Math.floor(i / n)]!);
}

export async function chooseStableThresholds(
  probs: Probabilities[],
  truth: Label[],
  groups: string[],
  { resamples = RESAMPLES, seed = 1, workers = Math.min(2, availableParallelism()) } = {},
): Promise<{ thresholds: Thresholds; bagged: boolean }> {
  return settle(await choosePerResample(probs, truth, resampleWriters(groups, resamples, seed), workers), probs, truth);
}

/** The median of each threshold over the resamples' choices, if it holds the cap and floors on all messages. */
export function settle(picks: Thresholds[], probs: Probabilities[], truth: Label[]): { thresholds: Thresholds; bagged: boolean } {
  // A resample without a refusal guard counts as a guard that never fires (1), so the median can say "none".
  const refuseBelow = median(picks.map((p) => p.refuseBelow ?? 1));
  const bagged: Thresholds = {
    handoff: median(picks.map((p) => p.handoff)),
    clarify: median(picks.map((p) => p.clarify)),
    outOfScope: median(picks.map((p) => p.outOfScope)),
    managerSteps: median(picks.map((p) => p.managerSteps)),
    managerRatio: median(picks.map((p) => p.managerRatio)),
    ...(refuseBelow < 1 ? { refuseBelow } : {}),
  };
  if (holdsFloors(probs, truth, bagged)) return { thresholds: bagged, bagged: true };
  return { thresholds: chooseThresholds(probs, truth), bagged: false };
}

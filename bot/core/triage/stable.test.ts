import { describe, expect, it } from 'vitest';
import type { Label } from './labels.js';
import { chooseThresholds, expectedCost, MIN_HANDOFFS_CAUGHT, type Probabilities, type Thresholds } from './policy.js';
import { chooseStableThresholds, holdsFloors, resampleWriters, settle } from './stable.js';

const probs = (handoff: number, oos = 0, steps = 0): Probabilities => ({ handoff, 'out-of-scope': oos, 'manager-steps': steps, advice: Math.max(0, 1 - handoff - oos - steps) });

/** Ten writers, each with clear handoffs, rule questions, a band where both look alike, and managers' messages. */
function writers(): { p: Probabilities[]; truth: Label[]; groups: string[] } {
  const p: Probabilities[] = [];
  const truth: Label[] = [];
  const groups: string[] = [];
  for (let w = 0; w < 10; w++) {
    const add = (n: number, label: Label, at: (i: number) => Probabilities) => {
      for (let i = 0; i < n; i++) [p.push(at(i)), truth.push(label), groups.push(`w${w}`)];
    };
    add(20, 'handoff', (i) => probs(0.6 + ((i + w) % 8) * 0.05));
    add(2, 'handoff', () => probs(0.15 + w * 0.01));
    add(60, 'advice', (i) => probs(0.01 + ((i * 7 + w) % 10) * 0.01));
    add(10, 'manager-steps', (i) => probs(0.02, 0, 0.5 + ((i + w) % 9) * 0.05));
    add(10, 'out-of-scope', (i) => probs(0.01, 0.6 + ((i + w) % 7) * 0.05));
  }
  return { p, truth, groups };
}

describe('thresholds over writer resamples', () => {
  it('draws whole writers with replacement, the same draws for the same seed', () => {
    const groups = ['a', 'a', 'b', 'c', 'c', 'c'];
    const draws = resampleWriters(groups, 20, 7);
    expect(draws).toEqual(resampleWriters(groups, 20, 7));
    expect(draws).not.toEqual(resampleWriters(groups, 20, 8));
    for (const idx of draws) {
      // Three writers drawn each time: a writer's messages come together or not at all.
      const counts = new Map<string, number>();
      for (const i of idx) counts.set(groups[i]!, (counts.get(groups[i]!) ?? 0) + 1);
      for (const [w, c] of counts) expect(c % groups.filter((g) => g === w).length).toBe(0);
      expect(idx.length).toBeGreaterThanOrEqual(3);
    }
    // With replacement: some resample leaves a writer out.
    expect(draws.some((idx) => new Set(idx.map((i) => groups[i])).size < 3)).toBe(true);
  });

  it('takes the median of each threshold when it holds the floors on all messages', () => {
    const { p, truth } = writers();
    const base: Thresholds = { handoff: 0.55, clarify: 0.12, outOfScope: 0.55, managerSteps: 0.6, managerRatio: 1 };
    const picks = [0.5, 0.55, 0.6].map((handoff, i) => ({ ...base, handoff, managerSteps: [0.7, 0.5, 0.6][i]!, refuseBelow: i === 0 ? 0.2 : undefined }));
    const { thresholds, bagged } = settle(picks, p, truth);
    expect(bagged).toBe(true);
    expect(thresholds).toEqual({ ...base, handoff: 0.55, managerSteps: 0.6 });
    expect(holdsFloors(p, truth, thresholds)).toBe(true);
  });

  it('falls back to the choice on all messages when the median misses a floor', () => {
    const { p, truth } = writers();
    // No clarifying question at all: the twenty handoffs that look like rule questions go unasked.
    const unasked: Thresholds = { handoff: 0.55, clarify: 0.55, outOfScope: 0.55, managerSteps: 0.6, managerRatio: 1 };
    expect(expectedCost(p, truth, unasked).handoffsCaught).toBeLessThan(MIN_HANDOFFS_CAUGHT);
    const { thresholds, bagged } = settle([unasked, unasked, unasked], p, truth);
    expect(bagged).toBe(false);
    expect(thresholds).toEqual(chooseThresholds(p, truth));
  });

  it('gives the same thresholds on one worker as on two, and they hold the floors', async () => {
    const { p, truth, groups } = writers();
    const one = await chooseStableThresholds(p, truth, groups, { resamples: 5, workers: 1 });
    const two = await chooseStableThresholds(p, truth, groups, { resamples: 5, workers: 2 });
    expect(two).toEqual(one);
    expect(holdsFloors(p, truth, one.thresholds)).toBe(true);
    expect(expectedCost(p, truth, one.thresholds).handoffsCaught).toBeGreaterThanOrEqual(MIN_HANDOFFS_CAUGHT);
  }, 60_000);
});

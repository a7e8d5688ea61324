/**
 * Where to abstain: the highest probability threshold that still answers at least MIN_ANSWERED of the answerable
 * questions in writer-held-out cross-validation. A wrong abstain hides a rule that exists, while a wrong answer
 * still cites its source (the reader can see it does not fit), so answering the covered questions comes first and
 * the threshold then declines as many uncovered ones as that allows.
 */
export const MIN_ANSWERED = 0.97;

export interface ThresholdChoice {
  threshold: number;
  answered: number;
  declined: number;
}

export function chooseThreshold(probs: number[], answerable: boolean[], minAnswered = MIN_ANSWERED): ThresholdChoice {
  const pos = probs.filter((_, i) => answerable[i]).sort((a, b) => a - b);
  // Answer when p >= threshold: the threshold is the positive probability below which at most 1 − minAnswered lie.
  // The epsilon keeps 5 × (1 − 0.8) = 0.9999… from rounding down to zero.
  const allowed = Math.floor(pos.length * (1 - minAnswered) + 1e-9);
  const threshold = pos.length === 0 ? 0.5 : pos[allowed]!;
  return rate(probs, answerable, threshold);
}

export function rate(probs: number[], answerable: boolean[], threshold: number): ThresholdChoice {
  const pos = probs.filter((_, i) => answerable[i]);
  const neg = probs.filter((_, i) => !answerable[i]);
  return {
    threshold,
    answered: pos.filter((p) => p >= threshold).length / Math.max(1, pos.length),
    declined: neg.filter((p) => p < threshold).length / Math.max(1, neg.length),
  };
}

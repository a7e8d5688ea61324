/**
 * Calibration: one temperature for the softmax, fitted on out-of-fold logits (never on the data a fold trained
 * on), so that "0.8 handoff" means about four in five such messages are handoffs. A single parameter cannot
 * over-fit a few thousand examples, and it keeps the ranking of the labels unchanged.
 */
import { softmax } from '../../../knowledge/search/learn/linear.js';

export function logLoss(logitRows: ArrayLike<number>[], ys: number[], temperature: number): number {
  let sum = 0;
  logitRows.forEach((z, i) => {
    sum -= Math.log(Math.max(1e-12, softmax(z, temperature)[ys[i]!]!));
  });
  return sum / Math.max(1, logitRows.length);
}

/** The temperature with the lowest out-of-fold log loss, searched on a log grid from 0.25 to 8. */
export function fitTemperature(logitRows: ArrayLike<number>[], ys: number[]): number {
  let best = { t: 1, loss: Infinity };
  for (let e = -2; e <= 3.0001; e += 0.05) {
    const t = 2 ** e;
    const loss = logLoss(logitRows, ys, t);
    if (loss < best.loss) best = { t, loss };
  }
  return Number(best.t.toFixed(4));
}

export interface ReliabilityBin {
  /** Predicted probability range [from, to). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

/** Reliability curve of one label: predicted probability against the observed share, in equal-width bins. */
export function reliability(probs: number[], truth: boolean[], bins = 10): ReliabilityBin[] {
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const members = probs.map((p, i) => ({ p, t: truth[i]! })).filter(({ p }) => p >= from && (p < to || (b === bins - 1 && p <= 1)));
    if (members.length === 0) continue;
    out.push({
      from,
      to,
      count: members.length,
      meanPredicted: Number((members.reduce((s, m) => s + m.p, 0) / members.length).toFixed(3)),
      observed: Number((members.filter((m) => m.t).length / members.length).toFixed(3)),
    });
  }
  return out;
}

/** Expected calibration error: the count-weighted gap between predicted and observed. */
export function expectedCalibrationError(curve: ReliabilityBin[]): number {
  const n = curve.reduce((s, b) => s + b.count, 0);
  return n === 0 ? 0 : Number((curve.reduce((s, b) => s + b.count * Math.abs(b.meanPredicted - b.observed), 0) / n).toFixed(4));
}

/**
 * Policy: calibrated probabilities → what the bot does. A handoff wins when its probability reaches `handoff`;
 * between `clarify` and `handoff` the bot asks one short question instead of guessing; out of scope needs
 * `outOfScope`; otherwise the likelier of advice and the manager's steps. The thresholds are chosen by
 * cross-validation against COSTS (chooseThresholds), never by hand.
 */
import { LABELS, type Label, type Route } from './labels.js';

export interface Thresholds {
  handoff: number;
  clarify: number;
  outOfScope: number;
}

export type Probabilities = Record<Label, number>;

export function toProbabilities(p: ArrayLike<number>): Probabilities {
  return Object.fromEntries(LABELS.map((l, i) => [l, p[i] ?? 0])) as Probabilities;
}

export function decide(p: Probabilities, t: Thresholds): Route {
  if (p.handoff >= t.handoff) return 'handoff';
  if (p.handoff >= t.clarify) return 'clarify';
  if (p['out-of-scope'] >= t.outOfScope) return 'out-of-scope';
  return p['manager-steps'] > p.advice ? 'manager-steps' : 'advice';
}

/**
 * What each outcome costs, relative to a needless handoff (1). A missed handoff — someone in trouble who gets a
 * rule text or a refusal — costs five; a clarifying question costs a little for everyone, since it delays the
 * answer by one click. Refusing a real question and answering a manipulation attempt or an HR question cost the
 * same as a needless handoff; steps instead of rules (or the reverse) cost half, the other is one link away, and
 * so does asking a manager with a melding in hand whether they want rules or a confidential talk.
 */
export const COSTS: Record<Label, Record<Route, number>> = {
  handoff: { handoff: 0, clarify: 0.5, advice: 5, 'manager-steps': 5, 'out-of-scope': 5 },
  advice: { advice: 0, 'manager-steps': 0.5, clarify: 0.3, handoff: 1, 'out-of-scope': 1 },
  'manager-steps': { 'manager-steps': 0, advice: 0.5, clarify: 0.5, handoff: 1, 'out-of-scope': 1 },
  'out-of-scope': { 'out-of-scope': 0, advice: 1, 'manager-steps': 1, clarify: 0.3, handoff: 1 },
};

/** At most this share of messages may get the clarifying question. */
export const MAX_CLARIFY_SHARE = 0.1;

export function expectedCost(probs: Probabilities[], truth: Label[], t: Thresholds): { cost: number; clarifyShare: number } {
  let cost = 0;
  let clarify = 0;
  probs.forEach((p, i) => {
    const route = decide(p, t);
    if (route === 'clarify') clarify++;
    cost += COSTS[truth[i]!][route];
  });
  return { cost: cost / Math.max(1, probs.length), clarifyShare: clarify / Math.max(1, probs.length) };
}

/** Grid search over the three thresholds for the lowest expected cost with the clarify share under its cap. */
export function chooseThresholds(probs: Probabilities[], truth: Label[]): Thresholds {
  const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(3)));
  let best: { t: Thresholds; cost: number } | null = null;
  for (const handoff of grid(0.3, 0.95, 0.025)) {
    for (const clarify of grid(0.05, handoff, 0.025)) {
      for (const outOfScope of grid(0.3, 0.9, 0.05)) {
        const t = { handoff, clarify, outOfScope };
        const r = expectedCost(probs, truth, t);
        if (r.clarifyShare > MAX_CLARIFY_SHARE) continue;
        if (!best || r.cost < best.cost - 1e-12) best = { t, cost: r.cost };
      }
    }
  }
  return best?.t ?? { handoff: 0.5, clarify: 0.5, outOfScope: 0.5 };
}

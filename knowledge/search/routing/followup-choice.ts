/**
 * Which card answers a follow-up, as a choice among candidate cards (a conditional logit): each candidate is
 * described by a few signals, and one weight per signal is learned from the follow-up examples.
 *
 * Why a learned choice: the earlier fixed mix of two votes stayed on the previous card for 42 % of the follow-ups
 * that move to another card ("geldt dat ook voor wethouders?" after the raadsleden card), while it was right for 92 %
 * of those that stay. Whether a follow-up moves depends on evidence that no single vote carries — how often people
 * move from this card to that one, whether the follow-up's own words point at another card, how close the nearest
 * follow-ups after this card are — so the weights of that evidence are fitted, not tuned.
 */
import { asVotes, shares, type Routed, type Router } from './router.js';

/**
 * The signals of a candidate card k for a follow-up after card c:
 * - `same`: share of the vote of the nearest follow-up examples written after c;
 * - `any`: share of the vote of the nearest follow-up examples after any card;
 * - `text`: share of the question router's vote on the follow-up's own words;
 * - `titled`: share of the question router's vote on the words plus c's title;
 * - `transition`: share of the follow-ups after c in the examples that went to k;
 * - `previous`: 1 when k is c.
 */
export const SIGNALS = ['same', 'any', 'text', 'titled', 'transition', 'previous'] as const;
export type Signal = (typeof SIGNALS)[number];
export type ChoiceWeights = Record<Signal, number>;
/** Every signal weighs nothing: all candidates equally likely (before fitting). */
export const NO_WEIGHTS = Object.fromEntries(SIGNALS.map((s) => [s, 0])) as ChoiceWeights;

export interface Candidate {
  key: string;
  signals: number[];
}

/** Everything a follow-up's candidates are scored from, built from labelled follow-ups and the question router. */
export interface ChoiceSources {
  /** The follow-up examples' neighbour vote, `weight(i)` per example (from the follow-ups' own router). */
  own(text: string, weight: (example: number) => number): Routed[];
  /** The card each follow-up example was written after. */
  contexts: string[];
  /** Previous card → the cards its follow-up examples went to, with counts (built once, see `transitions`). */
  moves: Map<string, Map<string, number>>;
  base: Router;
}

/** Previous card → the cards its follow-ups went to, with counts: counted once, not per message. */
export function transitions(contexts: string[], targets: string[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  contexts.forEach((c, i) => {
    const to = out.get(c) ?? new Map<string, number>();
    to.set(targets[i]!, (to.get(targets[i]!) ?? 0) + 1);
    out.set(c, to);
  });
  return out;
}

/** The candidate cards of one follow-up with their signals (in SIGNALS order); the previous card is always one. */
export function candidates(sources: ChoiceSources, text: string, previous: string, titledQuery: string): Candidate[] {
  const share = (routed: Routed[]) => shares(asVotes(routed));
  const same = share(sources.own(text, (i) => (sources.contexts[i] === previous ? 1 : 0)));
  const any = share(sources.own(text, () => 1));
  const own = share(sources.base.route(text));
  const titled = share(sources.base.route(titledQuery));
  const moves = sources.moves.get(previous) ?? new Map<string, number>();
  let after = 0;
  for (const count of moves.values()) after += count;
  const keys = new Set([previous, ...same.keys(), ...any.keys(), ...own.keys(), ...titled.keys(), ...moves.keys()]);
  return [...keys].sort().map((key) => ({
    key,
    signals: [same.get(key) ?? 0, any.get(key) ?? 0, own.get(key) ?? 0, titled.get(key) ?? 0, (moves.get(key) ?? 0) / (after + 1), key === previous ? 1 : 0],
  }));
}

/** The candidates as routing votes: their choice probabilities, best first. */
export function choose(weights: ChoiceWeights, cands: Candidate[]): Routed[] {
  const p = probabilities(SIGNALS.map((s) => weights[s]), cands);
  return cands.map((c, i) => ({ key: c.key, score: p[i]! })).sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

/** Softmax of the weighted signals over one follow-up's candidates. */
function probabilities(w: ArrayLike<number>, cands: Candidate[]): number[] {
  const z = cands.map((c) => c.signals.reduce((s, x, j) => s + x * w[j]!, 0));
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const total = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / total);
}

export interface ChoiceFit {
  iterations: number;
  learningRate: number;
  l2: number;
}

/**
 * Plain gradient descent converges well within this for six weights: 1,000, 3,000 and 10,000 iterations gave the same
 * weights to the first decimal (2026-12-02); the small penalty only keeps them finite when a signal separates perfectly.
 */
export const CHOICE_FIT: ChoiceFit = { iterations: 3000, learningRate: 0.5, l2: 1e-3 };

/**
 * Maximum likelihood of the right candidate among each follow-up's candidates, with an L2 penalty; full-batch
 * gradient descent from zero, so the same data always gives the same weights. A follow-up whose card is not among
 * its candidates cannot teach the choice and is left out.
 */
export function fitChoice(groups: { candidates: Candidate[]; target: string }[], opts: ChoiceFit = CHOICE_FIT): ChoiceWeights {
  const usable = groups.filter((g) => g.candidates.some((c) => c.key === g.target));
  const d = SIGNALS.length;
  const w = new Float64Array(d);
  const n = Math.max(1, usable.length);
  for (let it = 0; it < opts.iterations; it++) {
    const grad = new Float64Array(d);
    for (const g of usable) {
      const probs = probabilities(w, g.candidates);
      g.candidates.forEach((c, i) => {
        const p = probs[i]! - (c.key === g.target ? 1 : 0);
        for (let j = 0; j < d; j++) grad[j] = grad[j]! + p * c.signals[j]!;
      });
    }
    for (let j = 0; j < d; j++) w[j] = w[j]! - opts.learningRate * (grad[j]! / n + opts.l2 * w[j]!);
  }
  return Object.fromEntries(SIGNALS.map((s, j) => [s, Number(w[j]!.toFixed(4))])) as ChoiceWeights;
}

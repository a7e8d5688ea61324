/**
 * Policy: calibrated probabilities → what the bot does, in this order:
 *   1. handoff when its probability reaches `handoff`;
 *   2. out of scope when that reaches `outOfScope` — refused while a handoff is implausible (below `refuseBelow`),
 *      else the clarifying question;
 *   3. the manager's steps when those reach `managerSteps` (a manager with a melding in hand is no reason to ask);
 *   4. one short clarifying question when a handoff is still plausible (`clarify`);
 *   5. otherwise the manager's steps when their probability reaches `managerRatio` times that of advice, else
 *      advice (a ratio below 1 leans towards the steps, which cost more to miss; see COSTS).
 * The thresholds are chosen by cross-validation against COSTS (chooseThresholds), never by hand.
 */
import { LABELS, type Label, type Route } from './labels.js';

export interface Thresholds {
  handoff: number;
  clarify: number;
  outOfScope: number;
  managerSteps: number;
  managerRatio: number;
  /**
   * A refusal only while the handoff probability stays under this. "my team leader lets us write hours we didn't
   * work, that's fine right?" reads like an HR question to the model (out of scope 0.6+) yet a handoff is plausible
   * (0.2): refusing someone in trouble costs five times a needless handoff, asking costs a click. Absent: no guard.
   */
  refuseBelow?: number;
}

export type Probabilities = Record<Label, number>;

export function toProbabilities(p: ArrayLike<number>): Probabilities {
  return Object.fromEntries(LABELS.map((l, i) => [l, p[i] ?? 0])) as Probabilities;
}

export function decide(p: Probabilities, t: Thresholds): Route {
  if (p.handoff >= t.handoff) return 'handoff';
  if (p['out-of-scope'] >= t.outOfScope) return p.handoff < (t.refuseBelow ?? 1) ? 'out-of-scope' : 'clarify';
  if (p['manager-steps'] >= t.managerSteps) return 'manager-steps';
  if (p.handoff >= t.clarify) return 'clarify';
  return p['manager-steps'] >= t.managerRatio * p.advice ? 'manager-steps' : 'advice';
}

/**
 * What each outcome costs, relative to a needless handoff (1). A missed handoff — someone in trouble who gets a
 * rule text or a refusal — costs five; a clarifying question costs a little for a rule question (one click) and
 * more for someone who just wrote that they are bullied (half a needless handoff). Weighing that question as a
 * full needless handoff was tried: cross-validation then chose a handoff threshold of 0.25, with 86 % handoff
 * precision and 5 % of rule questions handed off — worse for more people than the question it saves. Refusing a real question and answering a manipulation attempt or an HR question cost the
 * same as a needless handoff; steps instead of rules cost as little as the clarifying question does a rule
 * question, 0.3: they open with the Kern of the card that answers the question ("Over je vraag", core.test.ts). At
 * half, CV chose a manager/advice ratio of 0.6 that answered "As a manager I just received a report of fraud … what
 * steps must I take?" from the rules; at 0.3 the costs alone also raised the clarify threshold, so one more handoff
 * went unasked on blind set 24 — which MIN_HANDOFFS_CAUGHT now prevents. Asking a manager with a melding in hand
 * whether they want rules or a confidential talk costs half. Rules instead of steps cost three
 * quarters: a manager holding a melding who gets one rule misses what protects the reporter (confidentiality, who
 * to involve, by when) — more harm than an employee reading steps they did not need. (Half, as before, left blind
 * sets 4–9 with the manager's steps for only 60–67 % of such messages.)
 */
export const COSTS: Record<Label, Record<Route, number>> = {
  handoff: { handoff: 0, clarify: 0.5, advice: 5, 'manager-steps': 5, 'out-of-scope': 5 },
  advice: { advice: 0, 'manager-steps': 0.3, clarify: 0.3, handoff: 1, 'out-of-scope': 1 },
  'manager-steps': { 'manager-steps': 0, advice: 0.75, clarify: 0.5, handoff: 1, 'out-of-scope': 1 },
  'out-of-scope': { 'out-of-scope': 0, advice: 1, 'manager-steps': 1, clarify: 0.3, handoff: 1 },
};

/**
 * At most this share of the cross-validation messages may get the clarifying question. The product aims at one
 * message in ten; on the blind sets the share came out 2–5 points above the cross-validation share (fresh writers
 * are less predictable), so the cap leaves that room.
 */
export const MAX_CLARIFY_SHARE = 0.07;

/**
 * The product's floors for handoffs, held in cross-validation too: of the messages handed off at least this share
 * are real handoffs (the product's target), and at most this share of advice messages is handed off (a point under
 * the product's 3 %, leaving room for fresh writers as the clarify cap does). The costs alone once chose a handoff
 * threshold of 0.325 (w20's data, 2026-12-01): 95 % of handoffs handed off directly, but 90 % precision and 2.5 % of
 * advice handed off — a needless "thank you for sharing this" for one rule question in forty.
 */
export const MIN_HANDOFF_PRECISION = 0.92;
export const MAX_ADVICE_HANDED_OFF = 0.02;
/**
 * And at least this share of the handoff messages is caught — handed off or asked the clarifying question (the
 * product's 97 %, with half a point of room for fresh writers). With cheaper steps-instead-of-rules the costs alone
 * raised the clarify threshold and caught 97.3 % in CV; on blind set 24 one more handoff went unasked.
 */
export const MIN_HANDOFFS_CAUGHT = 0.975;

export interface PolicyScore {
  cost: number;
  clarifyShare: number;
  /** Of the messages handed off, the share that are handoffs (1 when none is handed off). */
  handoffPrecision: number;
  /** Of the advice messages, the share handed off. */
  adviceHandedOff: number;
  /** Of the handoff messages, the share handed off or asked the clarifying question (1 when there are none). */
  handoffsCaught: number;
}

function score(cost: number, clarify: number, handedOff: number, rightHandoffs: number, adviceOff: number, advice: number, n: number, caught: number, handoffs: number): PolicyScore {
  return {
    handoffsCaught: handoffs === 0 ? 1 : caught / handoffs,
    cost: cost / Math.max(1, n),
    clarifyShare: clarify / Math.max(1, n),
    handoffPrecision: handedOff === 0 ? 1 : rightHandoffs / handedOff,
    adviceHandedOff: adviceOff / Math.max(1, advice),
  };
}

export function expectedCost(probs: Probabilities[], truth: Label[], t: Thresholds): PolicyScore {
  let [cost, clarify, handedOff, right, adviceOff, advice, caught] = [0, 0, 0, 0, 0, 0, 0];
  probs.forEach((p, i) => {
    const route = decide(p, t);
    if (route === 'clarify') clarify++;
    if (truth[i] === 'handoff' && (route === 'handoff' || route === 'clarify')) caught++;
    if (route === 'handoff') {
      handedOff++;
      if (truth[i] === 'handoff') right++;
      if (truth[i] === 'advice') adviceOff++;
    }
    if (truth[i] === 'advice') advice++;
    cost += COSTS[truth[i]!][route];
  });
  return score(cost, clarify, handedOff, right, adviceOff, advice, probs.length, caught, truth.filter((l) => l === 'handoff').length);
}

/**
 * expectedCost over columns of typed arrays: the same decisions as `decide`, without building objects per
 * message, because the threshold search calls it tens of thousands of times. With `perMessage`, each message's cost
 * is written there too (the paired comparison in leastIntrusive).
 */
export function fastCost(probs: Probabilities[], truth: Label[]): (t: Thresholds, perMessage?: Float64Array) => PolicyScore {
  const n = probs.length;
  const col = (l: Label) => Float64Array.from(probs, (p) => p[l]);
  const [advice, manager, handoff, oos] = [col('advice'), col('manager-steps'), col('handoff'), col('out-of-scope')];
  const rows = truth.map((l) => COSTS[l]);
  const isHandoff = truth.map((l) => l === 'handoff');
  const isAdvice = truth.map((l) => l === 'advice');
  const adviceCount = isAdvice.filter(Boolean).length;
  const handoffCount = isHandoff.filter(Boolean).length;
  return (t, perMessage) => {
    const refuseBelow = t.refuseBelow ?? 1;
    let cost = 0;
    let clarify = 0;
    let [handedOff, right, adviceOff, caught] = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const c = rows[i]!;
      let m: number;
      if (handoff[i]! >= t.handoff) {
        m = c.handoff;
        handedOff++;
        if (isHandoff[i]) right++;
        if (isAdvice[i]) adviceOff++;
      } else if (oos[i]! >= t.outOfScope) {
        if (handoff[i]! < refuseBelow) m = c['out-of-scope'];
        else {
          m = c.clarify;
          clarify++;
          if (isHandoff[i]) caught++;
        }
      } else if (manager[i]! >= t.managerSteps) m = c['manager-steps'];
      else if (handoff[i]! >= t.clarify) {
        m = c.clarify;
        clarify++;
        if (isHandoff[i]) caught++;
      } else m = manager[i]! >= t.managerRatio * advice[i]! ? c['manager-steps'] : c.advice;
      cost += m;
      if (perMessage) perMessage[i] = m;
    }
    return score(cost, clarify, handedOff, right, adviceOff, adviceCount, n, caught + right, handoffCount);
  };
}

const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(3)));

/**
 * The thresholds with the lowest expected cost, the clarify share under its cap and the three handoff floors held (when
 * no thresholds hold them all, the handoffs-caught floor is dropped first, then the other two, rather than the model
 * left without a policy): a coarse grid over
 * the first four (with the manager/advice ratio at 1), then the ratio on its own, then one finer pass around the best
 * (a full fine grid over all five would take minutes for no measurable gain). Of the thresholds whose cost is within
 * noise of that lowest one, the least intrusive wins (leastIntrusive). Then the refusal guard, on its own.
 */
export function chooseThresholds(probs: Probabilities[], truth: Label[]): Thresholds {
  return (
    chooseWithin(probs, truth, 'all') ??
    chooseWithin(probs, truth, 'precision') ??
    chooseWithin(probs, truth, 'none') ?? { handoff: 0.5, clarify: 0.5, outOfScope: 0.5, managerSteps: 0.5, managerRatio: 1 }
  );
}

/** Which floors a search holds: all three, the two that guard rule questions from needless handoffs, or none. */
type Floors = 'all' | 'precision' | 'none';

function chooseWithin(probs: Probabilities[], truth: Label[], floors: Floors): Thresholds | null {
  let best: { t: Thresholds; cost: number } | null = null;
  const fast = fastCost(probs, truth);
  const feasible: { t: Thresholds; score: PolicyScore }[] = [];
  /** Under the clarify cap and holding the floors of this search. */
  const holds = (t: Thresholds, r: PolicyScore) =>
    t.clarify <= t.handoff &&
    r.clarifyShare <= MAX_CLARIFY_SHARE &&
    (floors === 'none' || (r.handoffPrecision >= MIN_HANDOFF_PRECISION && r.adviceHandedOff <= MAX_ADVICE_HANDED_OFF)) &&
    (floors !== 'all' || r.handoffsCaught >= MIN_HANDOFFS_CAUGHT);
  const consider = (t: Thresholds) => {
    if (t.clarify > t.handoff) return;
    const r = fast(t);
    if (!holds(t, r)) return;
    feasible.push({ t, score: r });
    if (!best || r.cost < best.cost - 1e-12) best = { t, cost: r.cost };
  };
  for (const handoff of grid(0.25, 0.95, 0.05))
    for (const clarify of grid(0.05, 0.95, 0.05))
      for (const outOfScope of grid(0.2, 0.95, 0.05))
        for (const managerSteps of grid(0.2, 1, 0.1)) consider({ handoff, clarify, outOfScope, managerSteps, managerRatio: 1 });
  const coarse = (best as { t: Thresholds } | null)?.t;
  if (!coarse) return null;
  for (const managerRatio of grid(0.1, 2, 0.05)) consider({ ...coarse, managerRatio });
  const ratio = (best as unknown as { t: Thresholds }).t.managerRatio;
  const near = (v: number, lo: number, hi: number) => grid(Math.max(lo, v - 0.05), Math.min(hi, v + 0.05), 0.025);
  for (const handoff of near(coarse.handoff, 0.05, 0.99))
    for (const clarify of near(coarse.clarify, 0.01, 0.99))
      for (const outOfScope of near(coarse.outOfScope, 0.05, 0.99))
        for (const managerSteps of near(coarse.managerSteps, 0.05, 1)) consider({ handoff, clarify, outOfScope, managerSteps, managerRatio: ratio });
  const chosen = leastIntrusive(fast, probs.length, (best as { t: Thresholds } | null)!.t, feasible);
  // The refusal guard comes last and leaves the other thresholds as they are. It only turns refusals into questions,
  // so it can only catch more handoffs. Searched jointly with them (tried on the 9,786 messages of 2026-12-02), it
  // caught as many in cross-validation at lower cost, by raising the clarify threshold (0.06 → 0.11) and lowering the
  // out-of-scope one (0.6 → 0.45) — and on the regression sets caught 1.1 points fewer handoffs (97.5 → 96.4 %): the
  // surplus it buys was spent on asking less. Of the guards, the cheapest within the cap and floors, unless no guard
  // is as good within noise (leastIntrusive).
  const guarded = [chosen, ...grid(0.05, 0.5, 0.05).map((refuseBelow) => ({ ...chosen, refuseBelow }))]
    .map((t) => ({ t, score: fast(t) }))
    .filter(({ t, score }) => holds(t, score));
  const cheapest = guarded.reduce((a, b) => (b.score.cost < a.score.cost - 1e-12 ? b : a), { t: chosen, score: fast(chosen) });
  return leastIntrusive(fast, probs.length, cheapest.t, guarded);
}

/**
 * The expected cost is flat near its minimum: on one training set two messages fewer moved the cheapest thresholds
 * from a clarify threshold of 0.05 to 0.035 and fifty more clarifying questions on the regression sets (blind set 27,
 * README). So the lowest cost is not taken at face value. A candidate is as good as the cheapest when its extra cost,
 * paired over the same messages, is within one standard error (the one-standard-error rule of model selection);
 * of those, the one that asks the clarifying question least wins, then the cheaper. Every candidate already holds
 * the cap and the floors.
 */
export function leastIntrusive(
  fast: ReturnType<typeof fastCost>,
  n: number,
  cheapest: Thresholds,
  feasible: { t: Thresholds; score: PolicyScore }[],
): Thresholds {
  const base = new Float64Array(n);
  const { cost: baseCost, clarifyShare } = fast(cheapest, base);
  // Fewest questions first, then the cheaper: the first candidate within noise is the choice, so the paired pass runs
  // only until then. A standard error above 0.02 per message would take a far smaller training set than any this
  // model has, so costlier candidates are not tried at all.
  const order = feasible
    .filter((c) => c.score.cost <= baseCost + 0.02 && c.score.clarifyShare < clarifyShare)
    .sort((a, b) => a.score.clarifyShare - b.score.clarifyShare || a.score.cost - b.score.cost);
  const costs = new Float64Array(n);
  for (const c of order) {
    fast(c.t, costs);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = costs[i]! - base[i]!;
      sum += d;
      squares += d * d;
    }
    const mean = sum / n;
    const se = Math.sqrt(Math.max(0, squares / n - mean * mean) / n);
    if (mean <= se) return c.t;
  }
  return cheapest;
}

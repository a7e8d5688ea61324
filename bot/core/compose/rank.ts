/**
 * Which rules of the lead card are shown at once: the one to three that bear on this question, within a small
 * budget so the visible answer stays chat-sized. The rest goes under "Meer". Rules keep the card's order when
 * shown, because a card's first rule often states the limit the others refine.
 */
import { contentWords } from './confidence.js';
import { normalize } from '../triage/normalize.js';

export type TextScorer = (text: string) => number;

export const MIN_VISIBLE_RULES = 1;
export const MAX_VISIBLE_RULES = 3;
/**
 * Characters of Kern and rules shown at once. A Kern is about 310 characters (median in the corpus), a rule about
 * 120: a short Kern leaves room for two rules, a long one for one. The best rule always fits.
 */
export const VISIBLE_BODY_BUDGET = 560;

/** A question about an amount, a limit or a deadline wants the rule with the number in it. */
const ASKS_FOR_NUMBER = /\b(hoeveel|bedrag|euro|grens|maximum|maximaal|limiet|termijn|hoe lang|hoelang|wanneer|binnen|vanaf|dagen|weken|maanden|jaar|how much|how many|how long|limit|deadline|when|within)\b|€|\d/;
const HAS_NUMBER = /€|\d/;

/** Plain word overlap (first five letters of content words), for retrievers without their own scorer. */
export function wordOverlapScorer(question: string): TextScorer {
  const words = contentWords(question).map((w) => w.slice(0, 5));
  return (text) => {
    const hay = normalize(text);
    return words.filter((w) => hay.includes(w)).length;
  };
}

/**
 * Share of a text's content words that `shown` already says: a rule mostly repeating the Kern adds little at once,
 * and a manager's step sentence that repeats its label entirely adds nothing.
 */
export function repeats(rule: string, shown: string): number {
  const words = contentWords(rule).map((w) => w.slice(0, 5));
  if (words.length === 0) return 0;
  const hay = normalize(shown);
  return words.filter((w) => hay.includes(w)).length / words.length;
}

/** Mostly a repetition of the Kern: kept for "Meer". */
export const REPEAT_SHARE = 0.6;

/** Indices (in card order) of the rules to show at once, beside the Kern. */
export function visibleRules(question: string, rules: string[], score: TextScorer, kern = ''): number[] {
  const wantsNumber = ASKS_FOR_NUMBER.test(normalize(question));
  const ranked = rules
    .map((rule, i) => ({ rule, i }))
    .filter(({ rule }) => repeats(rule, kern) < REPEAT_SHARE)
    .map(({ rule, i }) => {
      const s = score(rule);
      // Ties keep the card's order; a number the question asks for lifts a rule a little.
      return { i, s: s + (wantsNumber && HAS_NUMBER.test(rule) ? Math.max(0.5, 0.25 * s) : 0), len: rule.length };
    })
    .sort((a, b) => b.s - a.s || a.i - b.i);
  const chosen: number[] = [];
  let used = kern.length;
  for (const r of ranked) {
    if (chosen.length >= MAX_VISIBLE_RULES) break;
    if (chosen.length >= MIN_VISIBLE_RULES && r.s <= 0) break;
    if (chosen.length > 0 && used + r.len > VISIBLE_BODY_BUDGET) continue;
    chosen.push(r.i);
    used += r.len;
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * A triage stand-in for tests about what comes after triage (composers, channels): it sends every message the
 * rule guards let through down one route, so such a test does not depend on what the trained model makes of its
 * sample sentence. Tests of triage itself use the real model (bot/core/triage/triage.test.ts).
 */
import { ruleGuard } from '../../bot/core/triage/guards.js';
import type { Route, Triage } from '../../bot/core/triage/index.js';

export function fixedTriage(route: Route): Triage {
  const probabilities = { advice: route === 'advice' ? 1 : 0, 'manager-steps': route === 'manager-steps' ? 1 : 0, handoff: route === 'handoff' ? 1 : 0, 'out-of-scope': route === 'out-of-scope' ? 1 : 0 };
  return {
    probabilities: () => probabilities,
    classify(text) {
      const rule = ruleGuard(text);
      if (rule?.kind === 'injection') return { route: 'injection' };
      if (rule?.kind === 'smalltalk') return { route: 'smalltalk', smalltalk: rule.smalltalk };
      return { route, probabilities };
    },
  };
}

/**
 * A triage whose route a test can force for a while: `force(route)` sends every message down that route (as
 * fixedTriage does), `force(null)` hands back to `fallback` (usually the real model). For a harness that builds
 * its core once (a whole server, a channel test) and has one step that needs a certain route.
 */
export function switchableTriage(fallback: Triage): Triage & { force(route: Route | null): void } {
  let forced: Triage | null = null;
  return {
    force(route) {
      forced = route ? fixedTriage(route) : null;
    },
    classify: (text) => (forced ?? fallback).classify(text),
    probabilities: (text) => (forced ?? fallback).probabilities(text),
  };
}

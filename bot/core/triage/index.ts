/**
 * Triage: what kind of message is this? Rules first for what genuinely is a rule (greetings, thanks, help,
 * instruction overrides, see guards.ts), then the trained model (features → linear model → calibrated
 * probabilities) and the policy that turns probabilities into a route, with a clarifying question when unsure.
 * The model is trained offline (`npm run train`, train.ts) and only loaded here.
 */
import { readArtifact, type Artifact } from './artifact.js';
import { featurize } from '../../../knowledge/search/analyze/features.js';
import { ruleGuard } from './guards.js';
import { LABELS, type Label, type Route } from './labels.js';
import { logits, softmax } from '../../../knowledge/search/learn/linear.js';
import { decide, toProbabilities, type Probabilities } from './policy.js';

export { audienceHint, mentionsIntegrity, searchAudience, topicFromKeywords } from './hints.js';
export { normalize } from './normalize.js';
export type { Label, Route } from './labels.js';
export type { Probabilities } from './policy.js';

export type TriageResult =
  | { route: 'smalltalk'; smalltalk: 'greeting' | 'thanks' | 'help' }
  | { route: 'injection' }
  | { route: Route; probabilities: Probabilities };

export interface Triage {
  classify(text: string): TriageResult;
  /** The model's probabilities alone (no rules, no policy): the second choice after a click on a recovery button. */
  probabilities(text: string): Probabilities;
}

export function createTriage(artifact: Artifact = readArtifact()): Triage {
  const { meta, model } = artifact;
  if (meta.labels.join() !== LABELS.join()) throw new Error(`triage model labels ${meta.labels.join()} do not match ${LABELS.join()}; run npm run train`);
  const probabilities = (text: string) => toProbabilities(softmax(logits(model, featurize(text, meta.features)), meta.temperature));
  return {
    probabilities,
    classify(text) {
      const rule = ruleGuard(text);
      if (rule?.kind === 'injection') return { route: 'injection' };
      if (rule?.kind === 'smalltalk') return { route: 'smalltalk', smalltalk: rule.smalltalk };
      const p = probabilities(text);
      return { route: decide(p, meta.thresholds), probabilities: p };
    },
  };
}

/** The likelier of the two non-handoff answers: what "I only wanted to know the rules" gets. */
export function answerRoute(p: Probabilities): Extract<Label, 'advice' | 'manager-steps'> {
  return p['manager-steps'] > p.advice ? 'manager-steps' : 'advice';
}

/**
 * Answerability: does a card answer this question, or should the bot say the sources do not cover it? A small
 * trained model over the question's words and retrieval signals (features.ts → model.ts) with a threshold chosen
 * by cross-validation (policy.ts), trained offline with `npm run train:answerable` (train.ts) and only loaded here.
 */
import type { SearchHit } from '../../../knowledge/search/types.js';
import type { Lang } from '../types.js';
import { readAnswerableArtifact } from './artifact.js';
import { answerableFeatures, modelText } from './features.js';
import { probability, type AnswerableModel } from './model.js';

export interface Answerability {
  /** Probability that a retrieved card answers the question (`followup`: a follow-up query with the previous card). */
  probability(question: string, hits: SearchHit[], lang: Lang, followup?: boolean): number;
  threshold: number;
}

export function createAnswerability(artifact: { model: AnswerableModel; meta: { threshold: number } } = readAnswerableArtifact()): Answerability {
  return {
    threshold: artifact.meta.threshold,
    probability(question, hits, lang, followup = false) {
      if (hits.length === 0) return 0;
      const text = modelText(question);
      return probability(artifact.model, text, answerableFeatures(text, hits, lang, followup));
    },
  };
}

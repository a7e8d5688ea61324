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
  /** Below this a standalone question is not answered; a follow-up has its own model and threshold (train.ts). */
  threshold: number;
  followupThreshold: number;
}

type Artifact = { model: AnswerableModel; meta: { threshold: number } };

/** One model per kind of message: a follow-up is judged by the model trained with the follow-ups' negatives. */
export function createAnswerability(question: Artifact = readAnswerableArtifact('question'), followup: Artifact = readAnswerableArtifact('followup')): Answerability {
  return {
    threshold: question.meta.threshold,
    followupThreshold: followup.meta.threshold,
    probability(text, hits, lang, isFollowup = false) {
      if (hits.length === 0) return 0;
      const scrubbed = modelText(text);
      const artifact = isFollowup ? followup : question;
      return probability(artifact.model, scrubbed, answerableFeatures(scrubbed, hits, lang, isFollowup));
    },
  };
}

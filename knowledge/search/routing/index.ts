/**
 * Loads the routing tier: the labelled questions of data/, the settings chosen for them by cross-validation
 * (settings.json, written by `npm run train:routing`) and, when the settings give it a share, the card classifier
 * trained on the same questions (model/). The settings carry the hash of the data they were chosen on; a test
 * fails when the two drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_FEATURES } from '../analyze/features.js';
import { ClassifierMeta, readClassifier, type CardScorer } from './classifier.js';
import { loadRoutingData, ROUTING_DATA_DIR, type RoutingExample } from './data.js';
import { FollowupRouter, loadFollowupData } from './followups.js';
import { Router } from './router.js';

export const SETTINGS_FILE = path.join(ROUTING_DATA_DIR, '..', 'settings.json');
/** Where the card classifier's weights live (classifier.ts). */
export const MODEL_DIR = path.join(ROUTING_DATA_DIR, '..', 'model');

export const RoutingSettings = z.object({
  neighbours: z.number().int().positive(),
  sharpness: z.number().positive(),
  idf: z.boolean().optional(),
  centroid: z.number().min(0).max(1).optional(),
  weight: z.number().min(0),
  /** The best card's vote share from which the routing weight applies in full (retriever.ts); 0 or absent: always. */
  confidence: z.number().min(0).optional(),
  dataHash: z.string(),
  /** The card classifier mixed into the vote (classifier.ts); absent: the neighbour vote alone. */
  classifier: ClassifierMeta.optional(),
  /** Chosen by cross-validation over the follow-up examples (routing/followups.ts); absent without them. */
  followup: z
    .object({
      weights: z.object({ same: z.number(), any: z.number(), text: z.number(), titled: z.number(), transition: z.number(), previous: z.number() }),
      dataHash: z.string(),
      cv: z.unknown(),
    })
    .optional(),
  cv: z.unknown(),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export function readRoutingSettings(file = SETTINGS_FILE): RoutingSettings {
  return RoutingSettings.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * The routing tier and, when there are follow-up examples with settings for them (settings.json `followup`), the
 * follow-up router built on it — from one read of the settings and the data.
 */
export function loadRouting(): { router: Router; weight: number; confidence: number; followupRouter?: FollowupRouter } {
  const settings = readRoutingSettings();
  const router = buildRouter(loadRoutingData().examples, settings);
  const tier = { router, weight: settings.weight, confidence: settings.confidence ?? 0 };
  const { examples: followups } = loadFollowupData();
  if (followups.length === 0 || !settings.followup) return tier;
  return { ...tier, followupRouter: new FollowupRouter(followups, router, settings.followup) };
}

/**
 * The router for these settings: the neighbour vote, with the card classifier when the settings give it a share —
 * the shipped one unless `scorer` stands in for it (training reads out-of-fold scores for the questions it routes).
 */
export function buildRouter(examples: RoutingExample[], settings: RoutingSettings, scorer?: CardScorer): Router {
  if (!settings.classifier || settings.classifier.share === 0) return new Router(examples, settings);
  return new Router(examples, { ...settings, classifierShare: settings.classifier.share }, DEFAULT_FEATURES, scorer ?? readClassifier(MODEL_DIR, settings.classifier));
}

export { cardKey, loadRoutingData } from './data.js';
export { Router } from './router.js';
export { CardClassifier, outOfFoldScorer, readClassifier, trainClassifier, type CardScorer } from './classifier.js';
export { FollowupRouter, fitFollowupWeights, followupQuery, loadFollowupData } from './followups.js';

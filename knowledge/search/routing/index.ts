/**
 * Loads the routing tier: the labelled questions of data/ and the settings chosen for them by cross-validation
 * (settings.json, written by `npm run train:routing`). The settings carry the hash of the data they were chosen on;
 * a test fails when the two drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadRoutingData, ROUTING_DATA_DIR } from './data.js';
import { FollowupRouter, loadFollowupData } from './followups.js';
import { Router } from './router.js';

export const SETTINGS_FILE = path.join(ROUTING_DATA_DIR, '..', 'settings.json');

export const RoutingSettings = z.object({
  neighbours: z.number().int().positive(),
  sharpness: z.number().positive(),
  idf: z.boolean().optional(),
  centroid: z.number().min(0).max(1).optional(),
  weight: z.number().min(0),
  dataHash: z.string(),
  /** Chosen by cross-validation over the follow-up examples (routing/followups.ts); absent without them. */
  followup: z.object({ otherContext: z.number().min(0), general: z.number().min(0).max(1), dataHash: z.string(), cv: z.unknown() }).optional(),
  cv: z.unknown(),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export function readRoutingSettings(file = SETTINGS_FILE): RoutingSettings {
  return RoutingSettings.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function loadRouting(): { router: Router; weight: number } {
  const settings = readRoutingSettings();
  const { examples } = loadRoutingData();
  return { router: new Router(examples, settings), weight: settings.weight };
}

/**
 * The router for follow-ups, with the settings chosen for it by cross-validation (settings.json `followup`).
 * Undefined when there are no follow-up examples or no settings for them.
 */
export function loadFollowupRouter(base: Router): FollowupRouter | undefined {
  const settings = readRoutingSettings();
  const { examples } = loadFollowupData();
  if (examples.length === 0 || !settings.followup) return undefined;
  return new FollowupRouter(examples, base, settings.followup);
}

export { cardKey, loadRoutingData } from './data.js';
export { Router } from './router.js';
export { FollowupRouter, followupQuery, loadFollowupData } from './followups.js';

/**
 * Loads the routing tier: the labelled questions of data/ and the settings chosen for them by cross-validation
 * (settings.json, written by `npm run train:routing`). The settings carry the hash of the data they were chosen on;
 * a test fails when the two drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadRoutingData, ROUTING_DATA_DIR } from './data.js';
import { Router } from './router.js';

export const SETTINGS_FILE = path.join(ROUTING_DATA_DIR, '..', 'settings.json');

export const RoutingSettings = z.object({
  neighbours: z.number().int().positive(),
  sharpness: z.number().positive(),
  weight: z.number().min(0),
  dataHash: z.string(),
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

export { cardKey, loadRoutingData } from './data.js';
export { Router } from './router.js';

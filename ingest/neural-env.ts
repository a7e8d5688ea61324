/**
 * The neural tier for the command-line tools (ingest, eval, bench), read through the same configuration loader as
 * the server, so EMBEDDING_MODEL / EMBEDDING_ALLOW_REMOTE mean exactly the same everywhere.
 */
import { loadConfig } from '../bot/config/load.js';
import { neuralConfig } from '../bot/config/neural.js';
import type { NeuralConfig } from '../knowledge/search/types.js';

export function neuralFromEnv(env: NodeJS.ProcessEnv = process.env): NeuralConfig | undefined {
  return neuralConfig(loadConfig(env));
}

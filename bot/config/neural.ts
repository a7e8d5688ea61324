/** The neural retrieval tier as the rest of the code wants it: on only when a model is configured. */
import type { NeuralConfig } from '../../knowledge/search/types.js';
import type { AppConfig } from './schema.js';

export function neuralConfig(config: AppConfig): NeuralConfig | undefined {
  const { model, allowRemote, cacheDir } = config.embedding;
  if (!model) return undefined;
  return { model, allowRemote, ...(cacheDir ? { cacheDir } : {}) };
}

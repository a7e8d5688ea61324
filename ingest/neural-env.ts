/** Neural tier configuration from the environment: EMBEDDING_MODEL (folder or hub id), EMBEDDING_ALLOW_REMOTE=1. */
import type { NeuralConfig } from '../knowledge/search/types.js';

export function neuralFromEnv(env: NodeJS.ProcessEnv = process.env): NeuralConfig | undefined {
  const model = env.EMBEDDING_MODEL?.trim();
  if (!model) return undefined;
  return {
    model,
    allowRemote: env.EMBEDDING_ALLOW_REMOTE === '1' || env.EMBEDDING_ALLOW_REMOTE === 'true',
    ...(env.EMBEDDING_CACHE_DIR ? { cacheDir: env.EMBEDDING_CACHE_DIR } : {}),
  };
}

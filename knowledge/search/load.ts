/**
 * Opens an index directory written by buildIndex. Every file is checked against its sha256 in the manifest before
 * it is parsed (so the chunk text that is served is byte for byte the text that was indexed), then against its
 * schema and counts; an error names the file that is missing or corrupt, so start-up can rebuild the index.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from './analyze/index.js';
import { loadBm25 } from './bm25.js';
import { FILES, manifestChecksums, readBytes, readJson, readText } from './files.js';
import { embedText } from './hash.js';
import { loadEmbedder, type Embedder } from './neural.js';
import { IndexRetriever } from './retriever.js';
import { loadRouting } from './routing/index.js';
import { ChunksSchema, ManifestSchema, NeuralMetaSchema, NgramMetaSchema } from './schemas.js';
import type { NeuralConfig, TierName } from './types.js';
import { VectorIndex } from './vectors.js';

export interface LoadOptions {
  neural?: NeuralConfig;
  /** An already loaded embedder (tests, bench). */
  embedder?: Embedder;
  /** The routing tier (default on); off for its own cross-validation, which brings its own routers. */
  routing?: boolean;
}

export async function loadRetriever(linkOrDir: string, opts: LoadOptions = {}): Promise<IndexRetriever> {
  // The index path is a symlink that ingest swaps atomically: resolve it once, so every file comes from one version.
  const indexDir = resolveIndexDir(linkOrDir);
  const manifest = readJson(indexDir, FILES.manifest, ManifestSchema);
  const sums = manifestChecksums(indexDir, manifest);
  const chunks = readJson(indexDir, FILES.chunks, ChunksSchema, sums[FILES.chunks]);
  if (chunks.length !== manifest.chunkCount) {
    throw new Error(
      `search index corrupt: ${path.join(indexDir, FILES.chunks)} has ${chunks.length} chunks, manifest says ${manifest.chunkCount}`,
    );
  }
  const analyzer = createAnalyzer(chunks.map(embedText));
  let bm25;
  try {
    bm25 = loadBm25(readText(indexDir, FILES.bm25, sums[FILES.bm25]), analyzer);
  } catch (err) {
    if (/missing|checksum/.test((err as Error).message)) throw err;
    throw new Error(`search index corrupt: ${path.join(indexDir, FILES.bm25)} could not be read (${(err as Error).message})`);
  }
  if (bm25.documentCount !== chunks.length) {
    throw new Error(`search index corrupt: ${path.join(indexDir, FILES.bm25)} holds ${bm25.documentCount} documents, expected ${chunks.length}`);
  }
  const ngramMeta = readJson(indexDir, FILES.ngramMeta, NgramMetaSchema, sums[FILES.ngramMeta]);
  readBytes(indexDir, FILES.ngram, sums[FILES.ngram]);
  const ngramIndex = await VectorIndex.open(path.join(indexDir, FILES.ngram), ngramMeta);
  const ngram = { index: ngramIndex, cfg: { dimensions: ngramMeta.dimensions, n: ngramMeta.n }, idf: ngramMeta.idf };

  let neural: { index: VectorIndex; embedder: Embedder } | undefined;
  const configured = opts.embedder || opts.neural;
  if (configured && !manifest.neural) {
    throw new Error(`search index ${indexDir} has no neural vectors, but a neural model is configured: re-run npm run ingest with it`);
  }
  if (configured && manifest.neural) {
    const meta = readJson(indexDir, FILES.neuralMeta, NeuralMetaSchema, sums[FILES.neuralMeta]);
    readBytes(indexDir, FILES.neural, sums[FILES.neural]);
    const index = await VectorIndex.open(path.join(indexDir, FILES.neural), meta);
    const embedder = opts.embedder ?? (await loadEmbedder(opts.neural!));
    if (embedder.modelId !== manifest.neural.modelId) {
      throw new Error(
        `search index ${indexDir} was built with model ${manifest.neural.modelId}, but ${embedder.modelId} is configured: re-run npm run ingest`,
      );
    }
    neural = { index, embedder };
  }
  // Without a configured model an index that has neural vectors is still usable through the other tiers.
  const loaded = opts.routing === false ? undefined : loadRouting();
  const routing = loaded && { router: loaded.router, weight: loaded.weight, confidence: loaded.confidence };
  const followupRouter = loaded?.followupRouter;
  const tiers: TierName[] = [...manifest.tiers.filter((t) => t !== 'neural' || neural), ...(routing ? (['routing'] as const) : [])];
  const active = { ...manifest, tiers };
  return new IndexRetriever({ manifest: active, chunks, analyzer, bm25, ngram, neural, ...(routing ? { routing } : {}), ...(followupRouter ? { followupRouter } : {}) });
}

function resolveIndexDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir; // missing: readJson below names the missing file
  }
}

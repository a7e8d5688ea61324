/**
 * Builds every index file for a set of chunks into `outDir` (a fresh directory; ingest swaps it in):
 * chunks.json, bm25.json, ngram.hnsw + ngram-meta.json, neural.hnsw + neural-meta.json when a model is
 * configured, and manifest.json last. Vectors of chunks whose embedded text is unchanged are taken over from
 * `previousDir` instead of being computed again (matters for the neural tier, where embedding is slow).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '../chunk.js';
import { createAnalyzer } from './analyze/index.js';
import { buildBm25 } from './bm25.js';
import { expectedFiles, FILES, fileChecksums, readJson } from './files.js';
import { embedText, sha256 } from './hash.js';
import { loadEmbedder, type Embedder } from './neural.js';
import { DEFAULT_NGRAM, learnIdf, ngramDocVector, type NgramConfig } from './ngram.js';
import { NeuralMetaSchema, NgramMetaSchema } from './schemas.js';
import type { IndexManifest, NeuralConfig, TierName } from './types.js';
import { VectorIndex, writeVectors, type VectorEntry } from './vectors.js';

export interface BuildOptions {
  outDir: string;
  previousDir?: string;
  sources: Record<string, string>;
  neural?: NeuralConfig;
  onProgress?: (done: number, total: number) => void;
  /** Tuning knobs (defaults are what the bench measured best). */
  ngram?: Partial<NgramConfig> & { perQuestion?: boolean };
  /** An already loaded embedder (tests, bench); otherwise loaded from `neural`. */
  embedder?: Embedder;
}

/**
 * What each vector of a chunk is computed from: the whole chunk first (the n-gram tier relies on that order), then
 * optionally its section title and each example question, so a short query can meet a short text of its size.
 */
function vectorTexts(c: Chunk, perQuestion: boolean): string[] {
  return perQuestion ? [embedText(c), c.sectionTitle, ...c.questions] : [embedText(c)];
}

async function previousVectors(dir: string | undefined, hnsw: string, metaFile: string, neural: boolean) {
  if (!dir || !existsSync(path.join(dir, metaFile)) || !existsSync(path.join(dir, hnsw))) return new Map<string, number[]>();
  try {
    const meta = neural ? readJson(dir, metaFile, NeuralMetaSchema) : readJson(dir, metaFile, NgramMetaSchema);
    const index = await VectorIndex.open(path.join(dir, hnsw), meta);
    return index.vectorsByHash();
  } catch {
    // A broken previous index only costs a full re-embed.
    return new Map<string, number[]>();
  }
}

export async function buildIndex(chunks: Chunk[], opts: BuildOptions): Promise<IndexManifest> {
  const ids = new Set<string>();
  for (const c of chunks) {
    if (ids.has(c.id)) throw new Error(`duplicate chunk id ${c.id} (from ${c.sourcePath})`);
    ids.add(c.id);
  }
  await mkdir(opts.outDir, { recursive: true });
  const cfg: NgramConfig = { ...DEFAULT_NGRAM, ...opts.ngram };
  const perQuestion = opts.ngram?.perQuestion ?? true;
  const cfgKey = `ngram:${cfg.dimensions}:${cfg.n.join(',')}:`;
  const embedder = opts.embedder ?? (opts.neural ? await loadEmbedder(opts.neural) : undefined);
  const total = chunks.length * (embedder ? 2 : 1);
  let done = 0;

  // BM25 over the Dutch analyzer; its compound vocabulary includes the corpus's own words.
  const analyzer = createAnalyzer(chunks.map(embedText));
  const bm25 = buildBm25(chunks, analyzer);
  await writeFile(path.join(opts.outDir, FILES.bm25), JSON.stringify(bm25));

  // N-gram vectors (tf only, so reusable) and the corpus idf applied to queries.
  const texts = chunks.map(embedText);
  const idf = learnIdf(texts, cfg);
  const prevNgram = await previousVectors(opts.previousDir, FILES.ngram, FILES.ngramMeta, false);
  const ngramEntries: VectorEntry[] = [];
  const ngramStats = { reused: 0, embedded: 0 };
  chunks.forEach((c, i) => {
    for (const t of vectorTexts(c, perQuestion)) {
      const textHash = sha256(cfgKey + t);
      let vector = prevNgram.get(textHash);
      if (vector) ngramStats.reused++;
      else {
        vector = ngramDocVector(t, cfg);
        ngramStats.embedded++;
      }
      ngramEntries.push({ chunk: i, textHash, vector });
    }
    opts.onProgress?.(++done, total);
  });
  const ngramMeta = await writeVectors(path.join(opts.outDir, FILES.ngram), cfg.dimensions, ngramEntries);
  await writeFile(
    path.join(opts.outDir, FILES.ngramMeta),
    JSON.stringify({ ...ngramMeta, n: cfg.n, idf, perQuestion }),
  );

  const tiers: TierName[] = ['bm25', 'ngram'];
  const manifest: IndexManifest = {
    version: 1,
    createdAt: new Date().toISOString(),
    tiers,
    chunkCount: chunks.length,
    ngram: { dimensions: cfg.dimensions, n: cfg.n },
    sources: opts.sources,
    vectors: { ngram: ngramStats },
  };

  if (embedder) {
    const prev = await previousVectors(opts.previousDir, FILES.neural, FILES.neuralMeta, true);
    const keys = texts.map((t) => sha256(`neural:${embedder.modelId}:` + t));
    const missing = keys.map((k, i) => (prev.has(k) ? -1 : i)).filter((i) => i >= 0);
    const fresh = new Map<number, number[]>();
    for (let s = 0; s < missing.length; s += 16) {
      const batch = missing.slice(s, s + 16);
      const vecs = await embedder.embedPassages(batch.map((i) => texts[i]!));
      batch.forEach((i, j) => fresh.set(i, vecs[j]!));
      done += batch.length;
      opts.onProgress?.(done, total);
    }
    const entries: VectorEntry[] = keys.map((k, i) => ({ chunk: i, textHash: k, vector: prev.get(k) ?? fresh.get(i)! }));
    const dimensions = entries[0]?.vector.length ?? 1;
    const meta = await writeVectors(path.join(opts.outDir, FILES.neural), dimensions, entries);
    await writeFile(path.join(opts.outDir, FILES.neuralMeta), JSON.stringify({ ...meta, modelId: embedder.modelId }));
    tiers.push('neural');
    manifest.neural = { modelId: embedder.modelId, dimensions };
    manifest.vectors!.neural = { reused: chunks.length - missing.length, embedded: missing.length };
    opts.onProgress?.(total, total);
  }

  await writeFile(path.join(opts.outDir, FILES.chunks), JSON.stringify(chunks));
  // Every file's checksum, so a loader (and the next ingest) can tell an intact index from a damaged one.
  manifest.files = fileChecksums(opts.outDir, expectedFiles(manifest));
  // The manifest goes last: an index directory with a manifest is complete.
  await writeFile(path.join(opts.outDir, FILES.manifest), JSON.stringify(manifest, null, 2));
  return manifest;
}

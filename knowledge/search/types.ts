/** What retrieval returns and how callers ask for it. The core depends on this, never on the tiers. */
import type { Audience } from '../taxonomy.js';
import type { Chunk } from '../chunk.js';

/** `routing` is not stored in the index: it is built at load from labelled questions (routing/). */
export type TierName = 'bm25' | 'ngram' | 'neural' | 'routing';

export interface SearchOptions {
  /** How many hits to return (default 5). */
  k?: number;
  /** Only these document codes. */
  docs?: string[];
  /** Prefer (not require) chunks for this audience. */
  audience?: Audience;
  /**
   * The query is a follow-up to an answer that led with these cards: every tier searches it together with their
   * titles, and the routing tier asks the follow-up router, where one is loaded.
   */
  previous?: { doc: string; section: string }[];
}

export interface SearchHit {
  chunk: Chunk;
  /** Fused score (reciprocal rank fusion); higher is better. Comparable across queries only roughly. */
  score: number;
  /** Rank (1-based) per active tier that returned this chunk, and that tier's raw score. */
  tiers: Partial<Record<TierName, { rank: number; score: number }>>;
}

export interface IndexManifest {
  version: 1;
  createdAt: string;
  tiers: TierName[];
  chunkCount: number;
  ngram: { dimensions: number; n: number[] };
  neural?: { modelId: string; dimensions: number };
  /** sourcePath → sha256 of its bytes. */
  sources: Record<string, string>;
  /** index file name → sha256 of its bytes; checked before a file is read (see files.ts). */
  files?: Record<string, string>;
  /** How many vectors this build took over from the previous index vs computed anew (incremental re-ingest). */
  vectors?: Partial<Record<'ngram' | 'neural', { reused: number; embedded: number }>>;
}

export interface Retriever {
  readonly manifest: IndexManifest;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /**
   * How well a short text (one rule line) matches the query, in the index's own analysis: higher is better, 0 is
   * no shared term. Optional: without it compose falls back to plain word overlap.
   */
  scorer?(query: string): (text: string) => number;
  /**
   * The first chunk of a card (doc and section), or undefined when the index has no such card. Optional: a
   * follow-up question uses it to name the previous answer's cards, and goes without when it is missing.
   */
  card?(doc: string, section: string): Chunk | undefined;
}

/** The neural tier is active only when a model is configured. */
export interface NeuralConfig {
  /** A local folder in transformers.js layout (config.json, tokenizer.json, onnx/model_quantized.onnx) or a hub id. */
  model: string;
  /** Allow downloading `model` from the hub (only where the machine can reach it). Default false. */
  allowRemote?: boolean;
  /** Where downloaded weights are cached. */
  cacheDir?: string;
  /** Use the quantized ONNX file (default true). */
  quantized?: boolean;
}

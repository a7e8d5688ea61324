/** zod schemas for the files of an index directory (they are read back at start-up, so they are a boundary). */
import { z } from 'zod';
import { CardEnglish } from '../card-schema.js';
import { Audience, Topic, Verification } from '../taxonomy.js';
import { VectorMeta } from './vectors.js';

export const ManifestSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  tiers: z.array(z.enum(['bm25', 'ngram', 'neural'])),
  chunkCount: z.number().int().nonnegative(),
  ngram: z.object({ dimensions: z.number().int().positive(), n: z.array(z.number().int().positive()) }),
  neural: z.object({ modelId: z.string(), dimensions: z.number().int().positive() }).optional(),
  sources: z.record(z.string()),
  files: z.record(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
  vectors: z
    .object({
      ngram: z.object({ reused: z.number(), embedded: z.number() }).optional(),
      neural: z.object({ reused: z.number(), embedded: z.number() }).optional(),
    })
    .optional(),
});

export const ChunkSchema = z.object({
  id: z.string(),
  doc: z.string(),
  docTitle: z.string(),
  section: z.string(),
  sectionTitle: z.string(),
  url: z.string().optional(),
  version: z.string().optional(),
  audience: z.array(Audience),
  topics: z.array(Topic),
  verified: Verification.optional(),
  geldendVanaf: z.string().optional(),
  questions: z.array(z.string()),
  kern: z.string().optional(),
  english: CardEnglish.optional(),
  text: z.string(),
  precedence: z.number(),
  sourcePath: z.string(),
  sourceHash: z.string(),
});
export const ChunksSchema = z.array(ChunkSchema);

export const NgramMetaSchema = VectorMeta.extend({
  n: z.array(z.number().int().positive()),
  idf: z.array(z.number()),
  perQuestion: z.boolean(),
});
export type NgramMeta = z.infer<typeof NgramMetaSchema>;

export const NeuralMetaSchema = VectorMeta.extend({ modelId: z.string() });
export type NeuralMeta = z.infer<typeof NeuralMetaSchema>;

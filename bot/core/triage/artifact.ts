/**
 * The trained model on disk: `model/triage.json` (labels, feature settings, temperature, thresholds, the hash of
 * the training data and of the weights, the cross-validation summary) and `model/triage.weights.bin` (the weight
 * rows as little-endian float32). Loading checks the weights against their hash, so a damaged file fails at start
 * instead of routing messages at random.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LABELS } from './labels.js';
import { sha256 } from '../../../knowledge/search/hash.js';
import { weightsBytes, weightsFromBytes, type LinearModel } from '../../../knowledge/search/learn/linear.js';

export const MODEL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'model');
const META = 'triage.json';
const WEIGHTS = 'triage.weights.bin';

export const ArtifactMeta = z.object({
  version: z.literal(1),
  labels: z.array(z.enum(LABELS)),
  features: z.object({ dim: z.number().int().positive(), charMin: z.number().int(), charMax: z.number().int(), charWeight: z.number(), charSkipsStopwords: z.boolean().optional(), managerCross: z.number().min(0).optional() }),
  fit: z.object({ epochs: z.number().int(), learningRate: z.number(), l2: z.number() }),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
  thresholds: z.object({ handoff: z.number(), clarify: z.number(), outOfScope: z.number(), managerSteps: z.number(), managerRatio: z.number().positive(), refuseBelow: z.number().optional() }),
  dataHash: z.string().regex(/^[0-9a-f]{64}$/),
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  trainedOn: z.object({ examples: z.number().int(), writers: z.array(z.string()), perLabel: z.record(z.number()) }),
  cv: z.unknown(),
});
export type ArtifactMeta = z.infer<typeof ArtifactMeta>;

export interface Artifact {
  meta: ArtifactMeta;
  model: LinearModel;
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

export function writeArtifact(dir: string, meta: Omit<ArtifactMeta, 'weightsSha256' | 'bias'>, model: LinearModel): ArtifactMeta {
  const bytes = weightsBytes(model);
  const full: ArtifactMeta = { ...meta, bias: Array.from(model.bias, (b) => Number(b.toFixed(8))), weightsSha256: sha256(bytes) };
  // Weights first, meta last and each renamed into place: a reader never sees new meta with old weights.
  writeFileSync(path.join(dir, `${WEIGHTS}.tmp`), bytes);
  renameSync(path.join(dir, `${WEIGHTS}.tmp`), path.join(dir, WEIGHTS));
  writeFileSync(path.join(dir, `${META}.tmp`), `${JSON.stringify(full, null, 2)}\n`);
  renameSync(path.join(dir, `${META}.tmp`), path.join(dir, META));
  return full;
}

export function readArtifact(dir = MODEL_DIR): Artifact {
  let meta: ArtifactMeta;
  let bytes: Buffer;
  try {
    meta = ArtifactMeta.parse(JSON.parse(readFileSync(path.join(dir, META), 'utf8')));
    bytes = readFileSync(path.join(dir, WEIGHTS));
  } catch (e) {
    throw new ArtifactError(`triage model unreadable (${META}/${WEIGHTS}): ${e instanceof z.ZodError ? e.issues[0]?.message : (e as NodeJS.ErrnoException).code ?? 'invalid'}; run npm run train`);
  }
  if (sha256(bytes) !== meta.weightsSha256) throw new ArtifactError(`triage model: ${WEIGHTS} does not match its hash in ${META}; run npm run train`);
  const classes = meta.labels.length;
  const weights = weightsFromBytes(bytes, classes * meta.features.dim);
  if (!weights) throw new ArtifactError(`triage model: ${WEIGHTS} has the wrong size`);
  return { meta, model: { classes, dim: meta.features.dim, weights, bias: Float64Array.from(meta.bias) } };
}

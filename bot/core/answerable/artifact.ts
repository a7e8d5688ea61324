/**
 * The trained answerability models on disk, one per kind of message: model/answerable.json (standalone questions)
 * and model/answerable-followup.json (follow-ups), each with feature settings, standardisation, threshold, data hash,
 * cross-validation summary and bias, beside its .weights.bin (float32, little-endian), checked against its hash when
 * loaded so a damaged file fails at start.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sha256 } from '../../../knowledge/search/hash.js';
import { weightsBytes, weightsFromBytes } from '../../../knowledge/search/learn/linear.js';
import { FEATURE_NAMES } from './features.js';
import type { AnswerableModel } from './model.js';

export const ANSWERABLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'model');
export type AnswerableKind = 'question' | 'followup';
const BASE: Record<AnswerableKind, string> = { question: 'answerable', followup: 'answerable-followup' };

export const AnswerableMeta = z.object({
  version: z.literal(2),
  signals: z.array(z.string()),
  features: z.object({ dim: z.number().int().positive(), charMin: z.number().int(), charMax: z.number().int(), charWeight: z.number() }),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  bias: z.array(z.number()).length(2),
  threshold: z.number().min(0).max(1),
  dataHash: z.string().regex(/^[0-9a-f]{64}$/),
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  trainedOn: z.object({ answerable: z.number().int(), uncovered: z.number().int(), writers: z.array(z.string()) }),
  cv: z.unknown(),
});
export type AnswerableMeta = z.infer<typeof AnswerableMeta>;

export function writeAnswerableArtifact(
  kind: AnswerableKind,
  model: AnswerableModel,
  meta: Omit<AnswerableMeta, 'version' | 'signals' | 'features' | 'mean' | 'std' | 'bias' | 'weightsSha256'>,
  dir = ANSWERABLE_DIR,
): void {
  const META = `${BASE[kind]}.json`;
  const WEIGHTS = `${BASE[kind]}.weights.bin`;
  const bytes = weightsBytes(model.linear);
  const full: AnswerableMeta = {
    version: 2,
    signals: [...FEATURE_NAMES],
    features: model.features,
    mean: model.mean,
    std: model.std,
    bias: Array.from(model.linear.bias, (b) => Number(b.toFixed(8))),
    weightsSha256: sha256(bytes),
    ...meta,
  };
  writeFileSync(path.join(dir, `${WEIGHTS}.tmp`), bytes);
  renameSync(path.join(dir, `${WEIGHTS}.tmp`), path.join(dir, WEIGHTS));
  writeFileSync(path.join(dir, `${META}.tmp`), `${JSON.stringify(full, null, 2)}\n`);
  renameSync(path.join(dir, `${META}.tmp`), path.join(dir, META));
}

export function readAnswerableArtifact(kind: AnswerableKind = 'question', dir = ANSWERABLE_DIR): { meta: AnswerableMeta; model: AnswerableModel } {
  const META = `${BASE[kind]}.json`;
  const WEIGHTS = `${BASE[kind]}.weights.bin`;
  const meta = AnswerableMeta.parse(JSON.parse(readFileSync(path.join(dir, META), 'utf8')));
  if (meta.signals.join() !== FEATURE_NAMES.join()) throw new Error(`answerable model signals ${meta.signals.join()} do not match ${FEATURE_NAMES.join()}; run npm run train:answerable`);
  const bytes = readFileSync(path.join(dir, WEIGHTS));
  if (sha256(bytes) !== meta.weightsSha256) throw new Error(`answerable model: ${WEIGHTS} does not match its hash in ${META}; run npm run train:answerable`);
  const dim = meta.features.dim + meta.signals.length;
  const weights = weightsFromBytes(bytes, 2 * dim);
  if (!weights) throw new Error(`answerable model: ${WEIGHTS} has the wrong size`);
  return { meta, model: { features: meta.features, mean: meta.mean, std: meta.std, linear: { classes: 2, dim, weights, bias: Float64Array.from(meta.bias) } } };
}

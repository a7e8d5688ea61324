/**
 * The routing tier's second voter: a multinomial logistic regression from a question to the card that answers it,
 * trained on the same labelled questions as the neighbour vote. The neighbour vote counts how close a question is
 * to each card's questions, so a frequent but uninformative phrase ("civil servants", "als ambtenaar") can pull a
 * card ahead; the regression learns per card which words tell it apart ("gift limit" → the gift rules). Mixed with
 * the neighbour vote by a share chosen in writer-held-out cross-validation (routing/cv.ts).
 *
 * On disk: `model/classifier.weights.bin` (little-endian float32, one row per hashed feature with a weight per card)
 * beside `settings.json`, whose `classifier` block carries the card order, the biases and the weights' hash.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_FEATURES, featurize, type FeatureConfig } from '../analyze/features.js';
import { DEFAULT_FIT, fit } from '../learn/fit.js';
import { outOfFoldLogits } from '../learn/folds.js';
import { sha256 } from '../hash.js';
import { logits, softmax, weightsBytes, weightsFromBytes, type LinearModel } from '../learn/linear.js';
import { cardKey } from './data.js';

/** 16,384 hashed features: as good as 65,536 in cross-validation (recall@1 86.8 % fused either way) at a quarter of the file. */
export const CLASSIFIER_FEATURES: FeatureConfig = { ...DEFAULT_FEATURES, dim: 1 << 14 };

/** Anything that gives each card a probability for a question: the trained classifier, or out-of-fold scores in cross-validation. */
export interface CardScorer {
  probabilities(query: string): Map<string, number>;
}

export const ClassifierMeta = z.object({
  /** The share of the routing vote that goes to the classifier (the neighbour vote keeps the rest). */
  share: z.number().min(0).max(1),
  dim: z.number().int().positive(),
  fit: z.object({ epochs: z.number().int(), learningRate: z.number(), l2: z.number() }),
  /** Card keys (doc, NUL, section) in weight-column order. */
  cards: z.array(z.string()),
  bias: z.array(z.number()),
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ClassifierMeta = z.infer<typeof ClassifierMeta>;

export class CardClassifier implements CardScorer {
  constructor(
    readonly cards: string[],
    readonly model: LinearModel,
    private readonly features: FeatureConfig = CLASSIFIER_FEATURES,
  ) {}

  probabilities(query: string): Map<string, number> {
    const p = softmax(logits(this.model, featurize(query, this.features)));
    return new Map(this.cards.map((key, c) => [key, p[c]!]));
  }
}

type Labelled = { text: string; doc: string; section: string };

function design(examples: Labelled[]) {
  const cards = [...new Set(examples.map(cardKey))].sort();
  return {
    cards,
    xs: examples.map((e) => featurize(e.text, CLASSIFIER_FEATURES)),
    ys: examples.map((e) => cards.indexOf(cardKey(e))),
    opts: { classes: cards.length, dim: CLASSIFIER_FEATURES.dim, ...DEFAULT_FIT },
  };
}

export function trainClassifier(examples: Labelled[]): CardClassifier {
  const { cards, xs, ys, opts } = design(examples);
  return new CardClassifier(cards, fit(xs, ys, opts));
}

/**
 * For cross-validation: each labelled question's probabilities from a classifier fitted without its writer, looked
 * up by the question's text. It answers only for those questions — the held-out ones a fold routes — and for any
 * other text asks `fallback` (a classifier that never saw it), or fails without one.
 */
export async function outOfFoldScorer(examples: (Labelled & { writer: string })[], fallback?: CardScorer): Promise<CardScorer> {
  const { cards, xs, ys, opts } = design(examples);
  const oof = await outOfFoldLogits(xs, ys, examples.map((e) => e.writer), opts);
  const byText = new Map(examples.map((e, i) => [e.text, i]));
  return {
    probabilities(query) {
      const i = byText.get(query);
      if (i === undefined) {
        if (fallback) return fallback.probabilities(query);
        throw new Error('out-of-fold scorer asked about a question it was not built on');
      }
      const p = softmax(oof[i]!);
      return new Map(cards.map((key, c) => [key, p[c]!]));
    },
  };
}

export const WEIGHTS_FILE = 'classifier.weights.bin';

/** Writes the weights into `dir` (renamed into place) and returns the settings block that describes them. */
export function writeClassifier(dir: string, classifier: CardClassifier, share: number): ClassifierMeta {
  const { model } = classifier;
  const bytes = weightsBytes(model);
  writeFileSync(path.join(dir, `${WEIGHTS_FILE}.tmp`), bytes);
  renameSync(path.join(dir, `${WEIGHTS_FILE}.tmp`), path.join(dir, WEIGHTS_FILE));
  const { epochs, learningRate, l2 } = DEFAULT_FIT;
  return { share, dim: model.dim, fit: { epochs, learningRate, l2 }, cards: classifier.cards, bias: Array.from(model.bias, (b) => Number(b.toFixed(8))), weightsSha256: sha256(bytes) };
}

export class ClassifierError extends Error {
  override name = 'ClassifierError';
}

/** Loads the weights described by `meta`; a missing, damaged or mismatched file fails at start, not at random. */
export function readClassifier(dir: string, meta: ClassifierMeta): CardClassifier {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, WEIGHTS_FILE));
  } catch (e) {
    throw new ClassifierError(`routing classifier unreadable (${WEIGHTS_FILE}: ${(e as NodeJS.ErrnoException).code ?? 'invalid'}); run npm run train:routing`);
  }
  if (sha256(bytes) !== meta.weightsSha256) throw new ClassifierError(`routing classifier: ${WEIGHTS_FILE} does not match its hash in settings.json; run npm run train:routing`);
  const classes = meta.cards.length;
  const weights = weightsFromBytes(bytes, classes * meta.dim);
  if (!weights || meta.bias.length !== classes) throw new ClassifierError(`routing classifier: ${WEIGHTS_FILE} has the wrong size`);
  return new CardClassifier(meta.cards, { classes, dim: meta.dim, weights, bias: Float64Array.from(meta.bias) }, { ...CLASSIFIER_FEATURES, dim: meta.dim });
}

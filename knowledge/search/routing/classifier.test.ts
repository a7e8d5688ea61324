import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES } from '../analyze/features.js';
import { ClassifierError, outOfFoldScorer, readClassifier, trainClassifier, WEIGHTS_FILE, writeClassifier, type CardScorer } from './classifier.js';
import { cardKey, loadRoutingData } from './data.js';
import { MODEL_DIR, readRoutingSettings } from './index.js';
import { Router } from './router.js';

const GIFT = cardKey({ doc: 'GIR', section: '4.1' });
const GOOD = cardKey({ doc: 'GIR', section: '2.2' });
const SIDE = cardKey({ doc: 'GIR', section: '4.5' });

// "civil servant" is everywhere in the general card's questions and only once among the gift questions: the kind
// of frequent but uninformative phrase that pulls a neighbour vote towards the wrong card.
const examples = [
  { text: 'what is expected of a good civil servant', doc: 'GIR', section: '2.2', writer: 'a' },
  { text: 'what makes someone a good civil servant at the rijk', doc: 'GIR', section: '2.2', writer: 'b' },
  { text: 'as a civil servant what values do i have to live by', doc: 'GIR', section: '2.2', writer: 'a' },
  { text: 'how should a civil servant behave in general', doc: 'GIR', section: '2.2', writer: 'b' },
  { text: 'can i keep a gift from a supplier', doc: 'GIR', section: '4.1', writer: 'a' },
  { text: 'is there a limit for gifts', doc: 'GIR', section: '4.1', writer: 'b' },
  { text: 'a client gave me a bottle of wine as a gift', doc: 'GIR', section: '4.1', writer: 'a' },
  { text: 'gift from a civil servant colleague abroad', doc: 'GIR', section: '4.1', writer: 'b' },
  { text: 'may i take a side job next to my work', doc: 'GIR', section: '4.5', writer: 'a' },
  { text: 'do i have to report a side job', doc: 'GIR', section: '4.5', writer: 'b' },
];

/** A scorer that is sure of one card, to see what its share of the vote does. */
const sureOf = (key: string): CardScorer => ({ probabilities: () => new Map([[key, 1]]) });

describe('card classifier', () => {
  it('learns the cards from their questions and places a new wording by the words that tell cards apart', () => {
    const classifier = trainClassifier(examples);
    const top = (q: string) => [...classifier.probabilities(q)].sort((a, b) => b[1] - a[1])[0]![0];
    expect(top('is there a maximum value for a gift from a supplier')).toBe(GIFT);
    expect(top('must i report my side job to my employer')).toBe(SIDE);
    expect(top('what values should a good civil servant have')).toBe(GOOD);
  });

  it('takes its share of the router vote: none at share 0, the lead at a share that outweighs the neighbours', () => {
    const settings = { neighbours: 3, sharpness: 3, idf: true, centroid: 0 };
    const query = 'how should a civil servant behave with gifts';
    const alone = new Router(examples, settings).route(query);
    expect(alone[0]?.key).toBe(GOOD);
    expect(new Router(examples, { ...settings, classifierShare: 0 }, DEFAULT_FEATURES, sureOf(SIDE)).route(query)[0]?.key).toBe(GOOD);
    const mixed = new Router(examples, { ...settings, classifierShare: 0.75 }, DEFAULT_FEATURES, sureOf(SIDE)).route(query);
    expect(mixed[0]?.key).toBe(SIDE);
    expect(mixed.length).toBeLessThanOrEqual(settings.neighbours);
  });

  it('scores each question out of fold without its own writer, asks the fallback for other texts, and fails without one', async () => {
    const scorer = await outOfFoldScorer(examples);
    expect([...scorer.probabilities(examples[0]!.text).keys()].sort()).toEqual([GIFT, GOOD, SIDE].sort());
    expect(() => scorer.probabilities('a question nobody labelled')).toThrow(/not built on/);
    const withFallback = await outOfFoldScorer(examples, sureOf(SIDE));
    expect(withFallback.probabilities('a question nobody labelled').get(SIDE)).toBe(1);
    // Fitted without writer a, the first question's scores differ from those of a classifier that saw it.
    const seen = trainClassifier(examples).probabilities(examples[0]!.text).get(GOOD)!;
    expect(scorer.probabilities(examples[0]!.text).get(GOOD)).not.toBeCloseTo(seen, 6);
  });
});

describe('classifier on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'classifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, and refuses a damaged or mismatched file', () => {
    const classifier = trainClassifier(examples);
    const meta = writeClassifier(dir, classifier, 0.25);
    const back = readClassifier(dir, meta);
    const q = 'mag ik een cadeau houden';
    for (const [key, p] of classifier.probabilities(q)) expect(back.probabilities(q).get(key)).toBeCloseTo(p, 6);
    const file = path.join(dir, WEIGHTS_FILE);
    const bytes = readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(file, bytes);
    expect(() => readClassifier(dir, meta)).toThrow(ClassifierError);
    expect(() => readClassifier(path.join(dir, 'missing'), meta)).toThrow(/unreadable/);
  });

  it('the shipped classifier knows exactly the cards of the routing data and loads against its hash', () => {
    const settings = readRoutingSettings();
    expect(settings.classifier?.share).toBeGreaterThan(0);
    const cards = [...new Set(loadRoutingData().examples.map(cardKey))].sort();
    expect(settings.classifier!.cards).toEqual(cards);
    expect(() => readClassifier(MODEL_DIR, settings.classifier!)).not.toThrow();
  });
});

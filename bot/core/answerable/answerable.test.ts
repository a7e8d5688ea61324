import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import type { SearchHit } from '../../../knowledge/search/types.js';
import { evalQuestions, nearCopies } from '../triage/separation.js';
import { readAnswerableArtifact } from './artifact.js';
import { loadAnswerableData, loadUncovered, loadUncoveredFollowups } from './data.js';
import { fitAnswerable } from './fit.js';
import { createAnswerability } from './index.js';
import { probability } from './model.js';
import { chooseThreshold } from './policy.js';
import { testIndex } from '../../../test/support/core.js';

const SMALL = { dim: 1 << 12, charMin: 3, charMax: 5, charWeight: 1 };

describe('fitAnswerable', () => {
  it('learns from the words which subjects are covered, and from the signals how well a card was found', () => {
    const rows = [
      { text: 'mag ik een kerstpakket van een leverancier houden', signals: [0.9], answerable: true },
      { text: 'cadeau van een klant aannemen, mag dat', signals: [0.8], answerable: true },
      { text: 'bijbaan naast mijn werk melden', signals: [0.7], answerable: true },
      { text: 'hoeveel dagen verlof bij een verhuizing', signals: [0.3], answerable: false },
      { text: 'is er een dresscode op kantoor', signals: [0.2], answerable: false },
      { text: 'krijg ik verlof voor een begrafenis', signals: [0.35], answerable: false },
    ];
    const m = fitAnswerable(rows, SMALL);
    expect(probability(m, 'mag ik dat cadeau van de leverancier houden', [0.85])).toBeGreaterThan(0.5);
    expect(probability(m, 'verlof voor een begrafenis, hoeveel dagen', [0.3])).toBeLessThan(0.5);
    // The same words with a much weaker retrieval signal are less likely answerable.
    expect(probability(m, 'cadeau aannemen', [0.1])).toBeLessThan(probability(m, 'cadeau aannemen', [0.9]));
  });
});

describe('chooseThreshold', () => {
  it('keeps at least the required share of answerable questions answered, then declines what it can', () => {
    const probs = [0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.3, 0.2];
    const ys = [true, true, true, true, false, true, false, false];
    // Five answerable items: at 80 % one may fall below the threshold, so it sits at the second lowest (0.6).
    const c = chooseThreshold(probs, ys, 0.8);
    expect(c.threshold).toBe(0.6);
    expect(c.answered).toBe(0.8);
    expect(c.declined).toBe(1);
  });
});

describe('the trained answerability model', () => {
  const artifact = readAnswerableArtifact();
  const hit = (tiers: SearchHit['tiers']) => ({ tiers, score: 1, chunk: { sectionTitle: 'Geschenken', text: 'geschenk leverancier aannemen', questions: [] } }) as unknown as SearchHit;

  it('was trained on exactly this data, both models (run npm run train:answerable after changing it)', () => {
    expect(artifact.meta.dataHash).toBe(loadAnswerableData().hash);
    expect(readAnswerableArtifact('followup').meta.dataHash).toBe(loadAnswerableData().hash);
  });

  it('answers a covered question whose card retrieval found clearly, and declines an uncovered one found loosely', () => {
    const a = createAnswerability(artifact);
    const strong = [hit({ routing: { rank: 1, score: 3 }, ngram: { rank: 1, score: 0.6 }, bm25: { rank: 1, score: 20 } })];
    const weak = [hit({ ngram: { rank: 4, score: 0.12 } })];
    expect(a.probability('mag ik een geschenk van een leverancier aannemen', strong, 'nl')).toBeGreaterThanOrEqual(a.threshold);
    expect(a.probability('hoeveel dagen bijzonder verlof krijg ik als ik ga verhuizen', weak, 'nl')).toBeLessThan(a.threshold);
    expect(a.probability('x', [], 'nl')).toBe(0);
  });
});

describe('uncovered training data', () => {
  it('holds no near copy of any eval item, in either direction', () => {
    const { examples } = loadUncovered();
    expect(examples.length).toBeGreaterThan(0);
    expect(nearCopies(examples, evalQuestions(path.join(PROJECT_ROOT, 'eval')))).toEqual([]);
  });

  it('holds no uncovered follow-up whose first question or follow-up is a near copy of an eval item', () => {
    const { examples } = loadUncoveredFollowups();
    expect(examples.length).toBeGreaterThan(0);
    const texts = examples.flatMap((e) => [{ id: e.id, text: e.first }, { id: e.id, text: e.text }]);
    expect(nearCopies(texts, evalQuestions(path.join(PROJECT_ROOT, 'eval')))).toEqual([]);
  });

  it('names a real card as every uncovered follow-up\'s previous answer', async () => {
    const { retriever } = await testIndex();
    const unknown = loadUncoveredFollowups().examples.filter((e) => !retriever.card?.(e.context.doc, e.context.section));
    expect(unknown.map((e) => e.id)).toEqual([]);
  });
});

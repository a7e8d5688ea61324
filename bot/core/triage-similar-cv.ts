/**
 * `npx tsx bot/core/triage-similar-cv.ts [folds]` — k-fold cross-validation of triage on the labelled examples
 * (triage-examples.ts). Each fold's messages are classified with a similarity classifier built from the OTHER
 * folds only, so the numbers show how triage does on wordings it has not seen. Prints patterns alone, the
 * neighbour vote alone, and both combined (what the core runs). eval/triage.jsonl stays the separate test set.
 */
import path from 'node:path';
import { classify } from './triage.js';
import { TRIAGE_EXAMPLES, type TriageExample } from './triage-examples.js';
import { createSimilarClassifier } from './triage-similar.js';

type Predicted = 'advice' | 'handoff' | 'out-of-scope' | 'smalltalk';

export interface CvRow {
  example: TriageExample;
  patterns: Predicted;
  similar: Predicted;
  combined: Predicted;
}

export function crossValidate(examples: TriageExample[] = TRIAGE_EXAMPLES, folds = 5): CvRow[] {
  const rows: CvRow[] = [];
  for (let f = 0; f < folds; f++) {
    // Examples are listed per label, so every fold (index mod folds) holds a share of each label.
    const train = examples.filter((_, i) => i % folds !== f);
    const test = examples.filter((_, i) => i % folds === f);
    const similar = createSimilarClassifier(train);
    for (const example of test) {
      const vote = similar.vote(example.text);
      rows.push({
        example,
        patterns: classify(example.text).intent,
        similar: vote.label,
        combined: classify(example.text, { similar: vote }).intent,
      });
    }
  }
  return rows;
}

export function metrics(rows: CvRow[], pick: (r: CvRow) => Predicted) {
  const ratio = (n: number, d: number) => (d === 0 ? null : Number((n / d).toFixed(3)));
  const handoff = rows.filter((r) => r.example.label === 'handoff');
  const predicted = rows.filter((r) => pick(r) === 'handoff');
  const nearMiss = rows.filter((r) => r.example.nearMiss);
  const advice = rows.filter((r) => r.example.label === 'advice' && !r.example.nearMiss);
  const oos = rows.filter((r) => r.example.label === 'out-of-scope');
  return {
    accuracy: ratio(rows.filter((r) => pick(r) === r.example.label).length, rows.length),
    handoffRecall: ratio(handoff.filter((r) => pick(r) === 'handoff').length, handoff.length),
    handoffPrecision: ratio(predicted.filter((r) => r.example.label === 'handoff').length, predicted.length),
    nearMissFalseHandoff: ratio(nearMiss.filter((r) => pick(r) === 'handoff').length, nearMiss.length),
    adviceFalseHandoff: ratio(advice.filter((r) => pick(r) === 'handoff').length, advice.length),
    outOfScopeRefused: ratio(oos.filter((r) => pick(r) === 'out-of-scope').length, oos.length),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const folds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
  const rows = crossValidate(TRIAGE_EXAMPLES, folds);
  console.log(`${rows.length} examples, ${folds}-fold cross-validation`);
  for (const [name, pick] of [
    ['patterns only', (r: CvRow) => r.patterns],
    ['similar only', (r: CvRow) => r.similar],
    ['combined', (r: CvRow) => r.combined],
  ] as const) {
    console.log(name.padEnd(14), JSON.stringify(metrics(rows, pick)));
  }
  if (process.argv.includes('--misses')) {
    for (const r of rows) if (r.combined !== r.example.label) console.log(`  ${r.example.label} → ${r.combined}: ${r.example.text}`);
  }
}

/**
 * `npm run train:routing`: chooses the routing tier's settings by cross-validation that holds out one writer at a
 * time — the held-out writer's questions are routed by a router built from the other writers and searched through
 * the real fused retriever — and writes them to settings.json with the data hash. Reports recall@1/@3 per
 * setting, the fused retriever without the routing tier, and routing alone, so the gain is visible.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../load.js';
import type { IndexRetriever } from '../retriever.js';
import { cardKey, loadRoutingData, type RoutingExample } from './data.js';
import { SETTINGS_FILE } from './index.js';
import { Router, type RouterSettings } from './router.js';

interface Scores {
  'recall@1': number;
  'recall@3': number;
  mrr: number;
}

async function score(retriever: IndexRetriever, questions: RoutingExample[]): Promise<Scores> {
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  for (const q of questions) {
    const hits = await retriever.search(q.text, { k: 10 });
    const keys = [...new Set(hits.map((h) => cardKey(h.chunk)))];
    const rank = keys.indexOf(cardKey(q)) + 1;
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 3) r3++;
    if (rank >= 1) mrr += 1 / rank;
  }
  const n = Math.max(1, questions.length);
  return { 'recall@1': Number((r1 / n).toFixed(4)), 'recall@3': Number((r3 / n).toFixed(4)), mrr: Number((mrr / n).toFixed(4)) };
}

export async function crossValidateRouting(retriever: IndexRetriever, examples: RoutingExample[], grid: (RouterSettings & { weight: number })[]) {
  const writers = [...new Set(examples.map((e) => e.writer))].sort();
  const mean = (rows: Scores[]): Scores => ({
    'recall@1': Number((rows.reduce((s, r) => s + r['recall@1'], 0) / rows.length).toFixed(4)),
    'recall@3': Number((rows.reduce((s, r) => s + r['recall@3'], 0) / rows.length).toFixed(4)),
    mrr: Number((rows.reduce((s, r) => s + r.mrr, 0) / rows.length).toFixed(4)),
  });
  const heldOut = (w: string) => examples.filter((e) => e.writer === w);
  const rest = (w: string) => examples.filter((e) => e.writer !== w);
  const without = mean(await Promise.all(writers.map((w) => score(retriever.withRouting(undefined), heldOut(w)))));
  const results: { settings: RouterSettings & { weight: number }; scores: Scores }[] = [];
  for (const settings of grid) {
    const perWriter: Scores[] = [];
    for (const w of writers) {
      const router = new Router(rest(w), settings);
      // Weight 0 here means "routing alone": the only tier, for comparison.
      const alone = settings.weight === 0;
      perWriter.push(await score(retriever.withRouting({ router, weight: alone ? 1 : settings.weight }, alone ? ['routing'] : undefined), heldOut(w)));
    }
    results.push({ settings, scores: mean(perWriter) });
  }
  return { writers, without, results };
}

async function main(): Promise<void> {
  const base = mkdtempSync(path.join(tmpdir(), 'routing-cv-'));
  try {
    const indexDir = path.join(base, 'index');
    await ensureIndex(indexDir, { roots: [DEFAULT_ROOT] });
    const retriever = await loadRetriever(indexDir, { routing: false });
    const { examples, hash } = loadRoutingData();
    const grid: (RouterSettings & { weight: number })[] = [];
    // A first, wider run (neighbours 10/25, sharpness 1/3, weight 0.5–4) favoured 25 neighbours, sharpness 3 and
    // the largest weight; this grid brackets that point.
    for (const neighbours of [15, 25, 40])
      for (const sharpness of [3])
        for (const weight of [2, 4, 8]) grid.push({ neighbours, sharpness, weight });
    const cv = await crossValidateRouting(retriever, examples, grid);
    // Routing alone, at the best neighbour settings, for comparison.
    const best = [...cv.results].sort((a, b) => b.scores['recall@1'] - a.scores['recall@1'] || b.scores.mrr - a.scores.mrr)[0]!;
    const alone = await crossValidateRouting(retriever, examples, [{ ...best.settings, weight: 0 }]);
    for (const r of cv.results) console.log(JSON.stringify(r));
    console.log(`fused without routing: ${JSON.stringify(cv.without)}`);
    console.log(`routing alone:         ${JSON.stringify(alone.results[0]!.scores)}`);
    console.log(`chosen:                ${JSON.stringify(best)}`);
    const settings = {
      neighbours: best.settings.neighbours,
      sharpness: best.settings.sharpness,
      weight: best.settings.weight,
      dataHash: hash,
      cv: { folds: 'one writer held out per fold', writers: cv.writers, examples: examples.length, chosen: best.scores, fusedWithoutRouting: cv.without, routingAlone: alone.results[0]!.scores, grid: cv.results },
    };
    writeFileSync(SETTINGS_FILE, `${JSON.stringify(settings, null, 2)}\n`);
    console.log(`written: ${path.relative(process.cwd(), SETTINGS_FILE)}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * `npm run train:answerable`: computes each example's retrieval features through the real fused retriever (for a
 * labelled routing question, with a router built WITHOUT its writer's questions, so it cannot find itself),
 * cross-validates holding out one writer at a time, chooses the abstain threshold on the out-of-fold
 * probabilities (policy.ts; standalone questions and follow-ups each answered at least MIN_ANSWERED), fits the
 * final model on everything and writes model/answerable.json. A follow-up example is searched and read as the core
 * does it: with the previous answer's card (see computeFeatures).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../../../knowledge/search/load.js';
import { buildRouter, FollowupRouter, followupQuery, MODEL_DIR, outOfFoldScorer, readClassifier, readRoutingSettings, type Router } from '../../../knowledge/search/routing/index.js';
import { detectLang } from '../lang.js';
import { audienceHint, searchAudience } from '../triage/hints.js';
import { writeAnswerableArtifact } from './artifact.js';
import { loadAnswerableData, type AnswerableExample } from './data.js';
import { answerableFeatures, FEATURE_NAMES, modelText } from './features.js';
import { fitAnswerable } from './fit.js';
import { probability } from './model.js';
import { DEFAULT_FEATURES } from '../../../knowledge/search/analyze/features.js';
import { chooseThresholdPerKind, rate } from './policy.js';

/** The core searches with this depth and, without a hint, for a medewerker (bot/core/index.ts). */
const K = 8;

/**
 * Every example's model text and features, searched through the real retriever as the core searches (see the file
 * comment for the routing tier). A follow-up is searched with its previous card, through a follow-up router built
 * without its own writer's examples, and read with that card's title (followupQuery), as the core reads it.
 */
export async function computeFeatures(indexDir: string, data = loadAnswerableData()): Promise<{ texts: string[]; xs: number[][] }> {
  const retriever = await loadRetriever(indexDir, { routing: false });
  const settings = readRoutingSettings();
  const { examples, routing, followups } = data;
  // With the card classifier: the shipped one for questions it never saw, out-of-fold scores for its own questions.
  const shipped = settings.classifier && settings.classifier.share > 0 ? readClassifier(MODEL_DIR, settings.classifier) : undefined;
  const heldOut = shipped ? await outOfFoldScorer(routing, shipped) : undefined;
  const router = buildRouter(routing, settings, shipped);
  const withFollowups = (kept: typeof followups) =>
    settings.followup && kept.length > 0 ? new FollowupRouter(kept, router, settings.followup) : undefined;
  // The routing tier exactly as the core loads it (knowledge/search/load.ts), confidence included.
  const tier = (r: Router) => ({ router: r, weight: settings.weight, confidence: settings.confidence ?? 0 });
  const full = retriever.withRouting(tier(router)).withFollowupRouter(withFollowups(followups));
  const perWriter = new Map<string, typeof full>();
  const retrieverFor = (e: AnswerableExample) => {
    if (!e.answerable) return full;
    let r = perWriter.get(e.writer);
    if (!r) {
      const own = retriever.withRouting(tier(buildRouter(routing.filter((x) => x.writer !== e.writer), settings, heldOut)));
      perWriter.set(e.writer, (r = own.withFollowupRouter(withFollowups(followups.filter((x) => x.writer !== e.writer)))));
    }
    return r;
  };
  const texts: string[] = [];
  const xs: number[][] = [];
  for (const e of examples) {
    const lang = detectLang(e.text);
    const r = retrieverFor(e);
    const title = e.context ? r.card(e.context.doc, e.context.section)?.sectionTitle : undefined;
    const previous = e.context && title ? { previous: [e.context] } : {};
    const hits = await r.search(e.text, { k: K, ...searchAudience(audienceHint(e.text)), ...previous });
    const text = modelText(title ? followupQuery(e.text, [title]) : e.text);
    texts.push(text);
    xs.push(answerableFeatures(text, hits, lang, !!title));
  }
  return { texts, xs };
}

async function main(): Promise<void> {
  const base = mkdtempSync(path.join(tmpdir(), 'answerable-'));
  try {
    const indexDir = path.join(base, 'index');
    await ensureIndex(indexDir, { roots: [DEFAULT_ROOT] });
    const data = loadAnswerableData();
    const { examples, hash } = data;
    const { texts, xs } = await computeFeatures(indexDir, data);
    const rows = examples.map((e, i) => ({ text: texts[i]!, signals: xs[i]!, answerable: e.answerable }));
    const ys = examples.map((e) => e.answerable);
    const writers = [...new Set(examples.map((e) => e.writer))].sort();
    const oof = new Array<number>(examples.length).fill(0);
    for (const w of writers) {
      const model = fitAnswerable(rows.filter((_, i) => examples[i]!.writer !== w), DEFAULT_FEATURES);
      examples.forEach((e, i) => {
        if (e.writer === w) oof[i] = probability(model, rows[i]!.text, xs[i]!);
      });
    }
    const choice = chooseThresholdPerKind(oof, ys, examples.map((e) => (e.context ? 'followup' : 'question')));
    const subset = (keep: (e: AnswerableExample) => boolean) => {
      const idx = examples.map((_, i) => i).filter((i) => keep(examples[i]!));
      return rate(idx.map((i) => oof[i]!), idx.map((i) => ys[i]!), choice.threshold);
    };
    const byLang = Object.fromEntries((['nl', 'en'] as const).map((l) => [l, subset((e) => detectLang(e.text) === l)]));
    const byKind = { questions: subset((e) => !e.context), followups: subset((e) => !!e.context) };
    const perWriter = Object.fromEntries(writers.map((w) => [w, subset((e) => e.writer === w)]));
    const model = fitAnswerable(rows, DEFAULT_FEATURES);
    const round = (v: number) => Number(v.toFixed(6));
    const cv = { folds: 'one writer held out per fold', answered: round(choice.answered), declined: round(choice.declined), byKind, byLang, perWriter };
    writeAnswerableArtifact(model, {
      threshold: round(choice.threshold),
      dataHash: hash,
      trainedOn: { answerable: ys.filter(Boolean).length, uncovered: ys.filter((y) => !y).length, writers },
      cv,
    });
    console.log(JSON.stringify({ threshold: round(choice.threshold), ...cv }, null, 2));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

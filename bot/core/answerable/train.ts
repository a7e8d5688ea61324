/**
 * `npm run train:answerable`: computes each example's retrieval features through the real fused retriever (for a
 * labelled routing question, with a router built WITHOUT its writer's questions, so it cannot find itself), then
 * trains one model per kind of message — standalone questions, follow-ups — each cross-validated holding out one
 * writer at a time, with its abstain threshold chosen on the out-of-fold probabilities of its own kind (policy.ts:
 * at least MIN_ANSWERED answered), and writes model/answerable.json and model/answerable-followup.json. A follow-up
 * example is searched and read as the core does it: with the previous answer's card (see computeFeatures).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../../../knowledge/search/load.js';
import { buildRouter, FollowupRouter, followupQuery, MODEL_DIR, outOfFoldScorer, readClassifier, readRoutingSettings, type Router } from '../../../knowledge/search/routing/index.js';
import { detectLang } from '../lang.js';
import { audienceHint, searchAudience } from '../triage/hints.js';
import { writeAnswerableArtifact, type AnswerableKind } from './artifact.js';
import { loadAnswerableData, type AnswerableExample } from './data.js';
import { answerableFeatures, FEATURE_NAMES, modelText } from './features.js';
import { fitAnswerable } from './fit.js';
import { probability } from './model.js';
import { DEFAULT_FEATURES } from '../../../knowledge/search/analyze/features.js';
import { chooseThreshold, rate } from './policy.js';

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
    const isFollowup = (e: AnswerableExample) => !!e.context;
    // The question model does not see the out-of-scope messages read as follow-ups: with them it declined 2.4 points
    // fewer uncovered questions in cross-validation (74.6 → 72.2 %). The follow-up model needs them: without, it
    // answered about a quarter of out-of-scope messages sent after an answer from the previous card.
    const question = trainKind('question', (e) => !e.outOfScope, (e) => !isFollowup(e));
    const followup = trainKind('followup', () => true, isFollowup);
    console.log(JSON.stringify({ question, followup }, null, 2));

    /** Writer-held-out CV on the examples `trainOn` keeps, the threshold on those of this kind, the final fit. */
    function trainKind(kind: AnswerableKind, trainOn: (e: AnswerableExample) => boolean, ofKind: (e: AnswerableExample) => boolean) {
      const idx = examples.flatMap((e, i) => (trainOn(e) ? [i] : []));
      const writers = [...new Set(idx.map((i) => examples[i]!.writer))].sort();
      const oof = new Map<number, number>();
      for (const w of writers) {
        const model = fitAnswerable(idx.filter((i) => examples[i]!.writer !== w).map((i) => rows[i]!), DEFAULT_FEATURES);
        for (const i of idx) if (examples[i]!.writer === w) oof.set(i, probability(model, rows[i]!.text, xs[i]!));
      }
      const scored = idx.filter((i) => ofKind(examples[i]!));
      const choice = chooseThreshold(scored.map((i) => oof.get(i)!), scored.map((i) => examples[i]!.answerable));
      const subset = (keep: (e: AnswerableExample) => boolean) => {
        const kept = scored.filter((i) => keep(examples[i]!));
        return rate(kept.map((i) => oof.get(i)!), kept.map((i) => examples[i]!.answerable), choice.threshold);
      };
      const round = (v: number) => Number(v.toFixed(6));
      const byLang = Object.fromEntries((['nl', 'en'] as const).map((l) => [l, subset((e) => detectLang(e.text) === l)]));
      const perWriter = Object.fromEntries(writers.map((w) => [w, subset((e) => e.writer === w)]));
      const cv = { folds: 'one writer held out per fold', answered: round(choice.answered), declined: round(choice.declined), byLang, perWriter };
      const trained = idx.map((i) => examples[i]!);
      writeAnswerableArtifact(kind, fitAnswerable(idx.map((i) => rows[i]!), DEFAULT_FEATURES), {
        threshold: round(choice.threshold),
        dataHash: hash,
        trainedOn: { answerable: trained.filter((e) => e.answerable).length, uncovered: trained.filter((e) => !e.answerable).length, writers },
        cv,
      });
      return { threshold: round(choice.threshold), answered: cv.answered, declined: cv.declined, byLang };
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

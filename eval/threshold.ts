/**
 * `npx tsx eval/threshold.ts` — choose the abstain threshold from the eval data.
 *
 * Positives: advice items with expected sources (the corpus covers them; the bot should answer).
 * Negatives: items marked `"expect_abstain": true` (work questions the sources do not cover; the bot should abstain).
 * For each candidate signal of the best hit (fused RRF score, n-gram cosine, BM25 raw score) it sweeps thresholds
 * and prints how many positives would still be answered and how many negatives would abstain.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_ROOT, PROJECT_ROOT, ensureIndex } from '../ingest/pipeline.js';
import { loadRetriever } from '../knowledge/search/load.js';
import type { SearchHit } from '../knowledge/search/types.js';
import { audienceHint, createTriage, searchAudience } from '../bot/core/triage/index.js';
import { detectLang } from '../bot/core/lang.js';
import type { Lang } from '../bot/core/types.js';
import { ABSTAIN_THRESHOLD, confidence, coverage, ngramSimilarity } from '../bot/core/compose/confidence.js';
import { parseEvalFile, type EvalItem } from './run.js';

type Signal = 'fused' | 'ngram' | 'bm25' | 'coverage' | 'product';
const signal = (q: string, hits: SearchHit[], s: Signal): number =>
  s === 'fused' ? (hits[0]?.score ?? 0) : s === 'coverage' ? coverage(q, hits) : s === 'product' ? coverage(q, hits) * ngramSimilarity(hits) : Math.max(0, ...hits.map((h) => h.tiers[s]?.score ?? 0));

async function main(): Promise<void> {
  const dir = path.join(PROJECT_ROOT, 'eval');
  const items: (EvalItem & { expect_abstain?: boolean })[] = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const extra = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { expect_abstain?: boolean });
      return parseEvalFile(f, text).map((it, i) => ({ ...it, ...(extra[i]?.expect_abstain ? { expect_abstain: true } : {}) }));
    });
  const base = mkdtempSync(path.join(tmpdir(), 'threshold-'));
  try {
    const indexDir = path.join(base, 'index');
    await ensureIndex(indexDir, { roots: [DEFAULT_ROOT] });
    const retriever = await loadRetriever(indexDir);
    const triage = createTriage();
    const rows: { pos: boolean; lang: Lang; v: Record<Signal | '_check', number> }[] = [];
    const langOf = new Map<number, string>();
    for (const it of items) {
      // Only messages the core would try to answer: triage's advice path.
      if (it.intent !== 'advice' || triage.classify(it.question).route !== 'advice') continue;
      const pos = it.expected_sources.length > 0 && !it.expect_abstain;
      if (!pos && !it.expect_abstain) continue;
      // The same search the core makes: audience only when the message itself hints at one.
      const audience = audienceHint(it.question);
      const hits = await retriever.search(it.question, { k: 8, ...searchAudience(audience) });
      if (pos) langOf.set(rows.length, it.lang);
      rows.push({ pos, lang: detectLang(it.question), v: { _check: confidence(it.question, hits), fused: signal(it.question, hits, 'fused'), ngram: signal(it.question, hits, 'ngram'), bm25: signal(it.question, hits, 'bm25'), coverage: signal(it.question, hits, 'coverage'), product: signal(it.question, hits, 'product') } });
    }
    const P = rows.filter((r) => r.pos);
    const current = (rs: typeof rows) => rs.filter((r) => r.v._check >= ABSTAIN_THRESHOLD[r.lang]).length / rs.length;
    console.log(`current ABSTAIN_THRESHOLD ${JSON.stringify(ABSTAIN_THRESHOLD)} on confidence(): answered ${(current(P) * 100).toFixed(1)}% of positives, abstained on ${((1 - current(rows.filter((r) => !r.pos))) * 100).toFixed(1)}% of negatives`);
    const N = rows.filter((r) => !r.pos);
    for (const lang of ['nl', 'en']) {
      const vals = P.filter((_, i) => langOf.get(rows.indexOf(P[i]!)) === lang).map((r) => r.v.ngram).sort((a, b) => a - b);
      console.log(`${lang} positives: ${vals.length}, n-gram cosine p05 ${vals[Math.floor(vals.length * 0.05)]?.toFixed(3)}, min ${vals[0]?.toFixed(3)}`);
    }
    console.log(`positives (should answer): ${P.length}   negatives (should abstain): ${N.length}\n`);
    for (const s of ['fused', 'ngram', 'bm25', 'coverage', 'product'] as Signal[]) {
      const values = [...new Set(rows.map((r) => r.v[s]))].sort((a, b) => a - b);
      const candidates = values.map((v, i) => (i === 0 ? v : (v + values[i - 1]!) / 2));
      console.log(`signal ${s}: positives min ${Math.min(...P.map((r) => r.v[s])).toFixed(4)}, negatives max ${Math.max(...N.map((r) => r.v[s])).toFixed(4)}`);
      console.log('  threshold   answered(pos)   abstained(neg)   balanced');
      let best = { t: 0, score: -1 };
      const lines: string[] = [];
      for (const t of candidates) {
        const answered = P.filter((r) => r.v[s] >= t).length / P.length;
        const abstained = N.filter((r) => r.v[s] < t).length / N.length;
        const balanced = (answered + abstained) / 2;
        // Prefer keeping answers: a wrong abstain sends someone to a person, a wrong answer misinforms.
        if (answered >= 0.97 && balanced > best.score) best = { t, score: balanced };
        lines.push(`  ${t.toFixed(4).padStart(9)}   ${(answered * 100).toFixed(1).padStart(12)}%   ${(abstained * 100).toFixed(1).padStart(13)}%   ${balanced.toFixed(3)}`);
      }
      const step = Math.max(1, Math.floor(lines.length / 25));
      console.log(lines.filter((_, i) => i % step === 0).join('\n'));
      console.log(`  best with ≥97% of positives answered: ${best.t.toFixed(4)} (balanced ${best.score.toFixed(3)})\n`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`threshold failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});

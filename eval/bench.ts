/**
 * `npm run bench`: speed and size of ingest and retrieval, and retrieval quality per tier.
 *
 * Measures: ingest time and throughput (chunks/s) through the real pipeline, index size on disk, index load time,
 * warm query latency p50/p95 over ≥ 200 queries (the eval questions, repeated), embedding model load time (only
 * when EMBEDDING_MODEL is set), peak RSS. Side by side, recall@1/3/5 and MRR on eval/*.jsonl (items with
 * expected_sources, scored as `npm run eval` does) for: a plain baseline (MiniSearch with its default tokenizer,
 * one field, no stemming, compounds, synonyms or field weights), each tier alone, and the fused retriever.
 * Writes eval/results/bench.json and prints a Markdown table.
 */
import { mkdtemp, readdir, readFile, realpath, rm, stat, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Chunk } from '../knowledge/chunk.js';
import { embedText } from '../knowledge/search/hash.js';
import { buildIndex } from '../knowledge/search/build.js';
import { loadRetriever } from '../knowledge/search/load.js';
import { loadEmbedder } from '../knowledge/search/neural.js';
import type { IndexRetriever } from '../knowledge/search/retriever.js';
import type { SearchHit, SearchOptions, TierName } from '../knowledge/search/types.js';
import { createTriage } from '../bot/core/triage/index.js';
import { neuralFromEnv } from '../ingest/neural-env.js';
import { DEFAULT_ROOT, PROJECT_ROOT, runIngest } from '../ingest/pipeline.js';
import { dedupeBySection, summariseRetrieval, type RetrievalSummary } from './retrieval-metrics.js';
import { parseEvalFile, type EvalItem } from './run.js';

const MIN_QUERIES = 200;

interface Searcher {
  search(query: string, options?: SearchOptions): Promise<Pick<SearchHit, 'chunk'>[]>;
}

export interface BenchRow extends RetrievalSummary {
  name: string;
  /** The same scores over every eval file (including triage questions whose expected source is the hand-off path). */
  all: RetrievalSummary;
  latencyMs: { p50: number; p95: number; max: number };
  queries: number;
}

/** MiniSearch as it comes: default tokenizer, one field, no stemming, compounds, synonyms or weights. */
function baseline(chunks: Chunk[]): Searcher {
  const ms = new MiniSearch<{ id: number; body: string }>({ fields: ['body'] });
  ms.addAll(chunks.map((c, id) => ({ id, body: embedText(c) })));
  return {
    async search(query, options = {}) {
      return ms
        .search(query)
        .slice(0, options.k ?? 5)
        .map((r) => ({ chunk: chunks[r.id as number]! }));
    },
  };
}

export type BenchItem = EvalItem & { file: string };

export async function readEvalItems(dir = path.join(PROJECT_ROOT, 'eval')): Promise<BenchItem[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  const items: BenchItem[] = [];
  for (const f of files) {
    for (const item of parseEvalFile(path.join(dir, f), await readFile(path.join(dir, f), 'utf8'))) items.push({ ...item, file: f });
  }
  return items;
}

/** The retrieval question sets (eval/retrieval-*.jsonl); the headline numbers are over these. */
const isRetrievalSet = (i: BenchItem) => i.file.startsWith('retrieval-');

const pct = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;

/** Quality as `npm run eval` scores it (k=30, audience preference, one hit per section), then warm latency. */
export async function benchSearcher(name: string, s: Searcher, items: BenchItem[]): Promise<BenchRow> {
  const scored = items.filter((i) => i.expected_sources.length > 0);
  const opts = (i: EvalItem): SearchOptions => ({ k: 30, ...(i.audience ? { audience: i.audience } : {}) });
  const rows: { retrieved: Chunk[]; expected: EvalItem['expected_sources']; item: BenchItem }[] = [];
  for (const item of scored) {
    const hits = await s.search(item.question, opts(item));
    rows.push({ retrieved: dedupeBySection(hits.map((h) => h.chunk), 10), expected: item.expected_sources, item });
  }
  const quality = summariseRetrieval(rows.filter((r) => isRetrievalSet(r.item)));
  const overAll = summariseRetrieval(rows);
  // Latency: warm (the loop above warmed caches); at least MIN_QUERIES queries, the eval questions repeated.
  const times: number[] = [];
  const all = items.length > 0 ? items : scored;
  for (let n = 0; n < Math.max(MIN_QUERIES, all.length); n++) {
    const item = all[n % all.length]!;
    const t = performance.now();
    await s.search(item.question, opts(item));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { name, ...quality, all: overAll, latencyMs: { p50: pct(times, 50), p95: pct(times, 95), max: pct(times, 100) }, queries: times.length };
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await dirSize(p) : (await stat(p)).size;
  }
  return total;
}

const f3 = (x: number) => x.toFixed(3);

export function markdown(report: Awaited<ReturnType<typeof runBench>>): string {
  const lines = [
    `Corpus: ${report.ingest.chunks} chunks from ${report.ingest.sources} sources. Quality over ${report.evalItems.retrieval} questions of eval/retrieval-*.jsonl; the last column over all ${report.evalItems.all} eval questions with expected sources (triage hand-off questions included).`,
    '',
    `| Setup | recall@1 | recall@3 | recall@5 | MRR | recall@5 (all files) | p50 ms | p95 ms |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...report.rows.map(
      (r) =>
        `| ${r.name} | ${f3(r['recall@1'])} | ${f3(r['recall@3'])} | ${f3(r['recall@5'])} | ${f3(r.mrr)} | ${f3(r.all['recall@5'])} | ${r.latencyMs.p50} | ${r.latencyMs.p95} |`,
    ),
    '',
    `| Measure | Value |`,
    `| --- | --- |`,
    `| Ingest (full, ${report.ingest.chunks} chunks) | ${report.ingest.ms} ms (${report.ingest.chunksPerSecond} chunks/s) |`,
    `| Index build at scale (${report.scaledBuild.chunks} chunks, no neural) | ${report.scaledBuild.ms} ms (${report.scaledBuild.chunksPerSecond} chunks/s) |`,
    `| Index size on disk | ${(report.index.bytes / 1024).toFixed(0)} KiB |`,
    `| Index load | ${report.index.loadMs} ms |`,
    `| Triage per message (trained model, ${report.triage.messages} messages) | p50 ${report.triage.p50Ms} ms, p95 ${report.triage.p95Ms} ms (model load ${report.triage.loadMs} ms) |`,
    `| Embedding model load | ${report.neural ? `${report.neural.loadMs} ms (${report.neural.model})` : 'not configured (no weights on this machine)'} |`,
    `| Peak RSS: ingest + load + all queries | ${report.servingRssMiB} MiB |`,
    `| Peak RSS: including the 1k-chunk build | ${report.peakRssMiB} MiB |`,
    '',
    `Latency: warm, ${report.rows[0]?.queries ?? 0} queries per setup, 1 process, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}).`,
  ];
  return lines.join('\n');
}

export async function runBench(opts: { roots?: string[]; evalDir?: string } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  try {
    const neural = neuralFromEnv();
    const indexDir = path.join(tmp, 'index');
    const t0 = performance.now();
    const ingest = await runIngest({ roots: opts.roots ?? [DEFAULT_ROOT], indexDir, force: true, ...(neural ? { neural } : {}) });
    const ingestMs = Math.round(performance.now() - t0);
    const realIndex = await realpath(indexDir);
    const bytes = await dirSize(realIndex);

    const t1 = performance.now();
    const retriever: IndexRetriever = await loadRetriever(indexDir, neural ? { neural } : {});
    const loadMs = Math.round(performance.now() - t1);

    let neuralInfo: { model: string; loadMs: number } | undefined;
    if (neural) {
      const t = performance.now();
      await loadEmbedder(neural);
      neuralInfo = { model: neural.model, loadMs: Math.round(performance.now() - t) };
    }

    const items = await readEvalItems(opts.evalDir);
    const rows: BenchRow[] = [];
    rows.push(await benchSearcher('baseline: MiniSearch defaults, one field', baseline([...retriever.chunks]), items));
    const tiers: TierName[] = retriever.manifest.tiers;
    for (const t of tiers) rows.push(await benchSearcher(`${t} alone`, retriever.withTiers([t]), items));
    rows.push(await benchSearcher(`fused: ${tiers.join(' + ')}`, retriever, items));
    // Triage cost per message: the trained model (features + dot products + policy) over every eval question.
    const t3 = performance.now();
    const triage = createTriage();
    const triageLoadMs = Math.round(performance.now() - t3);
    for (const it of items.slice(0, 50)) triage.classify(it.question); // warm-up
    const triageTimes: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const it of items) {
        const s0 = performance.now();
        triage.classify(it.question);
        triageTimes.push(performance.now() - s0);
      }
    }
    triageTimes.sort((a, b) => a - b);
    const q = (p: number) => Number(triageTimes[Math.min(triageTimes.length - 1, Math.floor((p / 100) * triageTimes.length))]!.toFixed(3));
    const triageBench = { messages: triageTimes.length, loadMs: triageLoadMs, p50Ms: q(50), p95Ms: q(95) };
    // Peak RSS of serving: index loaded and queried (before the scale test below allocates more).
    const servingRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);

    // Throughput at a larger scale: the corpus repeated (ids made unique) to about 1,000 chunks, index build only.
    const copies = Math.max(1, Math.ceil(1000 / Math.max(1, retriever.chunks.length)));
    const scaled = Array.from({ length: copies }, (_, n) =>
      retriever.chunks.map((c) => ({ ...c, id: `${c.id}#${n}`, text: `${c.text} (${n})` })),
    ).flat();
    const t2 = performance.now();
    await buildIndex(scaled, { outDir: path.join(tmp, 'scaled'), sources: {} });
    const scaledMs = Math.round(performance.now() - t2);


    return {
      createdAt: new Date().toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version },
      ingest: {
        ms: ingestMs,
        chunks: ingest.chunkCount,
        sources: ingest.sourceCount,
        chunksPerSecond: Math.round((ingest.chunkCount / ingestMs) * 1000),
      },
      index: { bytes, loadMs, tiers },
      scaledBuild: { chunks: scaled.length, ms: scaledMs, chunksPerSecond: Math.round((scaled.length / scaledMs) * 1000) },
      neural: neuralInfo,
      evalItems: {
        retrieval: items.filter((i) => i.expected_sources.length > 0 && isRetrievalSet(i)).length,
        all: items.filter((i) => i.expected_sources.length > 0).length,
      },
      rows,
      triage: triageBench,
      servingRssMiB,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench.ts')) {
  const report = await runBench();
  const out = path.join(PROJECT_ROOT, 'eval', 'results');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'bench.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(markdown(report));
  console.log(`\nwritten: eval/results/bench.json`);
}

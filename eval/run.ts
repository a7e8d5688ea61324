/**
 * `npm run eval -- [--file <questions.jsonl>]… [--followups <pairs.jsonl>] [--json <out.json>] [--index data/index] [--keep-index]`
 *
 * Runs every question of the eval files (default: every eval/*.jsonl) through the retriever and scores it. The
 * per-item work is a list of scorers: each adds its own fields to the item record and may add a summary block, so
 * answer metrics (predicted intent, answer text, citations) plug in beside the retrieval scorer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Retriever, SearchHit } from '../knowledge/search/types.js';
import { Audience } from '../knowledge/taxonomy.js';
import { neuralFromEnv } from '../ingest/neural-env.js';
import { DEFAULT_INDEX_DIR, DEFAULT_ROOT, PROJECT_ROOT, ensureIndex, indexedExtraSources } from '../ingest/pipeline.js';
import { dedupeBySection, firstRelevantRank, summariseRetrieval, type RankedSource } from './retrieval-metrics.js';
import { answerScorer, evalCore, formatAnswerSummary } from './answer-metrics.js';
import { formatFollowups, parseFollowupFile, runFollowups, runOutOfScopeAfterAnswer } from './followups.js';
import { parseJsonl } from './jsonl.js';

export const EvalItem = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  lang: z.enum(['nl', 'en']),
  audience: Audience.optional(),
  /** `manager-steps`: a leidinggevende with a melding in hand, who should get the steps (older sets write these as advice with audience leidinggevende). */
  intent: z.enum(['advice', 'manager-steps', 'handoff', 'out-of-scope']),
  expected_sources: z.array(z.object({ doc: z.string().min(1), section: z.string().min(1) })),
  must_include: z.array(z.string()),
  must_not_include: z.array(z.string()),
  /** An advice question about reporting or the vertrouwenspersoon in general: must not be handed off. */
  near_miss: z.boolean().optional(),
  /** A work question the sources do not cover: the bot should abstain (used by eval/threshold.ts). */
  expect_abstain: z.boolean().optional(),
  /** Free text from the writer; "near-miss…" marks a near miss. */
  notes: z.string().optional(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export { EvalFileError } from './jsonl.js';

/** Parse a JSONL eval file; a bad line is an error naming file:line and the field. Blank lines are allowed. */
export function parseEvalFile(file: string, text: string): EvalItem[] {
  return parseJsonl(file, text, EvalItem);
}

/** Everything a scorer may look at for one item. */
export interface ItemContext {
  item: EvalItem;
  file: string;
  retriever: Retriever;
  /** Raw hits in rank order (up to 30). */
  hits: SearchHit[];
  /** Distinct doc+section in rank order, top 10. */
  retrieved: RankedSource[];
}

export interface ItemRecord {
  id: string;
  file: string;
  retrieved: RankedSource[];
  [field: string]: unknown;
}

export interface ItemScorer {
  name: string;
  score(ctx: ItemContext): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** A block for the report's summary, computed over all item records. */
  summarise?(records: ItemRecord[], items: EvalItem[]): Record<string, unknown>;
}

export const retrievalScorer: ItemScorer = {
  name: 'retrieval',
  score: ({ item, retrieved }) => ({
    expected_sources: item.expected_sources,
    first_relevant_rank: item.expected_sources.length > 0 ? (firstRelevantRank(retrieved, item.expected_sources) ?? null) : null,
  }),
  summarise: (records, items) =>
    ({ ...summariseRetrieval(records.map((r, i) => ({ retrieved: r.retrieved, expected: items[i]!.expected_sources }))) }),
};

export interface EvalReport {
  summary: {
    files: string[];
    items: number;
    index?: { tiers: string[]; chunkCount: number };
    perFile: Record<string, Record<string, unknown>>;
    [scorer: string]: unknown;
  };
  items: ItemRecord[];
}

export async function runEval(opts: {
  files: { file: string; items: EvalItem[] }[];
  retriever: Retriever;
  scorers?: ItemScorer[];
}): Promise<EvalReport> {
  const scorers = opts.scorers ?? [retrievalScorer];
  const records: ItemRecord[] = [];
  const all: EvalItem[] = [];
  for (const { file, items } of opts.files) {
    for (const item of items) {
      const hits = await opts.retriever.search(item.question, { k: 30, ...(item.audience ? { audience: item.audience } : {}) });
      const retrieved = dedupeBySection(
        hits.map((h) => ({ doc: h.chunk.doc, section: h.chunk.section, score: Number(h.score.toFixed(6)) })),
        10,
      );
      const ctx: ItemContext = { item, file, retriever: opts.retriever, hits, retrieved };
      const record: ItemRecord = { id: item.id, file, question: item.question, lang: item.lang, intent: item.intent, retrieved };
      for (const s of scorers) Object.assign(record, await s.score(ctx));
      records.push(record);
      all.push(item);
    }
  }
  const summary: EvalReport['summary'] = {
    files: opts.files.map((f) => f.file),
    items: records.length,
    index: { tiers: opts.retriever.manifest.tiers, chunkCount: opts.retriever.manifest.chunkCount },
    perFile: {},
  };
  for (const s of scorers) if (s.summarise) summary[s.name] = s.summarise(records, all);
  for (const { file } of opts.files) {
    const idx = records.flatMap((r, i) => (r.file === file ? [i] : []));
    const block: Record<string, unknown> = { items: idx.length };
    for (const s of scorers) {
      if (s.summarise) block[s.name] = s.summarise(idx.map((i) => records[i]!), idx.map((i) => all[i]!));
    }
    summary.perFile[file] = block;
  }
  return { summary, items: records };
}

function pct(n: unknown): string {
  return typeof n === 'number' ? (n * 100).toFixed(1).padStart(6) + '%' : '     -';
}

/** A plain-text table of the retrieval summary per file and overall, plus the misses. */
export function formatReport(report: EvalReport): string {
  const rows: string[] = [];
  const head = `${'file'.padEnd(36)} ${'items'.padStart(5)} ${'scored'.padStart(6)}   R@1      R@3      R@5      MRR`;
  rows.push(head, '-'.repeat(head.length));
  const line = (name: string, items: number, r: Record<string, unknown> | undefined) =>
    `${name.padEnd(36)} ${String(items).padStart(5)} ${String(r?.scored ?? 0).padStart(6)} ${pct(r?.['recall@1'])} ${pct(r?.['recall@3'])} ${pct(r?.['recall@5'])} ${typeof r?.mrr === 'number' ? r.mrr.toFixed(3).padStart(8) : '       -'}`;
  for (const [file, block] of Object.entries(report.summary.perFile)) {
    rows.push(line(path.basename(file), block.items as number, block.retrieval as Record<string, unknown> | undefined));
  }
  rows.push('-'.repeat(head.length));
  rows.push(line('all', report.summary.items, report.summary.retrieval as Record<string, unknown> | undefined));
  const misses = report.items.filter((r) => Array.isArray(r.expected_sources) && (r.expected_sources as unknown[]).length > 0 && (r.first_relevant_rank === null || (r.first_relevant_rank as number) > 5));
  if (misses.length > 0) {
    rows.push('', `not in top 5 (${misses.length}):`);
    for (const m of misses) {
      const exp = (m.expected_sources as { doc: string; section: string }[]).map((e) => `${e.doc} ${e.section}`).join(', ');
      const got = m.retrieved.slice(0, 3).map((r) => `${r.doc} ${r.section}`).join(', ');
      rows.push(`  ${m.id}: expected ${exp}; got ${got}${m.first_relevant_rank ? ` (found at ${m.first_relevant_rank})` : ''}`);
    }
  }
  return rows.join('\n');
}

/** Follow-up pairs live in a folder of their own: every eval/*.jsonl reader expects single questions. */
const FOLLOWUPS_DIR = path.join(PROJECT_ROOT, 'eval', 'followups');

function defaultFollowupFiles(): string[] {
  if (!existsSync(FOLLOWUPS_DIR)) return [];
  return readdirSync(FOLLOWUPS_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(FOLLOWUPS_DIR, f));
}

function defaultFiles(): string[] {
  const dir = path.join(PROJECT_ROOT, 'eval');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', multiple: true },
      json: { type: 'string' },
      index: { type: 'string' },
      'keep-index': { type: 'boolean', default: false },
      followups: { type: 'string' },
    },
  });
  const followupFiles = values.followups ? [values.followups] : defaultFollowupFiles();
  const followupItems = followupFiles.flatMap((f) => parseFollowupFile(f, readFileSync(f, 'utf8')));
  const followupFile = followupFiles.length > 0 ? followupFiles.map((f) => path.relative(process.cwd(), f) || f).join(' + ') : undefined;
  const files = values.file && values.file.length > 0 ? values.file : defaultFiles();
  if (files.length === 0) throw new Error('no eval files: pass --file <questions.jsonl> or add eval/*.jsonl');
  const parsed = files.map((file) => ({ file: path.relative(process.cwd(), file) || file, items: parseEvalFile(file, readFileSync(file, 'utf8')) }));
  const indexDir = path.resolve(values.index ?? DEFAULT_INDEX_DIR);
  const neural = neuralFromEnv();
  // An incremental ingest first (cheap when the corpus is unchanged), so the eval never scores a stale index.
  // Extra documents an operator ingested into this index stay in it.
  const roots = [DEFAULT_ROOT, ...indexedExtraSources(indexDir)];
  const ingest = await ensureIndex(indexDir, { roots, refresh: !values['keep-index'], ...(neural ? { neural } : {}) });
  console.log(
    `index: ${path.relative(process.cwd(), indexDir) || indexDir} (${ingest.chunkCount} chunks, tiers ${ingest.manifest.tiers.join('+')}` +
      `${ingest.built ? `, rebuilt: ${ingest.changedSources.length} changed source(s)` : ', up to date'})\n`,
  );
  const { loadRetriever } = await import('../knowledge/search/load.js');
  const retriever = await loadRetriever(indexDir, neural ? { neural } : {});
  const report = await runEval({ files: parsed, retriever, scorers: [retrievalScorer, answerScorer()] });
  console.log(formatReport(report));
  console.log(`\n${formatAnswerSummary(report.summary.answer as Record<string, unknown> | undefined)}`);
  // A fresh core: the follow-ups must not share the question eval's core (its rate state, its sealing key).
  const followups = followupFile ? await runFollowups(evalCore(retriever), followupItems) : undefined;
  if (followups && followupFile) console.log(`\n${formatFollowups(followupFile, followups)}`);
  const outOfScope = parsed.flatMap((f) => f.items.filter((i) => i.intent === 'out-of-scope').map((i) => ({ id: i.id, text: i.question })));
  const firsts = followupItems.filter((i) => !i.expect_abstain).map((i) => i.first);
  const afterAnswer = outOfScope.length > 0 && firsts.length > 0 ? await runOutOfScopeAfterAnswer(evalCore(retriever), outOfScope, firsts) : undefined;
  if (afterAnswer) console.log(`\nout of scope right after an answer: ${afterAnswer.items} messages, answered from a card ${(afterAnswer.answered * 100).toFixed(1)} %`);
  if (values.json) {
    await mkdir(path.dirname(path.resolve(values.json)), { recursive: true });
    await writeFile(values.json, JSON.stringify({ ...report, ...(followups ? { followups } : {}), ...(afterAnswer ? { out_of_scope_after_answer: afterAnswer } : {}) }, null, 2));
    console.log(`\nwritten: ${values.json}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((e: unknown) => {
    console.error(`eval failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}

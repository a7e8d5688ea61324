/** Retrieval quality on the eval question files: recall@k and MRR against `expected_sources`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Retriever, SearchOptions } from './types.js';

export const EvalItem = z
  .object({
    id: z.string(),
    question: z.string(),
    lang: z.string().optional(),
    audience: z.string().optional(),
    expected_sources: z.array(z.object({ doc: z.string(), section: z.string() })).default([]),
  })
  .passthrough();
export type EvalItem = z.infer<typeof EvalItem>;

/** All items of eval/*.jsonl (errors name file and line). */
export function readEvalItems(dir: string): EvalItem[] {
  const items: EvalItem[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = path.join(dir, f);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        let data: unknown;
        try {
          data = JSON.parse(line);
        } catch {
          throw new Error(`${file}:${i + 1}: not valid JSON`);
        }
        const r = EvalItem.safeParse(data);
        if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
        items.push(r.data);
      });
  }
  return items;
}

export interface RetrievalScores {
  n: number;
  recall1: number;
  recall3: number;
  recall5: number;
  mrr: number;
  misses: string[];
}

export async function scoreRetrieval(
  retriever: Retriever,
  items: EvalItem[],
  opts: { useAudience?: boolean } = {},
): Promise<RetrievalScores> {
  const withSources = items.filter((i) => i.expected_sources.length > 0);
  let r1 = 0;
  let r3 = 0;
  let r5 = 0;
  let rr = 0;
  const misses: string[] = [];
  for (const item of withSources) {
    const search: SearchOptions = { k: 5 };
    if (opts.useAudience && item.audience) search.audience = item.audience as SearchOptions['audience'];
    const hits = await retriever.search(item.question, search);
    const want = new Set(item.expected_sources.map((s) => `${s.doc}|${s.section}`));
    const rank = hits.findIndex((h) => want.has(`${h.chunk.doc}|${h.chunk.section}`)) + 1;
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 3) r3++;
    if (rank >= 1 && rank <= 5) r5++;
    if (rank >= 1) rr += 1 / rank;
    if (rank === 0) misses.push(item.id);
  }
  const n = withSources.length || 1;
  return { n: withSources.length, recall1: r1 / n, recall3: r3 / n, recall5: r5 / n, mrr: rr / n, misses };
}

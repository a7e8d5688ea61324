/**
 * Retrieval metrics for the eval harness. A retrieved passage matches an expected source when the document codes
 * are equal and the sections are equal ignoring case, spaces and a leading "art."/"artikel"/"§" ("art. 15" =
 * "Artikel 15" = "15"; "4.1" = "4.1").
 */

export interface SourceRef {
  doc: string;
  section: string;
}

export interface RankedSource extends SourceRef {
  score: number;
}

export function normaliseSection(section: string): string {
  return section
    .toLowerCase()
    .trim()
    .replace(/^(?:artikel|art\.?|§)\s*/u, '')
    .replace(/\s+/g, '');
}

export function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.doc.trim().toUpperCase() === b.doc.trim().toUpperCase() && normaliseSection(a.section) === normaliseSection(b.section);
}

/** Keep the first (best-ranked) hit of each doc+section, in rank order, at most `limit`. */
export function dedupeBySection<T extends SourceRef>(hits: T[], limit = 10): T[] {
  const out: T[] = [];
  for (const h of hits) {
    if (out.some((o) => sameSource(o, h))) continue;
    out.push(h);
    if (out.length >= limit) break;
  }
  return out;
}

/** 1-based rank of the first retrieved source that matches any expected source; undefined when none does. */
export function firstRelevantRank(retrieved: SourceRef[], expected: SourceRef[]): number | undefined {
  const i = retrieved.findIndex((r) => expected.some((e) => sameSource(r, e)));
  return i < 0 ? undefined : i + 1;
}

/** Hit-based recall@k: 1 when at least one expected source is among the top k, else 0. */
export function recallAt(retrieved: SourceRef[], expected: SourceRef[], k: number): number {
  const rank = firstRelevantRank(retrieved, expected);
  return rank !== undefined && rank <= k ? 1 : 0;
}

export function reciprocalRank(retrieved: SourceRef[], expected: SourceRef[]): number {
  const rank = firstRelevantRank(retrieved, expected);
  return rank === undefined ? 0 : 1 / rank;
}

export interface RetrievalSummary {
  /** Items that have expected sources (the others do not count towards the averages). */
  scored: number;
  'recall@1': number;
  'recall@3': number;
  'recall@5': number;
  mrr: number;
}

export function summariseRetrieval(items: { retrieved: SourceRef[]; expected: SourceRef[] }[]): RetrievalSummary {
  const scored = items.filter((i) => i.expected.length > 0);
  const mean = (f: (i: (typeof scored)[number]) => number) =>
    scored.length === 0 ? 0 : scored.reduce((s, i) => s + f(i), 0) / scored.length;
  return {
    scored: scored.length,
    'recall@1': mean((i) => recallAt(i.retrieved, i.expected, 1)),
    'recall@3': mean((i) => recallAt(i.retrieved, i.expected, 3)),
    'recall@5': mean((i) => recallAt(i.retrieved, i.expected, 5)),
    mrr: mean((i) => reciprocalRank(i.retrieved, i.expected)),
  };
}

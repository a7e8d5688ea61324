/**
 * Explicit references in a question: "artikel 28 Gemeentewet", "GIR 4.1", "art. 41b gemeentewet". When a question
 * names both a document and a section number that exist, that section is what the user asked for, so it is pinned
 * to the top of the results whatever the other tiers think (number tokens carry little weight in BM25 and almost
 * none in the n-gram tier).
 */
import type { Chunk } from '../chunk.js';
import { isStopword, tokenize } from './analyze/index.js';

/** "art. 15" → "15", "Artikel 41b" → "41b", "§ 2" → "2", "4.1" → "4.1". */
export function sectionKey(section: string): string {
  return tokenize(section.replace(/^\s*(?:artikel|art\.?|§)\s*/i, ''))
    .join(' ')
    .trim();
}

interface DocNames {
  code: string;
  titleWords: string[];
}

export class ReferenceFinder {
  private readonly docs = new Map<string, DocNames>();
  private readonly bySection = new Map<string, number[]>();

  constructor(private readonly chunks: readonly Chunk[]) {
    chunks.forEach((c, i) => {
      if (!this.docs.has(c.doc)) {
        const titleWords = tokenize(c.docTitle).filter((t) => !isStopword(t) && !/\d/.test(t));
        this.docs.set(c.doc, { code: c.doc.toLowerCase(), titleWords });
      }
      const key = sectionKey(c.section);
      if (!/\d/.test(key)) return;
      const list = this.bySection.get(key) ?? [];
      list.push(i);
      this.bySection.set(key, list);
    });
  }

  /** Indexes of chunks whose document and section number are both named in the query. */
  find(query: string): number[] {
    const tokens = tokenize(query);
    const numbers = tokens.filter((t) => /\d/.test(t));
    if (numbers.length === 0) return [];
    const present = new Set(tokens);
    const folded = query.toLowerCase();
    const mentioned = (doc: string): boolean => {
      const names = this.docs.get(doc)!;
      if (present.has(names.code) || (names.code.includes('-') && folded.includes(names.code))) return true;
      return names.titleWords.length > 0 && names.titleWords.every((w) => present.has(w));
    };
    const out: number[] = [];
    for (const n of numbers) {
      for (const i of this.bySection.get(n) ?? []) {
        if (mentioned(this.chunks[i]!.doc) && !out.includes(i)) out.push(i);
      }
    }
    return out;
  }
}

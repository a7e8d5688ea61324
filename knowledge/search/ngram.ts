/**
 * Character n-gram vector tier. Every content word is wrapped in boundary marks ("<geschenk>") and cut into
 * 3–5-grams, hashed (FNV-1a) into a fixed number of dimensions, weighted with sublinear tf and an idf learned from
 * the corpus, then L2-normalised. Word forms and typos share most n-grams with the right word, so "nevenfunkties"
 * and "gescenk" still land near "nevenfuncties" and "geschenk".
 *
 * Document vectors carry tf only (no idf) so they do not depend on the rest of the corpus and can be reused across
 * re-ingests; the idf is applied to the query vector, which weights every shared n-gram by its idf once.
 */
import { isStopword, tokenize } from './analyze/index.js';
import { fnv1a } from './hash.js';

export interface NgramConfig {
  dimensions: number;
  n: number[];
}

export const DEFAULT_NGRAM: NgramConfig = { dimensions: 2048, n: [3, 4, 5] };

/** Sparse term-frequency counts per hashed dimension. */
export function ngramCounts(text: string, cfg: NgramConfig): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokenize(text)) {
    if (isStopword(token)) continue;
    const w = `<${token}>`;
    for (const n of cfg.n) {
      if (w.length < n) continue;
      for (let i = 0; i + n <= w.length; i++) {
        const d = fnv1a(w.slice(i, i + n)) % cfg.dimensions;
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export function normalize(v: Float32Array | number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(v, (x) => x / norm);
}

/** Document vector: sublinear tf, L2-normalised. */
export function ngramDocVector(text: string, cfg: NgramConfig): number[] {
  const v = new Float32Array(cfg.dimensions);
  for (const [d, tf] of ngramCounts(text, cfg)) v[d] = 1 + Math.log(tf);
  return normalize(v);
}

/** Query vector: sublinear tf × idf, L2-normalised. */
export function ngramQueryVector(text: string, cfg: NgramConfig, idf: number[]): number[] {
  const v = new Float32Array(cfg.dimensions);
  for (const [d, tf] of ngramCounts(text, cfg)) v[d] = (1 + Math.log(tf)) * (idf[d] ?? 1);
  return normalize(v);
}

/** Smoothed idf per dimension over the given documents. */
export function learnIdf(texts: string[], cfg: NgramConfig): number[] {
  const df = new Uint32Array(cfg.dimensions);
  for (const t of texts) for (const d of ngramCounts(t, cfg).keys()) df[d]! += 1;
  const n = texts.length;
  return Array.from(df, (x) => Math.log((n + 1) / (x + 1)) + 1);
}

/** File names inside an index directory, and a JSON reader whose errors name the file. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.json',
  bm25: 'bm25.json',
  ngram: 'ngram.hnsw',
  ngramMeta: 'ngram-meta.json',
  neural: 'neural.hnsw',
  neuralMeta: 'neural-meta.json',
} as const;

export function readText(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new Error(`search index incomplete: ${file} is missing (run npm run ingest)`);
  return readFileSync(file, 'utf8');
}

export function readJson<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  const file = path.join(dir, name);
  const text = readText(dir, name);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`search index corrupt: ${file} is not valid JSON (run npm run ingest)`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`search index corrupt: ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return r.data;
}

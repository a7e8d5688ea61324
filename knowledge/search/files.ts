/**
 * File names inside an index directory, readers whose errors name the file, and the checksums that make every
 * file verifiable: manifest.json records the sha256 of each other file (`files`), and every reader checks the
 * bytes it parses against it, so one changed byte is an error naming the file, never a silently different index.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { sha256 } from './hash.js';

export const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.json',
  bm25: 'bm25.json',
  ngram: 'ngram.hnsw',
  ngramMeta: 'ngram-meta.json',
  neural: 'neural.hnsw',
  neuralMeta: 'neural-meta.json',
} as const;

/** The files every index has; the neural pair is added when the manifest lists the neural tier. */
export const REQUIRED_FILES = [FILES.chunks, FILES.bm25, FILES.ngram, FILES.ngramMeta] as const;

/** The sha256 of each named file in `dir` (for the manifest). */
export function fileChecksums(dir: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, sha256(readFileSync(path.join(dir, n)))]));
}

/** The bytes of `name`; with `expected`, only when their sha256 matches (the error names the file). */
export function readBytes(dir: string, name: string, expected?: string): Buffer {
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new Error(`search index incomplete: ${file} is missing (run npm run ingest)`);
  const bytes = readFileSync(file);
  if (expected !== undefined && sha256(bytes) !== expected) {
    throw new Error(`search index corrupt: ${file} does not match its checksum in ${FILES.manifest} (run npm run ingest)`);
  }
  return bytes;
}

export function readText(dir: string, name: string, expected?: string): string {
  return readBytes(dir, name, expected).toString('utf8');
}

export function readJson<T>(dir: string, name: string, schema: z.ZodType<T>, expected?: string): T {
  const file = path.join(dir, name);
  const text = readText(dir, name, expected);
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

/** The files a manifest must have checksums for. */
export function expectedFiles(manifest: { tiers: string[]; neural?: unknown }): string[] {
  return [...REQUIRED_FILES, ...(manifest.neural ? [FILES.neural, FILES.neuralMeta] : [])];
}

/**
 * The checksum of each file the manifest must list, or an error naming what is wrong: a manifest without
 * checksums (written by an older version) cannot be verified and counts as damaged.
 */
export function manifestChecksums(dir: string, manifest: { tiers: string[]; neural?: unknown; files?: Record<string, string> }): Record<string, string> {
  const listed = manifest.files ?? {};
  const missing = expectedFiles(manifest).filter((n) => !listed[n]);
  if (missing.length) {
    throw new Error(`search index unverifiable: ${path.join(dir, FILES.manifest)} has no checksum for ${missing.join(', ')} (run npm run ingest)`);
  }
  return listed;
}

/**
 * Every problem of the index in `dir` that a checksum can show: a missing or unreadable manifest, a missing
 * checksum, a missing file, a file whose bytes changed. Empty when the index is intact.
 */
export function verifyIndexFiles(dir: string): string[] {
  let manifest: { tiers: string[]; neural?: unknown; files?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, FILES.manifest), 'utf8'));
    if (!manifest || !Array.isArray(manifest.tiers)) throw new Error('unexpected shape');
  } catch (e) {
    return [`${FILES.manifest}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable'}`];
  }
  let checksums: Record<string, string>;
  try {
    checksums = manifestChecksums(dir, manifest);
  } catch {
    return [`${FILES.manifest}: no checksums for every file`];
  }
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(checksums)) {
    const file = path.join(dir, name);
    if (path.basename(name) !== name) problems.push(`${FILES.manifest}: unexpected file name ${name}`);
    else if (!existsSync(file)) problems.push(`${name}: missing`);
    else if (sha256(readFileSync(file)) !== expected) problems.push(`${name}: checksum mismatch`);
  }
  return problems;
}

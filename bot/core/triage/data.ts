/**
 * The labelled training messages: `data/writer-*.jsonl`, one file per writer (docs/triage.md is the guide they
 * were written to). The writer id travels with every example so that cross-validation can hold out whole writers.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LABELS } from './labels.js';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export const TrainingExample = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  label: z.enum(LABELS),
  lang: z.enum(['nl', 'en', 'mixed']),
  topic: z.string().min(1),
  speaker: z.string().min(1),
  pair: z.string().optional(),
});
export type TrainingExample = z.infer<typeof TrainingExample> & { writer: string };

export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

export function dataFiles(dir = DATA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /^writer-[\w-]+\.jsonl$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export function parseTrainingFile(file: string, text: string): TrainingExample[] {
  const writer = path.basename(file).replace(/^writer-/, '').replace(/\.jsonl$/, '');
  const out: TrainingExample[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new TrainingDataError(`${path.basename(file)}:${i + 1}: not valid JSON`);
    }
    const r = TrainingExample.safeParse(data);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new TrainingDataError(`${path.basename(file)}:${i + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    out.push({ ...r.data, writer });
  });
  return out;
}

export function loadTrainingData(dir = DATA_DIR): { examples: TrainingExample[]; hash: string } {
  const hash = createHash('sha256');
  const examples: TrainingExample[] = [];
  const ids = new Set<string>();
  for (const file of dataFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    hash.update(path.basename(file)).update('\0').update(text.replace(/\r\n/g, '\n')).update('\0');
    for (const e of parseTrainingFile(file, text)) {
      if (ids.has(e.id)) throw new TrainingDataError(`${path.basename(file)}: duplicate id "${e.id}"`);
      ids.add(e.id);
      examples.push(e);
    }
  }
  return { examples, hash: hash.digest('hex') };
}

/**
 * What the answerability model learns from. Positives: the routing tier's labelled questions (each answered by a
 * known card). Negatives: `data/uncovered-*.jsonl`, integrity-flavoured work questions no card answers (dress
 * code, leave, pay, tattoos, …), written fresh by writers who never saw an eval file; a test rejects near copies of
 * eval items both ways. The writer travels along so cross-validation can hold out whole writers.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readWriterFiles } from '../../../knowledge/writer-files.js';
import { loadRoutingData, ROUTING_DATA_DIR } from '../../../knowledge/search/routing/data.js';

export const ANSWERABLE_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export const UncoveredExample = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  lang: z.enum(['nl', 'en', 'mixed']),
  topic: z.string().min(1),
});

export interface AnswerableExample {
  id: string;
  text: string;
  lang: 'nl' | 'en' | 'mixed';
  writer: string;
  answerable: boolean;
}

export function loadUncovered(dir = ANSWERABLE_DATA_DIR): { examples: AnswerableExample[]; hash: string } {
  const { rows, hash } = readWriterFiles(dir, 'uncovered', UncoveredExample);
  return { examples: rows.map((r) => ({ id: r.id, text: r.text, lang: r.lang, writer: r.writer, answerable: false })), hash };
}

/** Both kinds, with one hash over both sources: the trained model records it and a test fails on drift. */
export function loadAnswerableData(routingDir = ROUTING_DATA_DIR, uncoveredDir = ANSWERABLE_DATA_DIR) {
  const routing = loadRoutingData(routingDir);
  const uncovered = loadUncovered(uncoveredDir);
  const positives: AnswerableExample[] = routing.examples.map((e) => ({ id: e.id, text: e.text, lang: e.lang, writer: e.writer, answerable: true }));
  const hash = createHash('sha256').update(routing.hash).update(uncovered.hash).digest('hex');
  return { examples: [...positives, ...uncovered.examples], routing: routing.examples, hash };
}

/**
 * Card routing examples: chat questions labelled with the card that answers them, `data/writer-*.jsonl`, one
 * file per writer (fresh questions, none copied from a card's own `questions`, none from an eval file — a test
 * checks the latter). The writer id travels along so cross-validation can hold out whole writers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readWriterFiles } from '../../writer-files.js';

export const ROUTING_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export const RoutingExample = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  doc: z.string().min(1),
  section: z.string().min(1),
  lang: z.enum(['nl', 'en', 'mixed']),
  speaker: z.string().min(1),
});
export type RoutingExample = z.infer<typeof RoutingExample> & { writer: string };

/** The card a routing label points at: document code and section, as in the card's frontmatter. */
export const cardKey = (x: { doc: string; section: string }) => `${x.doc}\u0000${x.section}`;

export function loadRoutingData(dir = ROUTING_DATA_DIR): { examples: RoutingExample[]; hash: string } {
  const { rows, hash } = readWriterFiles(dir, 'writer', RoutingExample);
  return { examples: rows, hash };
}

/**
 * Card routing examples: chat questions labelled with the card that answers them, `data/writer-*.jsonl`, one
 * file per writer (fresh questions, none copied from a card's own `questions`, none from an eval file — a test
 * checks the latter). The writer id travels along so cross-validation can hold out whole writers.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  const hash = createHash('sha256');
  const examples: RoutingExample[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^writer-[\w-]+\.jsonl$/.test(f))
    .sort();
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    hash.update(f).update('\0').update(text.replace(/\r\n/g, '\n')).update('\0');
    const writer = f.replace(/^writer-/, '').replace(/\.jsonl$/, '');
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      const r = RoutingExample.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`${f}:${i + 1}: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
      examples.push({ ...r.data, writer });
    });
  }
  return { examples, hash: hash.digest('hex') };
}

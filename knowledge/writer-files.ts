/**
 * Labelled data kept one file per writer (`<prefix>-<writer>.jsonl`), as the routing questions and the uncovered
 * questions are: every line checked by a zod schema, the writer id taken from the file name (cross-validation holds
 * out whole writers), and one hash over all files so a trained artifact can record what it was trained on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export function readWriterFiles<S extends z.ZodTypeAny>(dir: string, prefix: string, schema: S): { rows: (z.infer<S> & { writer: string })[]; hash: string } {
  const hash = createHash('sha256');
  const rows: (z.infer<S> & { writer: string })[] = [];
  const name = new RegExp(`^${prefix}-([\\w-]+)\\.jsonl$`);
  for (const f of readdirSync(dir).filter((x) => name.test(x)).sort()) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    hash.update(f).update('\0').update(text.replace(/\r\n/g, '\n')).update('\0');
    const writer = name.exec(f)![1]!;
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new Error(`${f}:${i + 1}: not valid JSON`);
      }
      const r = schema.safeParse(data);
      if (!r.success) throw new Error(`${f}:${i + 1}: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
      rows.push({ ...(r.data as z.infer<S>), writer });
    });
  }
  return { rows, hash: hash.digest('hex') };
}

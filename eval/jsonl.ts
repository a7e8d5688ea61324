/** Reading the eval's JSONL files: one item per line, checked by a zod schema, ids unique within a file. */
import type { z } from 'zod';

export class EvalFileError extends Error {
  override name = 'EvalFileError';
}

/** Parses a JSONL file; a bad line is an error naming file:line and the field. Blank lines are allowed. */
export function parseJsonl<S extends z.ZodType<{ id: string }>>(file: string, text: string, schema: S): z.infer<S>[] {
  const items: z.infer<S>[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      throw new EvalFileError(`${where}: not valid JSON (${(e as Error).message})`);
    }
    const r = schema.safeParse(data);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new EvalFileError(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const item = r.data as z.infer<S>;
    if (ids.has(item.id)) throw new EvalFileError(`${where}: id: duplicate id "${item.id}"`);
    ids.add(item.id);
    items.push(item);
  });
  return items;
}

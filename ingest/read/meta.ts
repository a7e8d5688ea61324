/**
 * Document metadata for non-card sources (PDF, TXT, HTML, DOCX): from a sidecar `<file>.meta.yaml` or CLI flags.
 * Cards carry their own metadata in frontmatter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Audience, DocCode, Topic } from '../../knowledge/taxonomy.js';
import { IngestError } from './errors.js';

export const SourceMeta = z
  .object({
    doc: DocCode,
    docTitle: z.string().min(3),
    url: z.string().url().optional(),
    version: z.string().min(1).optional(),
    audience: z.array(Audience).default([]),
    topics: z.array(Topic).default([]),
    precedence: z.number().int().min(0).max(100).default(0),
  })
  .strict();
export type SourceMeta = z.infer<typeof SourceMeta>;

/** What the CLI may supply for sources without a sidecar: `--doc GIR --title "..." --url ...`. */
export interface MetaFlags {
  doc?: string;
  title?: string;
  url?: string;
  version?: string;
}

export function sidecarPath(file: string): string {
  return `${file}.meta.yaml`;
}

/** Format zod issues as "field.path: message" pairs. */
export function describeIssues(issues: z.ZodIssue[]): { field: string; reason: string } {
  const first = issues[0];
  const field = first ? first.path.join('.') || '(root)' : '(root)';
  const reason = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { field, reason };
}

/**
 * Resolve a non-card source's metadata: the sidecar wins; CLI flags are the fallback; neither is an error that
 * says how to fix it.
 */
export function resolveMeta(file: string, flags: MetaFlags = {}): SourceMeta {
  const side = sidecarPath(file);
  if (existsSync(side)) {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(side, 'utf8'));
    } catch (e) {
      throw new IngestError(side, `not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    const r = SourceMeta.safeParse(raw);
    if (!r.success) {
      const { field, reason } = describeIssues(r.error.issues);
      throw new IngestError(side, `invalid source metadata (${reason})`, field);
    }
    return r.data;
  }
  if (flags.doc || flags.title) {
    const r = SourceMeta.safeParse({ doc: flags.doc, docTitle: flags.title, url: flags.url, version: flags.version });
    if (!r.success) {
      const { field, reason } = describeIssues(r.error.issues);
      throw new IngestError(file, `invalid --doc/--title/--url flags (${reason})`, field);
    }
    return r.data;
  }
  throw new IngestError(
    file,
    `no document code and title: add ${side} (doc, docTitle, url, version, audience, topics) or pass --doc CODE --title "..."`,
  );
}

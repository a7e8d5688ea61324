/** One entry point for every source type: bytes in, chunks out. */
import { extname } from 'node:path';
import type { Chunk } from '../../knowledge/chunk.js';
import { chunkSections } from '../chunk.js';
import { cleanPages } from '../clean.js';
import { detectSections, type Section } from '../sections.js';
import { sha256 } from '../../knowledge/search/hash.js';
import { parseCard } from './card.js';
import { readDocxSections } from './docx.js';
import { IngestError, UnsupportedSourceError } from './errors.js';
import { htmlToSections } from './html.js';
import { resolveMeta, type MetaFlags } from './meta.js';
import { readPdfPages } from './pdf.js';
import { readTextPages } from './text.js';

export const SUPPORTED_EXTENSIONS = ['.md', '.txt', '.pdf', '.html', '.htm', '.docx'] as const;

export interface ReadContext {
  /** Absolute (or cwd-relative) path used to read sidecars. */
  file: string;
  /** How the source is named in chunks, the manifest and errors (project-relative where possible). */
  sourcePath: string;
  flags?: MetaFlags;
}

export function isSupported(file: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
}

async function sectionsOf(ctx: ReadContext, ext: string, bytes: Uint8Array): Promise<Section[]> {
  switch (ext) {
    case '.txt':
      return detectSections(cleanPages(readTextPages(ctx.sourcePath, bytes)));
    case '.pdf':
      return detectSections(cleanPages(await readPdfPages(ctx.sourcePath, bytes)));
    case '.html':
    case '.htm':
      return htmlToSections(Buffer.from(bytes).toString('utf8'));
    case '.docx':
      return readDocxSections(ctx.sourcePath, bytes);
    default:
      throw new UnsupportedSourceError(ctx.sourcePath, `unsupported file type "${ext || '(none)'}"`);
  }
}

export async function readSource(ctx: ReadContext, bytes: Uint8Array): Promise<Chunk[]> {
  const ext = extname(ctx.file).toLowerCase();
  if (ext === '.md') return parseCard(ctx.sourcePath, bytes);
  if (!isSupported(ctx.file)) throw new UnsupportedSourceError(ctx.sourcePath, `unsupported file type "${ext || '(none)'}"`);
  // Metadata first: a missing sidecar is reported before any expensive parsing.
  let meta;
  try {
    meta = resolveMeta(ctx.file, ctx.flags);
  } catch (e) {
    if (e instanceof IngestError && e.file === ctx.file && ctx.file !== ctx.sourcePath) {
      throw new IngestError(ctx.sourcePath, e.reason, e.field);
    }
    throw e;
  }
  const sections = await sectionsOf(ctx, ext, bytes);
  const chunks = chunkSections(sections, {
    doc: meta.doc,
    docTitle: meta.docTitle,
    ...(meta.url ? { url: meta.url } : {}),
    ...(meta.version ? { version: meta.version } : {}),
    audience: meta.audience,
    topics: meta.topics,
    precedence: meta.precedence,
    sourcePath: ctx.sourcePath,
    sourceHash: sha256(bytes),
  });
  if (chunks.length === 0) throw new IngestError(ctx.sourcePath, 'no text found in this source');
  return chunks;
}

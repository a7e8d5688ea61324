/**
 * Knowledge cards: Markdown with frontmatter validated by `CardFrontmatter`. One card is one section; its body
 * (without frontmatter) is the chunk text, usually as a single chunk.
 */
import matter from 'gray-matter';
import { sha256 } from '../../knowledge/search/hash.js';
import type { Chunk } from '../../knowledge/chunk.js';
import { CardFrontmatter } from '../../knowledge/card-schema.js';
import { splitText } from '../chunk.js';
import { IngestError } from './errors.js';
import { describeIssues } from './meta.js';

/** A card body longer than this is split like any other section; cards are meant to be shorter. */
const SINGLE_CHUNK_LIMIT = 3000;

/** The `Kern:` paragraph: from the marker to the next blank line or heading. */
export function extractKern(body: string): string | undefined {
  const m = /^[ \t]*\**Kern\**[ \t]*:[ \t]*\**/m.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m.index + m[0].length);
  const end = rest.search(/\n[ \t]*\n|\n#/);
  const kern = (end < 0 ? rest : rest.slice(0, end)).replace(/\s+/g, ' ').trim();
  return kern ? kern : undefined;
}

export function parseCard(path: string, bytes: Uint8Array | string): Chunk[] {
  const source = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object keeps gray-matter from serving a cached parse of identical content.
    parsed = matter(source, {});
  } catch (e) {
    throw new IngestError(path, `frontmatter is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (Object.keys(parsed.data).length === 0) {
    throw new IngestError(path, 'not a knowledge card: no frontmatter (--- doc: ... ---) found');
  }
  const r = CardFrontmatter.safeParse(parsed.data);
  if (!r.success) {
    const { field, reason } = describeIssues(r.error.issues);
    throw new IngestError(path, `invalid card frontmatter (${reason})`, field);
  }
  const fm = r.data;
  const body = parsed.content.replace(/\r\n?/g, '\n').trim();
  if (body === '') throw new IngestError(path, 'card has no body text');
  const texts = body.length <= SINGLE_CHUNK_LIMIT ? [body] : splitText(body.split(/\n\s*\n/));
  const kern = extractKern(body);
  const sourceHash = sha256(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  return texts.map((text, i) => ({
    id: `${fm.doc}:${fm.section}:${i + 1}`,
    doc: fm.doc,
    docTitle: fm.docTitle,
    section: fm.section,
    sectionTitle: fm.sectionTitle,
    url: fm.url,
    version: fm.version,
    audience: fm.audience,
    topics: fm.topics,
    verified: fm.verified,
    ...(fm.geldendVanaf ? { geldendVanaf: fm.geldendVanaf } : {}),
    questions: fm.questions,
    ...(kern ? { kern } : {}),
    ...(fm.english ? { english: fm.english } : {}),
    text,
    precedence: fm.precedence,
    sourcePath: path,
    sourceHash,
  }));
}

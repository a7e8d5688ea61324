/**
 * Chunking: a section becomes one or more ~900-character chunks cut at paragraph, then sentence boundaries, with a
 * small overlap (the previous chunk's last sentence) so a fact split over a boundary is still found whole.
 * A chunk never spans two sections.
 */
import type { Chunk } from '../knowledge/chunk.js';
import type { Section } from './sections.js';

export type ChunkMeta = Omit<Chunk, 'id' | 'section' | 'sectionTitle' | 'text' | 'questions' | 'kern'> &
  Partial<Pick<Chunk, 'questions' | 'kern'>>;

export interface ChunkOptions {
  /** Aim for chunks of about this many characters (default 900). */
  target?: number;
  /** Carry at most this many characters of the previous chunk's tail into the next (default 150). */
  overlap?: number;
}

/** Remainders shorter than this are merged into the previous chunk of the same section. */
const MIN_TAIL = 200;

function isSubheading(unit: string): boolean {
  return unit.length < 80 && !/[.!?:;,)”"’]$/.test(unit);
}

const SENTENCE_END = /(?<=[.!?…])["”’)]?\s+(?=[\p{Lu}«“"‘(•])/u;

export function splitSentences(text: string): string[] {
  return text.split(SENTENCE_END).map((s) => s.trim()).filter(Boolean);
}

/** Hard cut for a "sentence" longer than the target (tables, lists without punctuation): at a space. */
function cutLong(sentence: string, target: number): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > target * 1.5) {
    let cut = rest.lastIndexOf(' ', target);
    if (cut < target / 2) cut = target;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Split paragraphs into pieces of about `target` characters on paragraph/sentence boundaries, with overlap. */
export function splitText(paragraphs: string[], options: ChunkOptions = {}): string[] {
  const target = options.target ?? 900;
  const overlap = options.overlap ?? 150;
  // Units are whole paragraphs when they fit, otherwise their sentences; `sep` is what joins a unit to the previous.
  const units: { text: string; sep: string }[] = [];
  for (const p of paragraphs) {
    if (p.length <= target) {
      units.push({ text: p, sep: '\n\n' });
      continue;
    }
    splitSentences(p)
      .flatMap((s) => cutLong(s, target))
      .forEach((s, i) => units.push({ text: s, sep: i === 0 ? '\n\n' : ' ' }));
  }
  const chunks: string[] = [];
  let current = '';
  let lastUnit = '';
  for (const unit of units) {
    if (current !== '' && current.length + unit.sep.length + unit.text.length > target) {
      if (isSubheading(lastUnit) && current.length > lastUnit.length) {
        // A subheading belongs with the text after it, not dangling at the end of a chunk.
        chunks.push(current.slice(0, current.length - lastUnit.length).trimEnd());
        current = lastUnit;
      } else {
        chunks.push(current);
        // Overlap: the previous chunk's last sentence, when it is short enough.
        const tail = splitSentences(lastUnit).pop() ?? '';
        current = tail.length > 0 && tail.length <= overlap && tail !== unit.text ? tail : '';
      }
    }
    current = current === '' ? unit.text : current + unit.sep + unit.text;
    lastUnit = unit.text;
  }
  if (current !== '') {
    // A short remainder joins the previous chunk rather than standing alone.
    const prev = chunks[chunks.length - 1];
    if (prev !== undefined && current.length < MIN_TAIL && prev.length + current.length <= target * 1.3 && !prev.endsWith(current)) {
      chunks[chunks.length - 1] = `${prev}\n\n${current}`;
    } else if (prev === undefined || !prev.endsWith(current)) {
      chunks.push(current);
    }
  }
  return chunks;
}

/** Turn detected sections into chunks with ids `${doc}:${section}:${n}` (n from 1; "intro" for untitled lead text). */
export function chunkSections(sections: Section[], meta: ChunkMeta, options: ChunkOptions = {}): Chunk[] {
  const chunks: Chunk[] = [];
  const used = new Map<string, number>();
  for (const s of sections) {
    const texts = splitText([...s.paragraphs, ...s.footnotes], options);
    if (texts.length === 0) continue;
    // The same number twice in one document (a repeated appendix list, say) must not collide.
    const base = s.section === '' ? 'intro' : s.section;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    const key = seen === 0 ? base : `${base}#${seen + 1}`;
    texts.forEach((text, i) => {
      chunks.push({
        ...meta,
        id: `${meta.doc}:${key}:${i + 1}`,
        section: s.section,
        sectionTitle: s.title || meta.docTitle,
        questions: meta.questions ?? [],
        text,
      });
    });
  }
  return chunks;
}

/**
 * Section detection: find the official headings in cleaned body lines ("4.1 Geschenken", "3.5.1 Wat bedoelen we
 * hiermee?", "Artikel 15. Verboden handelingen", "§ 2", "Bijlage 1: ...", a chapter number on its own line followed by
 * its title) and group the text under them. False positives are kept out with a few rules: a heading title is short,
 * starts with a capital and does not read like a sentence; a table-of-contents line (title followed by a page
 * number or a dotted leader) is skipped; and numbered headings must continue the numbering seen so far (a list item
 * "13." after section 6.2, or a figure label "1.0" after chapter 3, is body text).
 */
import { buildParagraphs, paragraphOptions, type BodyLine, type CleanText, type ParagraphOptions } from './clean.js';

export interface Section {
  /** Official numbering as written: "3.5.1", "art. 15", "§ 2", "Bijlage 1"; "" for text before the first heading. */
  section: string;
  title: string;
  paragraphs: string[];
  /** Footnotes that were printed inside this section, in order ("[1] ..."). */
  footnotes: string[];
}

export interface Heading {
  section: string;
  title: string;
  /** How many body lines the heading used (2 when the title sits on the next line or wraps). */
  consumed: number;
  kind: 'numbered' | 'article' | 'paragraph-sign' | 'appendix' | 'appendix-numbered';
  numbers?: number[];
}

const MAX_TITLE = 90;
const CONNECTOR = /\s(?:van|en|de|het|der|voor|tussen|met|op|in|of|over|bij|aan|naar|te|tot|om|door|the|and|of|for|to)$/i;

/** A table-of-contents entry: title then page number, or a dotted leader. */
export function isTocLine(line: string): boolean {
  if (/^(?:artikel|art\.|§|bijlage|hoofdstuk)\s*\d+[a-z]?$/i.test(line.trim())) return false;
  return /(?:\.{3,}|…+|(?:\s\.){3,})\s*\d{1,4}$/.test(line) || /\p{L}[\p{L}?)]\s{1,}\d{1,4}$/u.test(line);
}

function titleOk(title: string, allowPeriod: boolean): boolean {
  if (title.length < 2 || title.length > MAX_TITLE) return false;
  if (!/^[\p{Lu}\d«“"‘(]/u.test(title)) return false;
  if (/[,;]$/.test(title)) return false;
  if (/[.:]$/.test(title)) {
    // "5.4 Uniformering waar moet, variatie waar kan." is a heading; a long sentence ending in a period is not.
    if (!allowPeriod || title.length > 60 || /[.!?]\s+\p{Lu}/u.test(title.slice(0, -1))) return false;
  }
  return true;
}

/** Could the line after a heading continue its title ("... openbaar" + "bestuur")? */
function titleContinuation(title: string, next: string | undefined): boolean {
  if (!next) return false;
  if (CONNECTOR.test(title) && next.length <= 60 && !/[.;:]$/.test(next)) return true;
  return /^\p{Ll}/u.test(next) && next.length <= 40 && !/[.,;:]$/.test(next);
}

/** Parse a heading candidate at `lines[i]` without the numbering context. */
export function parseHeading(lines: string[], i: number): Heading | undefined {
  const line = lines[i]!.trim();
  const next = lines[i + 1]?.trim();
  if (isTocLine(line)) return undefined;

  let m = /^(?:Artikel|ARTIKEL|Art\.)\s+(\d+[a-z]{0,3}(?:\.\d+)?)(?:\s*[.:–—-]\s*|\s+)?(.*)$/.exec(line);
  if (m) {
    const title = m[2]!.trim();
    if (title === '') {
      // Title on the next line when that line is short and not a sentence or a numbered member ("1. De ...").
      if (next && !/^\d/.test(next) && titleOk(next, false) && next.length <= 60 && !/[.:]$/.test(next)) {
        return { section: `art. ${m[1]}`, title: next, consumed: 2, kind: 'article' };
      }
      return { section: `art. ${m[1]}`, title: '', consumed: 1, kind: 'article' };
    }
    if (!titleOk(title, true)) return undefined;
    return { section: `art. ${m[1]}`, title: title.replace(/\.$/, ''), consumed: 1, kind: 'article' };
  }

  m = /^§\s*(\d+[a-z]?(?:\.\d+)*)\.?(?:\s+(.*))?$/.exec(line);
  if (m) {
    const title = (m[2] ?? '').trim();
    if (title !== '' && !titleOk(title, true)) return undefined;
    return { section: `§ ${m[1]}`, title: title.replace(/\.$/, ''), consumed: 1, kind: 'paragraph-sign' };
  }

  m = /^(?:Bijlage|BIJLAGE|Annex|Appendix)\s+([0-9]{1,2}|[IVX]{1,5}|[A-Z])\b[.:]?\s*[–—-]?\s*(.*)$/.exec(line);
  if (m) {
    let title = m[2]!.trim();
    if (title !== '' && !titleOk(title, true)) return undefined;
    let consumed = 1;
    if (title !== '' && titleContinuation(title, next)) {
      title = `${title} ${next}`;
      consumed = 2;
    }
    return { section: `Bijlage ${m[1]}`, title: title.replace(/\.$/, ''), consumed, kind: 'appendix' };
  }

  // Numbered subsection of an appendix: "B3.1 Onderzoeksaanpak".
  m = /^(B\d{1,2}(?:\.\d{1,2})+)\s+(.+)$/.exec(line);
  if (m && titleOk(m[2]!.trim(), true)) {
    return { section: m[1]!, title: m[2]!.trim(), consumed: 1, kind: 'appendix-numbered' };
  }

  // Chapter number alone on its line, title on the next: "1." + "Inleiding".
  m = /^(\d{1,2})\.?$/.exec(line);
  if (m && next && titleOk(next, false) && !/[.:]$/.test(next) && next.length <= 70 && !isTocLine(next)) {
    let title = next;
    let consumed = 2;
    while (consumed < 4 && titleContinuation(title, lines[i + consumed]?.trim())) {
      title = `${title} ${lines[i + consumed]!.trim()}`;
      consumed++;
    }
    return { section: m[1]!, title, consumed, kind: 'numbered', numbers: [Number(m[1])] };
  }

  // "3.5.1 Wat bedoelen we hiermee?", "2.1. Integriteit ...", "1. Agressie en geweld", "4 Inleiding".
  m = /^(\d{1,2}(?:\.\d{1,2}){0,4})(\.?)\s+(.+)$/.exec(line);
  if (m) {
    const numbers = m[1]!.split('.').map(Number);
    let title = m[3]!.trim();
    if (!titleOk(title, numbers.length > 1)) return undefined;
    // A bare "1 Sociaal ..." (no dot, one level) is usually a footnote or a sentence; demand a short title.
    if (numbers.length === 1 && m[2] === '' && title.length > 60) return undefined;
    let consumed = 1;
    if (titleContinuation(title, next)) {
      title = `${title} ${next}`;
      consumed = 2;
    }
    return { section: m[1]!, title, consumed, kind: 'numbered', numbers };
  }
  return undefined;
}

/**
 * Does `candidate` continue the numbering `last`? Allowed: the next number at some level (skipping at most one),
 * with deeper levels starting at 0 or 1. "3.8.2" → "4", "4.1", "3.9", "3.8.3" are fine; "13" or "1.0" are not.
 */
export function continuesNumbering(last: number[], candidate: number[]): boolean {
  if (last.length === 0) return candidate[0]! <= 30 && candidate.slice(1).every((n) => n <= 30);
  for (let level = 0; level < candidate.length; level++) {
    const prefixSame = candidate.slice(0, level).every((n, j) => n === last[j]);
    if (!prefixSame) return false;
    const c = candidate[level]!;
    const l = last[level];
    const deeper = candidate.slice(level + 1);
    if (l === undefined) {
      // Going one level deeper than before: "3" → "3.1".
      return c >= 1 && c <= 2 && deeper.every((n) => n === 1);
    }
    if (c === l) continue;
    return c > l && c <= l + 2 && deeper.every((n) => n === 1);
  }
  return false; // identical numbering: a repeat (running header, cross-reference)
}

function articleNumber(section: string): number {
  return Number(/\d+/.exec(section)?.[0] ?? '0');
}

/** Group cleaned lines into sections; footnotes go to the end of the section they were printed in. */
export function detectSections(clean: CleanText, opts?: ParagraphOptions): Section[] {
  const { lines, footnotes } = clean;
  const popts = opts ?? paragraphOptions(lines);
  const texts = lines.map((l) => l.text);
  const sections: Section[] = [];
  let current: { head: Omit<Section, 'paragraphs' | 'footnotes'>; lines: BodyLine[]; notes: string[] } = {
    head: { section: '', title: '' },
    lines: [],
    notes: [],
  };
  let lastNumbers: number[] = [];
  let lastArticle = -1;
  let inAppendix = false;
  let noteIdx = 0;
  const close = () => {
    const paragraphs = buildParagraphs(current.lines, popts);
    if (paragraphs.length > 0 || current.notes.length > 0 || current.head.section !== '') {
      sections.push({ ...current.head, paragraphs, footnotes: current.notes });
    }
  };

  for (let i = 0; i < lines.length; ) {
    while (noteIdx < footnotes.length && footnotes[noteIdx]!.at <= i) {
      const f = footnotes[noteIdx++]!;
      current.notes.push(`[${f.mark}] ${f.text}`);
    }
    const prev = lines[i - 1];
    // A heading is never the tail of a wrapped sentence ("zie\n3.5 ...", "integriteits-\n...").
    const startsBlock = !prev || !/(?:-|\b(?:zie|in|van|artikel|paragraaf|hoofdstuk|bijlage|en|of))$/i.test(prev.text);
    const h = startsBlock ? parseHeading(texts, i) : undefined;
    let accept = false;
    if (h) {
      if (h.kind === 'numbered') {
        accept = !inAppendix && continuesNumbering(lastNumbers, h.numbers!);
        if (accept) lastNumbers = h.numbers!;
      } else if (h.kind === 'article') {
        const n = articleNumber(h.section);
        accept = n >= lastArticle;
        if (accept) lastArticle = n;
      } else if (h.kind === 'appendix') {
        accept = true;
        inAppendix = true;
      } else if (h.kind === 'appendix-numbered') {
        accept = inAppendix;
      } else {
        accept = true;
      }
    }
    if (h && accept) {
      close();
      current = { head: { section: h.section, title: h.title }, lines: [], notes: [] };
      i += h.consumed;
      continue;
    }
    current.lines.push(lines[i]!);
    i++;
  }
  while (noteIdx < footnotes.length) {
    const f = footnotes[noteIdx++]!;
    current.notes.push(`[${f.mark}] ${f.text}`);
  }
  close();
  return sections;
}

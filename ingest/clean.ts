/**
 * Clean-up of text extracted from PDFs (and plain-text dumps of them): page splitting, running headers/footers,
 * bare page numbers, footnotes at the bottom of a page, blank-line noise, words hyphenated across line ends.
 *
 * The output is a flat list of body lines (headings still on their own line, so section detection can see them)
 * plus the footnotes that were lifted out, each remembering where in the line stream it was found.
 */

export interface BodyLine {
  text: string;
  /** 0-based page index. */
  page: number;
  /** At least one blank line preceded this line (on the same page). */
  gap: boolean;
  /** Two or more blank lines preceded this line. */
  bigGap: boolean;
  /** First body line of its page. */
  pageStart: boolean;
  /** The raw line ended in whitespace (some extractors mark "line continues" this way). */
  trailingSpace: boolean;
}

export interface Footnote {
  /** The footnote's own number or mark as printed ("1", "¹"). */
  mark: string;
  text: string;
  /** Index into `lines` of the first body line after the footnote (the footnote belongs before it). */
  at: number;
}

export interface CleanText {
  lines: BodyLine[];
  footnotes: Footnote[];
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * Split extracted text into pages. Form feeds win; otherwise a line that starts with exactly one space is taken as
 * a page start when such lines are rare (that is how the common pdf-to-text dumps mark page joins).
 */
export function splitPages(text: string): string[][] {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.includes('\f')) return normalised.split('\f').map((p) => p.split('\n'));
  const lines = normalised.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '').length;
  const starts = lines.filter((l) => /^ \S/.test(l)).length;
  if (starts < 2 || starts > nonBlank * 0.25) return [lines];
  const pages: string[][] = [[]];
  for (const line of lines) {
    if (/^ \S/.test(line) && pages[pages.length - 1]!.some((l) => l.trim() !== '')) pages.push([]);
    pages[pages.length - 1]!.push(line);
  }
  return pages;
}

const PAGE_NUMBER = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:van|of|\/)\s*\d{1,4})?$/i;

function headerKey(line: string): string {
  return line.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

/** Lines (by normalised form) that repeat in the top or bottom zone of many pages. */
function runningLines(pages: string[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of zone(page)) seen.add(headerKey(line));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length * 0.4));
  return new Set([...counts].filter(([k, n]) => n >= threshold && k !== '' && k !== '#').map(([k]) => k));
}

/** The first two and last two non-blank lines of a page: where running headers, footers and numbers live. */
function zone(page: string[]): string[] {
  const nonBlank = page.filter((l) => l.trim() !== '');
  return [...nonBlank.slice(0, 2), ...nonBlank.slice(-2)];
}

function isZoneLine(page: string[], index: number): boolean {
  const nonBlankIdx = page.flatMap((l, i) => (l.trim() !== '' ? [i] : []));
  const pos = nonBlankIdx.indexOf(index);
  return pos >= 0 && (pos < 2 || pos >= nonBlankIdx.length - 2);
}

function footnoteStart(line: string): { mark: string; rest: string } | undefined {
  const t = line.trim();
  const m = /^(\d{1,3})\s+(\S.*)$/.exec(t) ?? new RegExp(`^([${SUPERSCRIPTS}]{1,3})\\s*(\\S.*)$`).exec(t);
  return m ? { mark: m[1]!, rest: m[2]! } : undefined;
}

function superscriptToNumber(mark: string): number {
  if (/^\d+$/.test(mark)) return Number(mark);
  return Number([...mark].map((c) => String(SUPERSCRIPTS.indexOf(c))).join(''));
}

/** Regex for an inline footnote reference glued to the preceding word or punctuation: "afgenomen.1 Zij". */
function inlineRef(n: number): RegExp {
  const sup = [...String(n)].map((d) => SUPERSCRIPTS[Number(d)]).join('');
  return new RegExp(`(?<=\\p{L}[.,;:!?)»”’'"]?)(?:${n}|${sup})(?![\\d\\p{L}]|\\.\\d)`, 'u');
}

/**
 * Find the footnote block at the bottom of a page: it starts with the next expected footnote number, that number is
 * referenced inline above it (or the line follows a blank line and starts like a sentence), and it runs to the end
 * of the page. Returns the body lines and the footnotes.
 */
function liftFootnotes(
  page: { text: string; gap: boolean }[],
  nextNumber: number,
): { body: { text: string; gap: boolean }[]; notes: { mark: string; text: string }[] } {
  for (let s = 1; s < page.length; s++) {
    const start = footnoteStart(page[s]!.text);
    if (!start) continue;
    const n = superscriptToNumber(start.mark);
    if (n !== nextNumber) continue;
    const above = page.slice(0, s).map((l) => l.text).join('\n');
    const referenced = inlineRef(n).test(above);
    // Without an inline mark, only a block in the lower half of the page after a blank line counts.
    const sentenceLike = page[s]!.gap && s >= page.length / 2 && /^[\p{Lu}\d«“"'(]/u.test(start.rest);
    if (!referenced && !sentenceLike) continue;
    // Split the block into consecutive footnotes.
    const notes: { mark: string; text: string }[] = [];
    let expect = n;
    for (const line of page.slice(s)) {
      const st = footnoteStart(line.text);
      if (st && superscriptToNumber(st.mark) === expect) {
        notes.push({ mark: st.mark, text: st.rest.trim() });
        expect++;
      } else if (notes.length > 0) {
        notes[notes.length - 1]!.text = joinLines(notes[notes.length - 1]!.text, line.text.trim());
      }
    }
    const body = page.slice(0, s).map((l) => ({ ...l }));
    // Drop the now dangling inline references of the lifted footnotes.
    for (const note of notes) {
      const re = inlineRef(superscriptToNumber(note.mark));
      for (let i = body.length - 1; i >= 0; i--) {
        if (re.test(body[i]!.text)) {
          body[i]!.text = body[i]!.text.replace(re, '');
          break;
        }
      }
    }
    return { body, notes };
  }
  return { body: page, notes: [] };
}

/** Remove running headers/footers, page numbers and page-bottom footnotes; drop blank lines but remember them. */
export function cleanPages(pages: string[][], options: { footnotes?: boolean } = {}): CleanText {
  // Without page boundaries there is no "page bottom": footnote lifting would eat real lines.
  const liftNotes = options.footnotes ?? pages.length > 1;
  const running = pages.length >= 3 ? runningLines(pages) : new Set<string>();
  const lines: BodyLine[] = [];
  const footnotes: Footnote[] = [];
  let nextFootnote = 1;
  pages.forEach((page, p) => {
    const kept: { text: string; gap: boolean; blanks: number; trailingSpace: boolean }[] = [];
    let blanks = 0;
    page.forEach((raw, i) => {
      const text = raw.replace(/\u00a0/g, ' ').trim();
      if (text === '') {
        blanks++;
        return;
      }
      if (isZoneLine(page, i) && (PAGE_NUMBER.test(text) || running.has(headerKey(text)))) return;
      kept.push({ text, gap: blanks > 0, blanks, trailingSpace: /\s$/.test(raw) });
      blanks = 0;
    });
    const { body, notes } = liftNotes ? liftFootnotes(kept, nextFootnote) : { body: kept, notes: [] };
    nextFootnote += notes.length;
    body.forEach((l, i) => {
      const k = l as (typeof kept)[number];
      lines.push({ text: l.text, page: p, gap: k.gap, bigGap: k.blanks >= 2, pageStart: i === 0, trailingSpace: k.trailingSpace });
    });
    for (const note of notes) footnotes.push({ ...note, at: lines.length });
  });
  return { lines, footnotes };
}

const KEEP_HYPHEN_PREFIX = /(?:^|[\s(])(?:niet|oud|ex|e|anti|vice|non|semi|pseudo|quasi|pro|co)-$/i;
const CONJUNCTION = /^(?:en|of|tot|als|and|or|to|dan|noch|maar|respectievelijk)\b/i;
const VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûü]/i;

/**
 * Join two consecutive lines of one paragraph. A word split at the line end ("integriteits-" + "schendingen") is
 * glued back; a real hyphen stays: "meld- en", "Noord-Holland", "niet-integer", vowel clashes such as "collega-ambtenaar".
 */
export function joinLines(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  if (/\d[-–]$/.test(a) && /^\d/.test(b)) return a + b;
  const m = /(\p{L})-$/u.exec(a);
  if (m) {
    if (CONJUNCTION.test(b)) return `${a} ${b}`;
    const first = b.charAt(0);
    const keepHyphen =
      /\p{Lu}|\d/u.test(first) || KEEP_HYPHEN_PREFIX.test(a) || (VOWEL.test(m[1]!) && VOWEL.test(first));
    if (keepHyphen) return a + b;
    if (/\p{Ll}/u.test(first)) return a.slice(0, -1) + b;
  }
  return `${a} ${b}`;
}

const BULLET = /^(?:[•·▪◦●○■□►‣⁃*]|[-–—](?=\s)|\(?[a-z]\)|\(?\d{1,2}[.)](?=\s)|[ivx]{1,4}[.)](?=\s))/;

export interface ParagraphOptions {
  /** Blank lines follow nearly every line (the extractor's noise): a single blank line is no paragraph break. */
  noisyBlankLines: boolean;
  /** Most lines end in whitespace: a line without it that ends a sentence closes the paragraph. */
  trailingSpaceMarksContinuation: boolean;
  /** Typical (median) line length, to tell a paragraph's short last line. */
  typicalLength: number;
}

/** Measure the layout habits of a whole document once, so paragraph rebuilding can use them. */
export function paragraphOptions(lines: BodyLine[]): ParagraphOptions {
  const n = Math.max(1, lines.length);
  const lengths = lines.map((l) => l.text.length).sort((a, b) => a - b);
  return {
    noisyBlankLines: lines.filter((l) => l.gap).length / n > 0.5,
    trailingSpaceMarksContinuation: lines.filter((l) => l.trailingSpace).length / n > 0.5,
    typicalLength: lengths[Math.floor(lengths.length / 2)] ?? 80,
  };
}

function looksLikeSubheading(line: string, opts: ParagraphOptions): boolean {
  return (
    line.length <= Math.min(60, opts.typicalLength * 0.8) &&
    /^[\p{Lu}]/u.test(line) &&
    !/[.,;:!?…-]$/.test(line) &&
    !BULLET.test(line)
  );
}

/** Rebuild paragraphs from body lines: join wrapped lines, keep list items and short subheadings apart. */
export function buildParagraphs(lines: BodyLine[], opts: ParagraphOptions): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let prev: BodyLine | undefined;
  let linesInCurrent = 0;
  const flush = () => {
    const t = current.replace(/[ \t]+/g, ' ').trim();
    if (t) paragraphs.push(t);
    current = '';
    linesInCurrent = 0;
  };
  for (const line of lines) {
    if (prev && breakBetween(prev, line, opts, linesInCurrent === 1)) flush();
    current = joinLines(current, line.text);
    linesInCurrent++;
    prev = line;
  }
  flush();
  return paragraphs;
}

function breakBetween(prev: BodyLine, line: BodyLine, opts: ParagraphOptions, prevAlone: boolean): boolean {
  if (BULLET.test(line.text)) return true;
  const prevEndsSentence = /[.!?:;”"’)]$/.test(prev.text);
  const startsUpper = /^[\p{Lu}\d«“"‘(]/u.test(line.text);
  // A short line standing alone (its own paragraph so far) with no closing punctuation is a subheading such as
  // "Goede voorbeelden"; where the extractor marks continuation with trailing spaces, a subheading has none.
  const prevIsSubheading =
    prevAlone &&
    looksLikeSubheading(prev.text, opts) &&
    !(opts.trailingSpaceMarksContinuation && prev.trailingSpace && !prev.pageStart && !prev.gap);
  if (prevIsSubheading && startsUpper) return true;
  if (looksLikeSubheading(line.text, opts) && prevEndsSentence) return true;
  if (!opts.noisyBlankLines) return line.gap && !/-$/.test(prev.text);
  if (line.bigGap && prevEndsSentence) return true;
  if (!prevEndsSentence || !startsUpper) return false;
  if (opts.trailingSpaceMarksContinuation && !prev.trailingSpace) return true;
  return prev.text.length < opts.typicalLength * 0.7;
}

/** Convenience for callers that only want clean paragraphs of a plain text. */
export function cleanText(text: string): { paragraphs: string[]; footnotes: Footnote[] } {
  const { lines, footnotes } = cleanPages(splitPages(text));
  return { paragraphs: buildParagraphs(lines, paragraphOptions(lines)), footnotes };
}

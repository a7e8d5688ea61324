/** The parts of a knowledge card (or a plain passage) that compose uses, grouped per cited section. */
import type { Chunk } from '../../../knowledge/chunk.js';
import type { SearchHit } from '../../../knowledge/search/types.js';
import type { Citation, Lang } from '../types.js';

export interface CardParts {
  kern?: string;
  regels: string[];
  doen: string[];
  letOp: string[];
  /** Paragraph text outside the known headings (plain passages from PDF/TXT sources). */
  other: string[];
}

export interface CardHit {
  key: string;
  chunk: Chunk;
  /** Best score among the card's hits. */
  score: number;
  best: SearchHit;
  parts: CardParts;
  titleOnly: boolean;
}

const HEADINGS: Array<[keyof Omit<CardParts, 'kern'>, RegExp]> = [
  ['regels', /^regels\b/i],
  ['doen', /^wat kun je doen\b/i],
  ['letOp', /^let op\b/i],
];

export function parseParts(text: string, kern?: string): CardParts {
  const parts: CardParts = { regels: [], doen: [], letOp: [], other: [] };
  if (kern) parts.kern = kern;
  let current: keyof Omit<CardParts, 'kern'> = 'other';
  let paragraph: string[] = [];
  const flush = () => {
    const p = paragraph.join(' ').trim();
    if (p) parts[current].push(p);
    paragraph = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const h = heading[1]!.trim();
      current = HEADINGS.find(([, re]) => re.test(h))?.[0] ?? 'other';
      continue;
    }
    const kernLine = /^\**Kern\**\s*:\s*\**\s*(.*)$/.exec(line);
    if (kernLine) {
      flush();
      parts.kern ??= kernLine[1]!.trim();
      current = 'other';
      paragraph = [];
      // The Kern paragraph continues until a blank line; its continuation lines are skipped below.
      current = 'other';
      continue;
    }
    if (line.startsWith('- ') || line.startsWith('* ')) {
      flush();
      paragraph = [line.slice(2)];
      flush();
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    paragraph.push(line);
  }
  flush();
  if (parts.kern) parts.other = parts.other.filter((p) => !parts.kern!.includes(p));
  return parts;
}

export function cardKey(c: Chunk): string {
  return `${c.doc}\u0000${c.section}`;
}

/** Group hits by document section (a card can be several chunks), best first. */
export function groupByCard(hits: SearchHit[]): CardHit[] {
  const byKey = new Map<string, { hits: SearchHit[] }>();
  for (const h of hits) {
    const key = cardKey(h.chunk);
    const g = byKey.get(key) ?? { hits: [] };
    // The same chunk from two searches (the manager's steps search twice) counts once, or its rules would double.
    if (g.hits.some((x) => x.chunk.id === h.chunk.id)) continue;
    g.hits.push(h);
    byKey.set(key, g);
  }
  return [...byKey.entries()].map(([key, g]) => {
    const sorted = [...g.hits].sort((a, b) => a.chunk.id.localeCompare(b.chunk.id, undefined, { numeric: true }));
    const best = g.hits.reduce((a, b) => (b.score > a.score ? b : a));
    const text = sorted.map((h) => h.chunk.text).join('\n\n');
    return {
      key,
      chunk: best.chunk,
      score: best.score,
      best,
      parts: parseParts(text, sorted.find((h) => h.chunk.kern)?.chunk.kern),
      titleOnly: best.chunk.verified === 'title-only',
    };
  });
}

/**
 * Some sources are one long page for many sections (the GIR in the Staatscourant) and carry no anchors we could
 * rely on. A text fragment (`#:~:text=`) with the section's title makes browsers that support it (Chromium, Edge,
 * Safari, Firefox 131+) scroll to that heading; any other browser, or a page whose wording differs, simply opens
 * the top, as before.
 */
export function sectionLink(url: string | undefined, sectionTitle: string, wholePage: boolean): string {
  if (!url) return '';
  if (!wholePage || url.includes('#') || !sectionTitle) return url;
  // Encoded the way the fragment syntax needs: "-", "&" and "," delimit parts of a text directive.
  const text = encodeURIComponent(sectionTitle).replace(/-/g, '%2D').replace(/,/g, '%2C');
  return `${url}#:~:text=${text}`;
}

/** Documents served as one page for all their sections (see sectionLink). */
const WHOLE_PAGE_DOCS = new Set(['GIR']);

/** The summary is the card's Kern, in the project's own English translation for an English reply when there is one. */
export function citationOf(card: CardHit, lang: Lang = 'nl'): Citation {
  const c = card.chunk;
  const english = lang === 'en' && !card.titleOnly && card.parts.kern ? c.english?.kern : undefined;
  const summary = english ?? card.parts.kern ?? card.parts.other[0] ?? card.parts.regels[0];
  return {
    doc: c.doc,
    docTitle: c.docTitle,
    section: c.section,
    sectionTitle: c.sectionTitle,
    url: sectionLink(c.url, c.sectionTitle, WHOLE_PAGE_DOCS.has(c.doc)),
    ...(c.geldendVanaf ? { geldendVanaf: c.geldendVanaf } : {}),
    ...(summary ? { summary: summary.length > 300 ? `${summary.slice(0, 297)}…` : summary } : {}),
  };
}

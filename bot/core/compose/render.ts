/** One plain-text rendering of a reply (Slack fallback text, terminal, eval). */
import type { Citation, Contact, Lang, ReplySection } from '../types.js';
import { citationLabel } from '../citation.js';
import { t } from '../messages.js';

export function contactLine(c: Contact): string {
  const routes = [c.email, c.phone, c.url].filter(Boolean).join(', ');
  return routes ? `${c.name}: ${routes}` : c.name;
}

const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The citation numbers (1-based) whose markers occur in these sections. */
export function markersIn(sections: ReplySection[]): Set<number> {
  const text = sections.flatMap((s) => [s.heading ?? '', s.text ?? '', ...(s.bullets ?? [])]).join('\n');
  return new Set([...text.matchAll(MARKER)].flatMap((m) => m[1]!.split(',').map((n) => Number(n.trim()))));
}

/**
 * Which citations each part of a reply lists, by number: the visible part lists those it cites, "Meer" the
 * others. Without a "Meer" part every citation is visible (a handoff cites its sources without markers).
 */
export function citationParts(reply: { sections: ReplySection[]; more?: ReplySection[] | undefined; citations: Citation[] }): { visible: number[]; more: number[] } {
  const all = reply.citations.map((_, i) => i + 1);
  if (!reply.more?.length) return { visible: all, more: [] };
  const cited = markersIn(reply.sections);
  return { visible: all.filter((n) => cited.has(n)), more: all.filter((n) => !cited.has(n)) };
}

/** Plain text of sections and the listed citations (all when `numbers` is absent), each under its own number. */
export function renderText(sections: ReplySection[], citations: Citation[], lang: Lang, numbers?: number[]): string {
  const blocks: string[] = [];
  for (const s of sections) {
    const lines: string[] = [];
    if (s.heading) lines.push(`${s.heading}:`);
    if (s.text) lines.push(s.text);
    for (const b of s.bullets ?? []) lines.push(`- ${b}`);
    if (lines.length) blocks.push(lines.join('\n'));
  }
  const listed = (numbers ?? citations.map((_, i) => i + 1)).filter((n) => citations[n - 1]);
  if (listed.length) {
    blocks.push(
      [`${t('sources', lang)}:`, ...listed.map((n) => { const c = citations[n - 1]!; return `[${n}] ${citationLabel(c, lang)}${c.url ? ` ${c.url}` : ''}`; })].join('\n'),
    );
  }
  return blocks.join('\n\n');
}

/** A reply's visible text: its sections and the sources they cite. */
export function visibleText(reply: { sections: ReplySection[]; more?: ReplySection[] | undefined; citations: Citation[]; lang: Lang }): string {
  return renderText(reply.sections, reply.citations, reply.lang, citationParts(reply).visible);
}

/** The whole answer as plain text, "Meer" included (`--full` in the CLI). */
export function fullText(reply: { sections: ReplySection[]; more?: ReplySection[] | undefined; citations: Citation[]; lang: Lang }): string {
  return renderText([...reply.sections, ...(reply.more ?? [])], reply.citations, reply.lang);
}

/** The "Meer" part as plain text with the sources only it cites (a Slack thread reply); empty without one. */
export function moreText(reply: { sections: ReplySection[]; more?: ReplySection[] | undefined; citations: Citation[]; lang: Lang }): string {
  if (!reply.more?.length) return '';
  return renderText(reply.more, reply.citations, reply.lang, citationParts(reply).more);
}

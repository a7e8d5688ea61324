/**
 * How a source is named wherever a reply is shown (text, Block Kit, Adaptive Card, HTML). One place, so every
 * channel cites the same way.
 */
import type { Citation } from './types.js';

/**
 * "§4.1" for a numbered section, "art. 15" / "Bijlage 2" as written, and nothing for a card that covers a part of
 * a document without official numbering (its section key is then an internal slug such as "intern-extern",
 * which means nothing to a reader; the section title says what it is).
 */
export function sectionLabel(section: string): string {
  const s = section.trim();
  if (/^\d/.test(s)) return `§${s}`;
  if (/^(art\.?|artikel|§|bijlage|hoofdstuk|paragraaf)(\s|\d|$)/i.test(s)) return s;
  return '';
}

/** "Gedragscode Integriteit Rijk §4.1 (Geschenken, …)", or "Kader … (Rol van de vertrouwenspersoon)". */
export function citationLabel(c: Pick<Citation, 'docTitle' | 'section' | 'sectionTitle'>): string {
  const label = sectionLabel(c.section);
  return `${c.docTitle}${label ? ` ${label}` : ''} (${c.sectionTitle})`;
}

/** The short form for tight spaces: "GIR §4.1", "GEMEENTEWET art. 28", "KADER-VP". */
export function shortCitationLabel(c: Pick<Citation, 'doc' | 'section'>): string {
  const label = sectionLabel(c.section);
  return label ? `${c.doc} ${label}` : c.doc;
}

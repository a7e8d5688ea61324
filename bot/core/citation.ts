/**
 * How a source is named wherever a reply is shown (text, Block Kit, Adaptive Card, HTML). One place, so every
 * channel cites the same way.
 */
import type { Citation, Lang } from './types.js';

const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/**
 * How fresh the cited law text is: "tekst geldend vanaf 18 februari 2023" for a card's `geldendVanaf` date, "tekst
 * van ca. 2015" when only the year of the text that was read is known, and nothing when the card has no date.
 */
export function textDateLabel(geldendVanaf: string | undefined, lang: Lang = 'nl'): string {
  if (!geldendVanaf) return '';
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(geldendVanaf.trim());
  if (!m) return '';
  if (!m[2]) return lang === 'en' ? `text as of about ${m[1]}` : `tekst van ca. ${m[1]}`;
  const date = `${Number(m[3])} ${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
  return lang === 'en' ? `text in force from ${date}` : `tekst geldend vanaf ${date}`;
}

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

/**
 * "Gedragscode Integriteit Rijk §4.1 (Geschenken, …)", "Kader … (Rol van de vertrouwenspersoon)", and for a law
 * card with a text date "Gemeentewet art. 15, tekst van ca. 2015 (Verboden handelingen raadslid)".
 */
export function citationLabel(c: Pick<Citation, 'docTitle' | 'section' | 'sectionTitle' | 'geldendVanaf'>, lang: Lang = 'nl'): string {
  const label = sectionLabel(c.section);
  const date = textDateLabel(c.geldendVanaf, lang);
  return `${c.docTitle}${label ? ` ${label}` : ''}${date ? `, ${date}` : ''} (${c.sectionTitle})`;
}

/** The short form for tight spaces: "GIR §4.1", "GEMEENTEWET art. 28", "KADER-VP", "WHK art. 2, tekst geldend vanaf …". */
export function shortCitationLabel(c: Pick<Citation, 'doc' | 'section' | 'geldendVanaf'>, lang: Lang = 'nl'): string {
  const label = sectionLabel(c.section);
  const date = textDateLabel(c.geldendVanaf, lang);
  return `${label ? `${c.doc} ${label}` : c.doc}${date ? `, ${date}` : ''}`;
}

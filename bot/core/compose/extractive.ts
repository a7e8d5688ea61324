/**
 * The default composer: deterministic and offline. It only arranges text that is in the retrieved cards (Kern,
 * Regels, Wat kun je doen) and cites every card it uses; it never writes a rule of its own.
 */
import type { Audience } from '../../../knowledge/taxonomy.js';
import { t } from '../messages.js';
import type { Citation, Lang, ReplySection } from '../types.js';
import { citationOf, type CardHit } from './card.js';
import { citationLabel } from '../citation.js';
import { matchSteps } from './steps.js';

export interface Draft {
  sections: ReplySection[];
  citations: Citation[];
}

export const MAX_CITATIONS = 3;
/** A second card joins the answer only when it scores almost as well as the first (fused RRF scores are close). */
export const SECONDARY_RATIO = 0.93;

function sharesTopic(a: CardHit, b: CardHit): boolean {
  return a.chunk.topics.some((x) => x !== 'algemeen' && b.chunk.topics.includes(x));
}
function sharesAudience(a: CardHit, b: CardHit): boolean {
  return a.chunk.audience.some((x) => b.chunk.audience.includes(x));
}

/** Bullets meant for the other role ("Als leidinggevende: …" for a medewerker) are left out. */
function forAudience(bullets: string[], audience: Audience | null): string[] {
  return bullets.filter((b) => {
    const l = b.toLowerCase();
    if (audience === 'leidinggevende') return !l.startsWith('als medewerker');
    return !l.startsWith('als leidinggevende');
  });
}

export function pickCards(cards: CardHit[]): CardHit[] {
  const lead = cards[0];
  if (!lead) return [];
  const extra = cards
    .slice(1)
    .filter((c) => !c.titleOnly && c.score >= SECONDARY_RATIO * lead.score && sharesTopic(c, lead) && sharesAudience(c, lead));
  return [lead, ...extra].slice(0, MAX_CITATIONS);
}

export function composeExtractive(input: { cards: CardHit[]; lang: Lang; audience: Audience | null }): Draft {
  const { lang, audience } = input;
  const used = pickCards(input.cards);
  const lead = used[0];
  if (!lead) return { sections: [], citations: [] };
  const citations = used.map(citationOf);
  const leadCitation = citations[0]!;
  const sections: ReplySection[] = [];

  if (lead.titleOnly) {
    sections.push({ text: `${t('titleOnly', lang, { label: citationLabel(leadCitation, lang), url: leadCitation.url })} [1]` });
  } else {
    const kern = lead.parts.kern ?? lead.parts.other[0] ?? lead.parts.regels[0] ?? '';
    const intro = lang === 'en' ? `${t('accordingTo', 'en', { label: citationLabel(leadCitation, 'en') })} ${t('englishNote', 'en')}\n` : '';
    sections.push({ text: `${intro}${kern} [1]` });
    const regels = forAudience(lead.parts.regels, audience).filter((r) => r !== kern);
    if (regels.length) sections.push({ heading: t('rules', lang), bullets: regels.slice(0, 7) });
    const doen = forAudience(lead.parts.doen, audience);
    if (doen.length) sections.push({ heading: t('todo', lang), bullets: doen.slice(0, 4) });
    if (lead.parts.letOp.length) sections.push({ heading: t('letOp', lang), bullets: lead.parts.letOp.slice(0, 2) });
  }
  const seeAlso = used.slice(1).map((c, i) => `${citationLabel(citations[i + 1]!, lang)}: ${c.parts.kern ?? c.parts.regels[0] ?? ''} [${i + 2}]`);
  if (seeAlso.length) sections.push({ heading: t('seeAlso', lang), bullets: seeAlso });
  return { sections, citations };
}

/** A leidinggevende asking how to handle a melding: the steps in order, each cited. Null when no step is backed. */
export function composeMeldingSteps(input: { cards: CardHit[]; lang: Lang }): Draft | null {
  const matches = matchSteps(input.cards);
  if (matches.length < 2) return null;
  const order: CardHit[] = [];
  for (const m of matches) if (!order.includes(m.card)) order.push(m.card);
  const citations = order.map(citationOf);
  const bullets = matches.map((m) => `${m.step.label[input.lang]}: ${m.sentence} [${order.indexOf(m.card) + 1}]`);
  return {
    sections: [{ text: t('stepsIntro', input.lang) }, { heading: t('steps', input.lang), bullets }],
    citations,
  };
}

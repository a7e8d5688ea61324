/**
 * The default composer: deterministic and offline. It only arranges text that is in the retrieved cards (Kern,
 * Regels, Wat kun je doen) and cites every card it uses; it never writes a rule of its own. The answer is
 * chat-sized: the lead card's Kern and the rules that bear on the question, the rest under "Meer".
 */
import type { Audience } from '../../../knowledge/taxonomy.js';
import { t } from '../messages.js';
import type { Citation, Lang, ReplySection } from '../types.js';
import { citationOf, type CardHit } from './card.js';
import { citationLabel } from '../citation.js';
import { matchSteps } from './steps.js';
import { chooseCards, MAX_SEE_ALSO, type LeadContext } from './lead.js';
import { visibleRules, wordOverlapScorer, type TextScorer } from './rank.js';

export interface Draft {
  /** What the reader sees at once. */
  sections: ReplySection[];
  /** The rest, shown on request ("Meer"): more rules, what to do, notes, related cards. */
  more?: ReplySection[];
  citations: Citation[];
}

export const MAX_CITATIONS = 1 + MAX_SEE_ALSO;

/** Bullets meant for the other role ("Als leidinggevende: …" for a medewerker) are left out. */
function forAudience(bullets: string[], audience: Audience | null): string[] {
  return bullets.filter((b) => {
    const l = b.toLowerCase();
    if (audience === 'leidinggevende') return !l.startsWith('als medewerker');
    return !l.startsWith('als leidinggevende');
  });
}

/** The cards an answer uses: the lead first, then its "zie ook" cards. */
export function pickCards(cards: CardHit[], ctx: LeadContext): CardHit[] {
  const { lead, seeAlso } = chooseCards(cards, ctx);
  return lead ? [lead, ...seeAlso].slice(0, MAX_CITATIONS) : [];
}

export function composeExtractive(input: { cards: CardHit[]; question: string; lang: Lang; audience: Audience | null; score?: TextScorer }): Draft {
  const { lang, audience, question } = input;
  const used = pickCards(input.cards, { question, audience, lang });
  const lead = used[0];
  if (!lead) return { sections: [], citations: [] };
  const citations = used.map(citationOf);
  const leadCitation = citations[0]!;
  const sections: ReplySection[] = [];
  const more: ReplySection[] = [];
  if (lead.titleOnly) {
    sections.push({ text: `${t('titleOnly', lang, { label: citationLabel(leadCitation, lang), url: leadCitation.url })} [1]` });
  } else {
    const kern = lead.parts.kern ?? lead.parts.other[0] ?? lead.parts.regels[0] ?? '';
    const intro = lang === 'en' ? `${t('accordingTo', 'en', { label: citationLabel(leadCitation, 'en') })} ${t('englishNote', 'en')}\n` : '';
    sections.push({ text: `${intro}${kern} [1]` });
    const regels = forAudience(lead.parts.regels, audience).filter((r) => r !== kern);
    const shown = visibleRules(question, regels, input.score ?? wordOverlapScorer(question), kern);
    if (shown.length) sections.push({ heading: t('rules', lang), bullets: shown.map((i) => regels[i]!) });
    const rest = regels.filter((_, i) => !shown.includes(i));
    if (rest.length) more.push({ heading: t(shown.length ? 'moreRules' : 'rules', lang), bullets: rest });
    const doen = forAudience(lead.parts.doen, audience);
    if (doen.length) more.push({ heading: t('todo', lang), bullets: doen.slice(0, 4) });
    if (lead.parts.letOp.length) more.push({ heading: t('letOp', lang), bullets: lead.parts.letOp.slice(0, 2) });
  }
  // A title-only card is named with its link only: it states no rule to quote.
  const seeAlso = used
    .slice(1)
    .map((c, i) => (c.titleOnly ? `${citationLabel(citations[i + 1]!, lang)} [${i + 2}]` : `${citationLabel(citations[i + 1]!, lang)}: ${c.parts.kern ?? c.parts.regels[0] ?? ''} [${i + 2}]`));
  if (seeAlso.length) more.push({ heading: t('seeAlso', lang), bullets: seeAlso });
  return { sections, ...(more.length ? { more } : {}), citations };
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

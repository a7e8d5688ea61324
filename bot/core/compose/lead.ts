/**
 * Which retrieved card leads an answer and which may follow as "Zie ook". Retrieval ranks passages by how well
 * they match the words of a question; the lead must also be a card that can answer it for this asker. So:
 * - a `title-only` card (it states no rule) gives way to a card with content on a shared topic. An unrelated card
 *   with content does not take its place: "read §4.6 and ask your coordinator" serves a question about a job move
 *   better than the rules on reporting;
 * - a card written only for political office holders (raadslid, wethouder, bewindspersoon, gedeputeerde, …)
 *   does not lead for an employee or manager unless the question names such a role or the routing model, which
 *   learned from questions by every kind of speaker, puts that card first;
 * - "Zie ook" is for related cards only: same topic as the lead and similar enough to the question.
 */
import type { Audience } from '../../../knowledge/taxonomy.js';
import { normalize } from '../triage/normalize.js';
import type { Lang } from '../types.js';
import type { CardHit } from './card.js';
import { ABSTAIN_THRESHOLD } from './confidence.js';

export const MAX_SEE_ALSO = 2;
/** A "zie ook" card scores almost as well as the lead (fused RRF scores lie close together). */
export const SECONDARY_RATIO = 0.93;

/**
 * Words that name a political office or its bodies. Broader than triage's audience hint, which only labels the
 * asker: here "Mag een minister …?" or "de modelcode voor bestuurders" is enough to let such a card lead.
 */
const OFFICE_ROLE =
  /\b(raadsleden|raadslid|gemeenteraad|de raad\b(?! van)|raadsvergadering|wethouders?|burgemeesters?|college van b(urgemeester)? ?(en|&) ?w|statenleden|statenlid|provinciale staten|gedeputeerden?|commissaris van de koning|dijkgraaf|algemeen bestuur|dagelijks bestuur|bewindspersonen|bewindspersoon|ministers?|oud-ministers?|staatssecretaris(sen)?|fractie\w*|volksvertegenwoordigers?|bestuurders?|politiek ambtsdragers?|politici|politicus|councillors?|council members?|aldermen|alderman|mayors?|city council)\b/;

export function namesOfficeRole(question: string): boolean {
  return OFFICE_ROLE.test(normalize(question));
}

/** Written only for political office holders (and coordinators), not for employees or their managers. */
function forOfficeHoldersOnly(card: CardHit): boolean {
  return !card.chunk.audience.some((a) => a === 'medewerker' || a === 'leidinggevende');
}

function sharesTopic(a: CardHit, b: CardHit): boolean {
  return a.chunk.topics.some((x) => x !== 'algemeen' && b.chunk.topics.includes(x));
}

export interface LeadContext {
  question: string;
  /** Who is asking, from the question's words (null: unknown, treated as an employee). */
  audience: Audience | null;
  lang: Lang;
}

export interface CardChoice {
  lead: CardHit | undefined;
  seeAlso: CardHit[];
}

/** The routing model's first choice for this question (the tier ranks each card's chunks by the card's probability). */
function routedFirst(card: CardHit): boolean {
  return card.best.tiers.routing?.rank === 1;
}

/**
 * A card with content may stand in for the title-only cards ranked above it when it is about the same thing. Not
 * by score: with the routing tier's weight the fused scores of neighbouring ranks differ by about 2 %, so "nearly
 * as high" let any second card stand in.
 */
function standsInFor(c: CardHit, passedOver: CardHit[]): boolean {
  return passedOver.every((t) => sharesTopic(c, t));
}

export function chooseCards(cards: CardHit[], ctx: LeadContext): CardChoice {
  const officeAsker = ctx.audience === 'politiek-ambtsdrager' || ctx.audience === 'coordinator' || namesOfficeRole(ctx.question);
  const forAsker = (c: CardHit) => officeAsker || !forOfficeHoldersOnly(c) || routedFirst(c);
  const candidates = cards.filter(forAsker);
  const pool = candidates.length > 0 ? candidates : cards;
  const firstContent = pool.findIndex((c) => !c.titleOnly);
  // Nothing with content, or only unrelated content: the best title-only card gives the honest "read the official text" answer.
  const lead = firstContent >= 0 && standsInFor(pool[firstContent]!, pool.slice(0, firstContent)) ? pool[firstContent] : pool[0];
  const leadIndex = lead ? cards.indexOf(lead) : -1;
  if (!lead) return { lead: undefined, seeAlso: [] };
  // The n-gram cosine is the same absolute signal the abstain decision uses: below it a card does not cover the question.
  const relevant = (c: CardHit) => c.score >= SECONDARY_RATIO * lead.score && (c.best.tiers.ngram?.score ?? 0) >= ABSTAIN_THRESHOLD[ctx.lang];
  const seeAlso = cards.filter(
    (c, i) =>
      c !== lead &&
      forAsker(c) &&
      relevant(c) &&
      // A card retrieval placed above the lead (a title-only one, passed over) is the question's own topic even
      // when it is not the lead's; below the lead only the lead's topic. Title-only cards only as a pointer.
      (i < leadIndex || (!c.titleOnly && sharesTopic(c, lead))),
  );
  return { lead, seeAlso: seeAlso.slice(0, MAX_SEE_ALSO) };
}

/**
 * The default composer: deterministic and offline. It only arranges text that is in the retrieved cards (Kern,
 * Regels, Wat kun je doen) and cites every card it uses; it never writes a rule of its own. The answer is
 * chat-sized: the lead card's Kern and the rules that bear on the question, the rest under "Meer".
 */
import type { Audience } from '../../../knowledge/taxonomy.js';
import { t } from '../messages.js';
import type { Citation, Lang, ReplySection } from '../types.js';
import { citationOf, type CardHit } from './card.js';
import { englishParts } from './english.js';
import { citationLabel, sectionLabel } from '../citation.js';
import { matchSteps } from './steps.js';
import { chooseCards, MAX_SEE_ALSO, type LeadContext } from './lead.js';
import { repeats, visibleRules, wordOverlapScorer, type TextScorer } from './rank.js';

export interface Draft {
  /** What the reader sees at once. */
  sections: ReplySection[];
  /** The rest, shown on request ("Meer"): more rules, what to do, notes, related cards. */
  more?: ReplySection[];
  citations: Citation[];
}

export const MAX_CITATIONS = 1 + MAX_SEE_ALSO;
/** Characters of a manager's step sentence shown at once (a card's rule is about 120). */
export const MAX_VISIBLE_STEP_SENTENCE = 160;

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
  const citations = used.map((c) => citationOf(c, lang));
  const leadCitation = citations[0]!;
  const sections: ReplySection[] = [];
  const more: ReplySection[] = [];
  if (lead.titleOnly) {
    sections.push({ text: `${t('titleOnly', lang, { label: citationLabel(leadCitation, lang), url: leadCitation.url })} [1]` });
  } else {
    const en = lang === 'en' ? englishParts(lead) : {};
    /** In an English reply, a part without an English rendering is the Dutch source text: its heading says so. */
    const quote = (key: 'rules' | 'moreRules' | 'todo' | 'letOp', english: string[] | undefined) =>
      lang === 'en' && !english ? { heading: `${t(key, lang)}${t('dutchText', lang)}`, lang: 'nl' as const } : { heading: t(key, lang) };
    const kernNl = lead.parts.kern ?? lead.parts.other[0] ?? lead.parts.regels[0] ?? '';
    const kern = en.kern ?? kernNl;
    if (lang === 'en') {
      const label = `${leadCitation.docTitle} ${sectionLabel(leadCitation.section)}`.trim();
      if (en.kern) sections.push({ text: `${t('ownTranslation', 'en', { label })}\n${en.kern} [1]` });
      else sections.push({ text: t('englishNote', 'en', { label }) }, { text: `${kernNl} [1]`, lang: 'nl' });
    } else {
      sections.push({ text: `${kern} [1]` });
    }
    // Rules are chosen by their place in the Dutch card, so an English answer shows the rules a Dutch one would.
    const nl = lead.parts.regels;
    const keep = forAudience(nl, audience).filter((r) => r !== kernNl);
    const indices = nl.flatMap((r, i) => (keep.includes(r) ? [i] : []));
    const regels = indices.map((i) => en.regels?.[i] ?? nl[i]!);
    const base = input.score ?? wordOverlapScorer(question);
    const english = en.regels ? wordOverlapScorer(question) : null;
    const score: TextScorer = (text) => {
      const i = indices[regels.indexOf(text)];
      return i === undefined ? base(text) : base(nl[i]!) + (english ? english(text) : 0);
    };
    const shown = visibleRules(question, regels, score, kern);
    if (shown.length) sections.push({ ...quote('rules', en.regels), bullets: shown.map((i) => regels[i]!) });
    const rest = regels.filter((_, i) => !shown.includes(i));
    if (rest.length) more.push({ ...quote(shown.length ? 'moreRules' : 'rules', en.regels), bullets: rest });
    const doenNl = lead.parts.doen;
    const doen = forAudience(doenNl, audience).map((d) => en.doen?.[doenNl.indexOf(d)] ?? d);
    if (doen.length) more.push({ ...quote('todo', en.doen), bullets: doen.slice(0, 4) });
    const letOp = en.letOp ?? lead.parts.letOp;
    if (letOp.length) more.push({ ...quote('letOp', en.letOp), bullets: letOp.slice(0, 2) });
  }
  // A title-only card is named with its link only: it states no rule to quote.
  const seeAlso = used.slice(1).map((c, i) => {
    const label = `${citationLabel(citations[i + 1]!, lang)}`;
    if (c.titleOnly) return { text: `${label} [${i + 2}]`, dutch: false };
    const english = lang === 'en' ? englishParts(c).kern : undefined;
    return { text: `${label}: ${english ?? c.parts.kern ?? c.parts.regels[0] ?? ''} [${i + 2}]`, dutch: lang === 'en' && !english };
  });
  const translated = seeAlso.filter((x) => !x.dutch).map((x) => x.text);
  const quoted = seeAlso.filter((x) => x.dutch).map((x) => x.text);
  if (translated.length) more.push({ heading: t('seeAlso', lang), bullets: translated });
  if (quoted.length) more.push({ heading: `${t('seeAlso', lang)}${t('dutchText', lang)}`, bullets: quoted, lang: 'nl' });
  return { sections, ...(more.length ? { more } : {}), citations };
}

/** A leidinggevende asking how to handle a melding: the steps in order, each cited. Null when no step is backed. */
/**
 * `focus`: the card that best answers the manager's own question ("may the reporter bring a vertrouwenspersoon?").
 * The fixed steps alone leave that narrow question unanswered, so its Kern comes first, as source [1].
 * Chat-sized like a rule answer: every step shows its label and source, and only the step sentences that bear on the
 * question (ranked against it like a card's rules, within the same budget beside the focus Kern) are spelled out at
 * once; the other sentences go under "Meer".
 */
export function composeMeldingSteps(input: { cards: CardHit[]; lang: Lang; focus?: CardHit; question?: string; score?: TextScorer }): Draft | null {
  const matches = matchSteps(input.cards);
  if (matches.length < 2) return null;
  const focus = input.focus && !input.focus.titleOnly && input.focus.parts.kern ? input.focus : undefined;
  // One source number per card: the focus card and a step's card are often the same card found by two searches.
  const key = (c: CardHit) => `${c.chunk.doc}\u0000${c.chunk.section}`;
  const order: CardHit[] = focus ? [focus] : [];
  for (const m of matches) if (!order.some((c) => key(c) === key(m.card))) order.push(m.card);
  const number = (card: CardHit) => order.findIndex((c) => key(c) === key(card)) + 1;
  const citations = order.map((c) => citationOf(c, input.lang));
  // In English a step shows the English rendering of the whole bullet its Dutch sentence was found in.
  const texts = matches.map((m) => (input.lang === 'en' ? englishParts(m.card)[m.from.part] : undefined));
  const english = (i: number) => {
    const en = texts[i];
    return typeof en === 'string' ? en : en?.[matches[i]!.from.index];
  };
  const quotesDutch = input.lang === 'en' && matches.some((_, i) => !english(i));
  // An English bullet often backs several steps: it is quoted at the first, the later ones give the label and source.
  const quoted = new Set<string>();
  // The sentence each step would spell out, or null where its label with the source says it all.
  const sentences = matches.map((m, i) => {
    const en = english(i);
    if (en && quoted.has(en)) return null;
    if (en) quoted.add(en);
    // "Luister en neem de melder serieus: Neem de melder serieus" — a sentence that only repeats its step's label is
    // left out: the label with its source says it all, in half the space.
    if (repeats(en ?? m.sentence, m.step.label[input.lang]) === 1) return null;
    return en ?? m.sentence;
  });
  const label = (i: number) => matches[i]!.step.label[input.lang];
  const marker = (i: number) => `[${number(matches[i]!.card)}]`;
  const full = (i: number) => `${label(i)}: ${sentences[i]} ${marker(i)}`;
  const focusKern = focus && ((input.lang === 'en' ? englishParts(focus).kern : undefined) ?? focus.parts.kern);
  const focusDutch = Boolean(focus && input.lang === 'en' && !englishParts(focus).kern);
  // A sentence longer than a chat line (an English rendering of a whole bullet runs to 300 characters) is explained
  // under "Meer"; its step's label and source stay in sight.
  const spelled = sentences.flatMap((s, i) => (s && s.length <= MAX_VISIBLE_STEP_SENTENCE ? [i] : []));
  const score = input.score ?? wordOverlapScorer(input.question ?? '');
  const shown = new Set(visibleRules(input.question ?? '', spelled.map((i) => sentences[i]!), score, focusKern ?? '').map((k) => spelled[k]!));
  const bullets = matches.map((_, i) => (shown.has(i) ? full(i) : `${label(i)} ${marker(i)}`));
  const explained = sentences.flatMap((s, i) => (s && !shown.has(i) ? [full(i)] : []));
  const heading = `${t('steps', input.lang)}${quotesDutch ? t('dutchText', input.lang) : ''}`;
  const lang = quotesDutch ? { lang: 'nl' as const } : {};
  return {
    sections: [
      ...(focusKern ? [{ heading: t('onYourQuestion', input.lang), text: `${focusKern} [1]`, ...(focusDutch ? { lang: 'nl' as const } : {}) }] : []),
      { heading, bullets, ...lang },
    ],
    ...(explained.length ? { more: [{ heading: `${t('stepsExplained', input.lang)}${quotesDutch ? t('dutchText', input.lang) : ''}`, bullets: explained, ...lang }] } : {}),
    citations,
  };
}

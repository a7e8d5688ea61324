/**
 * Follow-up questions without keeping the conversation. An answer carries a context token: the id (doc and
 * section) of the card it leads with, sealed like a reroute token (bot/core/seal.ts) — authenticated, so nobody can make the core
 * treat arbitrary cards as "the previous answer", and expiring with the other tokens. No message text is ever in
 * it; a channel hands it back with the next message, and the core decides here whether that message continues
 * the previous answer.
 */
import { z } from 'zod';
import { normalize } from './triage/index.js';
import type { Probabilities } from './triage/index.js';
import type { Sealer } from './seal.js';
import type { Citation, Lang } from './types.js';

/** Starts the sealed text of a context token; a user's message cannot start with a NUL character past the guard. */
export const CONTEXT_MARK = '\u0000ctx:';
/**
 * Only the previous answer's lead card. On the follow-up development set (eval/followups/dev.jsonl) the question
 * with the titles of all three cited cards found the right card for 51 % of the follow-ups, with the lead card's
 * title alone for 63 %; boosting the previous cards' hits after the search lowered both. The other cards mostly
 * pulled the follow-up away from its subject.
 */
export const MAX_CONTEXT_CARDS = 1;

export interface CardRef {
  doc: string;
  section: string;
}

// Card ids are short codes ("GIR", "art. 41c"); the bounds keep a token from smuggling anything longer.
const Payload = z.array(z.object({ d: z.string().min(1).max(40), s: z.string().min(1).max(60) }).strict()).min(1).max(MAX_CONTEXT_CARDS);

/** The distinct cards an answer cites, in citation order (the lead card first), as many as a context carries. */
export function citedCards(citations: Citation[]): CardRef[] {
  const seen = new Set<string>();
  const cards: CardRef[] = [];
  for (const c of citations) {
    const key = `${c.doc}\u0000${c.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cards.push({ doc: c.doc, section: c.section });
  }
  return cards.slice(0, MAX_CONTEXT_CARDS);
}

export function sealContext(sealer: Sealer, cards: CardRef[], lang: Lang): string | undefined {
  if (cards.length === 0) return undefined;
  const payload = cards.slice(0, MAX_CONTEXT_CARDS).map((c) => ({ d: c.doc, s: c.section }));
  return sealer.seal({ text: `${CONTEXT_MARK}${JSON.stringify(payload)}`, lang });
}

/** The cards a context token names, or null when it is forged, expired, or another kind of token. */
export function openContext(sealer: Sealer, token: string): CardRef[] | null {
  const opened = sealer.open(token);
  if (!opened?.text.startsWith(CONTEXT_MARK)) return null;
  try {
    return Payload.parse(JSON.parse(opened.text.slice(CONTEXT_MARK.length))).map((c) => ({ doc: c.d, section: c.s }));
  } catch {
    return null;
  }
}

/**
 * Words that make a message lean on what came before: it opens with "en …" / "and …" / "what about …", or it
 * points back ("geldt dat ook", "does that apply", "in dat geval"). Matched on the normalised text, whole words.
 */
const OPENERS = /^(en|maar|ook|of|and|but|also|or|idem|same|what about|how about|what if|hoe zit het|wat als|wat nou als|en als|en wat als)\b/;
const POINTING_BACK =
  /\b(geldt (dat|dit|het|die|deze)|(dat|dit|het) ook|ook (voor|bij|als|zo|met|in|op)|in dat geval|daarvoor|hiervoor|daarbij|hierbij|datzelfde|hetzelfde|zelfde regel|(does|is|do) (that|this|it)|(that|this|it) also|also (for|apply|applies|true|the case|when|if|with)|in that case|same (rule|for|goes)|the same)\b/;

/** A message that only makes sense after the previous answer: "en als het 60 euro is?", "does that apply to …". */
export function isElliptic(text: string): boolean {
  const t = normalize(text).toLowerCase().replace(/[^\p{L}\p{N}€ ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return OPENERS.test(t) || POINTING_BACK.test(t);
}

/** Below this, the model's best label is a guess: such a message with context is read as a follow-up. */
export const CONFIDENT = 0.7;

/**
 * Whether a message with a (valid) context continues the previous answer. The caller has already sent handoffs,
 * instruction overrides and small talk their own way: a handoff always wins, context or not. Of the rest, a
 * message is a follow-up when its words lean on the previous answer (isElliptic), or when triage could not place
 * it with confidence — a clarifying question, an out-of-scope or rule verdict below CONFIDENT — since a short
 * question about "a dinner" or "wethouders" means little alone. A question that stands on its own and that triage
 * places with confidence is a new topic and goes its own way — unless no card answers it alone, in which case the
 * core tries it against the previous card before declining (bot/core/index.ts).
 */
export function continuesPrevious(text: string, route: string, p: Probabilities): boolean {
  if (isElliptic(text)) return true;
  if (route === 'clarify') return true;
  const label = route === 'out-of-scope' ? p['out-of-scope'] : route === 'manager-steps' ? p['manager-steps'] : p.advice;
  return label < CONFIDENT;
}

// The query for a follow-up is composed where the routing tier learns it (the same words at training and run time).
export { followupQuery } from '../../knowledge/search/routing/followups.js';

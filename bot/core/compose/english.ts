/**
 * A card's English rendering (the project's own translation, `english` in the card's frontmatter), lined up with
 * the Dutch parts the answer is built from. A part is only used when it has as many bullets as the Dutch part it
 * renders: the answer picks rules by their place in the Dutch card, and a rendering that does not line up (an
 * organisation's card half translated, a long card of which only one chunk was retrieved) would put the wrong
 * English beside the wrong citation. Such a part is quoted in Dutch instead, marked as Dutch.
 */
import type { CardHit } from './card.js';

export interface EnglishParts {
  kern?: string;
  regels?: string[];
  doen?: string[];
  letOp?: string[];
}

export function englishParts(card: CardHit): EnglishParts {
  const en = card.chunk.english;
  if (!en || card.titleOnly) return {};
  const out: EnglishParts = {};
  if (en.kern && card.parts.kern) out.kern = en.kern;
  for (const part of ['regels', 'doen', 'letOp'] as const) {
    const list = en[part];
    if (list && list.length === card.parts[part].length) out[part] = list;
  }
  return out;
}

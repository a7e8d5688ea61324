/**
 * A leidinggevende who received a melding gets the steps in a fixed order. Each step is shown only when a
 * retrieved source sentence supports it, and is cited to that source: no step without a source.
 */
import type { Lang } from '../types.js';
import type { CardHit } from './card.js';

export interface StepDef {
  id: string;
  label: Record<Lang, string>;
  /** Matches a supporting source sentence (lower case, diacritics kept). */
  support: RegExp;
}

export const MELDING_STEPS: StepDef[] = [
  { id: 'listen', label: { nl: 'Luister en neem de melder serieus', en: 'Listen and take the reporter seriously' }, support: /serieus|luister/ },
  {
    id: 'forward',
    label: { nl: 'Geef de melding direct door aan de hoogste leidinggevende', en: 'Pass the report on to the most senior manager at once' },
    support: /hoogste leidinggevende/,
  },
  {
    id: 'no-own-investigation',
    label: { nl: 'Ga niet zelf onderzoeken', en: 'Do not investigate yourself' },
    support: /niet zelf\b.{0,40}onderzo|zelf geen onderzoek|onderzoek\b.{0,60}\b(laat|laten|overlaten)|niet op eigen houtje/,
  },
  { id: 'coordinator', label: { nl: 'Schakel de integriteitscoördinator in', en: 'Involve the integriteitscoördinator' }, support: /integriteitsco[oö]rdinator/ },
  {
    id: 'rights',
    label: { nl: 'Let op de rechten van de melder en van de betrokkene', en: "Respect the reporter's and the person concerned's rights" },
    support: /\bbenadeeld|\bbenadeling|bescherm|wederhoor|rechten van (de )?(melder|betrokkene)|niet .{0,20}nadelig/,
  },
  { id: 'confidential', label: { nl: 'Ga vertrouwelijk om met de melding', en: 'Keep the report confidential' }, support: /vertrouwelijk|geheimhouding|geheim/ },
  { id: 'registration', label: { nl: 'Zorg dat de melding wordt vastgelegd', en: 'Make sure the report is registered' }, support: /vastgelegd|vastleggen|registr/ },
];

export interface Sentence {
  text: string;
  /** Written for the leidinggevende ("Als leidinggevende die een melding krijgt: …"). */
  manager: boolean;
  /** The card part and bullet the sentence comes from, so an English reply can show that bullet's English rendering. */
  from: { part: 'kern' | 'regels' | 'doen'; index: number };
}

/** Sentences and, for long sentences, their comma/colon clauses: small enough to quote as one step. */
export function sentencesOf(card: CardHit): Sentence[] {
  const texts = [
    { text: card.parts.kern ?? '', from: { part: 'kern' as const, index: 0 } },
    ...card.parts.regels.map((text, index) => ({ text, from: { part: 'regels' as const, index } })),
    ...card.parts.doen.map((text, index) => ({ text, from: { part: 'doen' as const, index } })),
  ];
  const out: Sentence[] = [];
  for (const { text, from } of texts) {
    const manager = /^als leidinggevende/i.test(text);
    for (const s of text.split(/(?<=[.!?])\s+(?=[A-ZÀ-Ý])/)) {
      const sentence = s.trim();
      if (!sentence) continue;
      if (sentence.length <= 140) {
        out.push({ text: sentence, manager, from });
        continue;
      }
      for (const clause of sentence.split(/[:;,]\s+|\s+en\s+(?=(?:let|zorg|schakel|ga|neem|luister)\b)/)) {
        const c = clause?.trim();
        if (!c || c.length <= 12 || /^als leidinggevende/i.test(c)) continue;
        out.push({ text: `${c.charAt(0).toUpperCase()}${c.slice(1)}`, manager, from });
      }
    }
  }
  return out;
}

export interface StepMatch {
  step: StepDef;
  sentence: string;
  from: Sentence['from'];
  card: CardHit;
}

/** For each step, the first sentence that supports it and was not used before; sentences for the manager first. */
export function matchSteps(cards: CardHit[]): StepMatch[] {
  const all = cards.filter((c) => !c.titleOnly).flatMap((card) => sentencesOf(card).map((s) => ({ card, ...s })));
  const candidates = [...all.filter((c) => c.manager), ...all.filter((c) => !c.manager)];
  const used = new Set<string>();
  const out: StepMatch[] = [];
  for (const step of MELDING_STEPS) {
    const supports = (c: { text: string }) => step.support.test(c.text.toLowerCase());
    const hit = candidates.find((c) => !used.has(c.text) && supports(c)) ?? candidates.find(supports);
    if (!hit) continue;
    used.add(hit.text);
    out.push({ step, sentence: hit.text, from: hit.from, card: hit.card });
  }
  return out;
}

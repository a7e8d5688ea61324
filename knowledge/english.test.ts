/**
 * Every card carries the project's own English translation (`english` in its frontmatter), lined up with its
 * Dutch body, and the translation keeps every number of the Dutch text: amounts, days, weeks, years, article and
 * section numbers. A translation that drops or changes a number would give an English reader a different rule.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCard } from '../ingest/read/card.js';
import { parseParts } from '../bot/core/compose/card.js';

const CORPUS = path.join(import.meta.dirname, 'corpus');
const cards = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ file: f, chunk: parseCard(f, readFileSync(path.join(CORPUS, f)))[0]! }));

/**
 * The numbers in a text, normalised so "€ 1.000" (Dutch) and "€ 1,000" (English) agree, and "2,5" and "2.5".
 * Attached letters count ("art. 41b"), so a changed article is caught.
 */
export function numbersOf(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*[a-z]{0,2}\b/g)]
    .map((m) => m[0])
    .map((n) => (/^\d{1,3}([.,]\d{3})+$/.test(n) ? n.replace(/[.,]/g, '') : n.replace(',', '.')))
    .sort();
}

describe('numbersOf', () => {
  it('normalises thousands and decimal separators and keeps article letters', () => {
    expect(numbersOf('€ 1.000 binnen 2,5 week, art. 41b en §4.1')).toEqual(['1000', '2.5', '4.1', '41b']);
    expect(numbersOf('€ 1,000 within 2.5 weeks, art. 41b and §4.1')).toEqual(['1000', '2.5', '4.1', '41b']);
    expect(numbersOf('within 12 weeks')).not.toEqual(numbersOf('binnen 14 weken'));
  });
});

describe('English renderings of the knowledge cards', () => {
  it('finds the corpus', () => {
    expect(cards.length).toBeGreaterThanOrEqual(71);
  });

  for (const { file, chunk } of cards) {
    it(`${file}: has an English rendering that lines up with the Dutch and keeps its numbers`, () => {
      const en = chunk.english;
      expect(en, 'english is missing').toBeDefined();
      expect(numbersOf(en!.sectionTitle), 'sectionTitle').toEqual(numbersOf(chunk.sectionTitle));
      if (chunk.verified === 'title-only') {
        // A title-only card states no rule, so there is nothing to translate but its title.
        expect(en!.kern ?? en!.regels ?? en!.doen ?? en!.letOp).toBeUndefined();
        return;
      }
      const nl = parseParts(chunk.text, chunk.kern);
      expect(en!.kern, 'kern').toBeDefined();
      expect(numbersOf(en!.kern!), 'kern').toEqual(numbersOf(nl.kern ?? ''));
      for (const part of ['regels', 'doen', 'letOp'] as const) {
        const list = en![part];
        // Kern, rules and what to do are required; "Let op" may stay Dutch (quoted, marked as Dutch).
        if (part === 'letOp' && !list) continue;
        expect(list?.length ?? 0, `${part}: bullets`).toBe(nl[part].length);
        nl[part].forEach((dutch, i) => expect(numbersOf(list![i]!), `${part}[${i}]: ${dutch}`).toEqual(numbersOf(dutch)));
      }
    });
  }
});

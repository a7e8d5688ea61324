import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildParagraphs, cleanPages, cleanText, joinLines, paragraphOptions, splitPages } from './clean.js';

const SEEDS = '/work/shared/seeds';
const haveSeeds = existsSync(SEEDS);
const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');

describe('joinLines', () => {
  it('glues a word hyphenated across a line end', () => {
    expect(joinLines('bij integriteits-', 'schendingen of misstanden')).toBe('bij integriteitsschendingen of misstanden');
    expect(joinLines('de departemen-', 'ten')).toBe('de departementen');
  });
  it('keeps real hyphens', () => {
    expect(joinLines('over meld-', 'en onderzoeksprotocollen')).toBe('over meld- en onderzoeksprotocollen');
    expect(joinLines('in Noord-', 'Holland')).toBe('in Noord-Holland');
    expect(joinLines('gedrag dat niet-', 'integer is')).toBe('gedrag dat niet-integer is');
    expect(joinLines('een collega-', 'ambtenaar')).toBe('een collega-ambtenaar');
    expect(joinLines('periode 2013-', '2021')).toBe('periode 2013-2021');
  });
  it('joins ordinary lines with a space', () => {
    expect(joinLines('een regel', 'en nog een')).toBe('een regel en nog een');
  });
});

describe('cleanPages', () => {
  const page = (n: number, body: string[]) => ['Rapport Integriteit 2024 | Gemeente Testdam', '', ...body, '', `${n}`];
  it('drops running headers and bare page numbers, keeps body text', () => {
    const pages = [
      page(1, ['Eerste alinea over giften aan ambtenaren.']),
      page(2, ['Tweede alinea over nevenwerk.']),
      page(3, ['Derde alinea over melden.']),
      page(4, ['Vierde alinea, het 12 keer genoemde punt.']),
    ];
    const { lines } = cleanPages(pages);
    const texts = lines.map((l) => l.text);
    expect(texts).toEqual([
      'Eerste alinea over giften aan ambtenaren.',
      'Tweede alinea over nevenwerk.',
      'Derde alinea over melden.',
      'Vierde alinea, het 12 keer genoemde punt.',
    ]);
  });

  it('lifts a page-bottom footnote out of the paragraph it interrupts and drops the inline mark', () => {
    const pages = [
      ['Het vertrouwen in de overheid is gedaald.1 Daarom is het belangrijk dat ambtenaren', 'en bestuurders gelijk-', '', '1 Zie het rapport van het planbureau, 2023.'],
      ['waardig behandelen en betrouwbaar blijven.', 'Nog een zin.'],
    ];
    const { lines, footnotes } = cleanPages(pages);
    expect(footnotes).toEqual([{ mark: '1', text: 'Zie het rapport van het planbureau, 2023.', at: 2 }]);
    const paragraphs = buildParagraphs(lines, paragraphOptions(lines));
    expect(paragraphs.join('\n')).toContain('is gedaald. Daarom');
    expect(paragraphs.join('\n')).toContain('gelijkwaardig behandelen');
    expect(paragraphs.join('\n')).not.toContain('planbureau');
  });

  it('does not take a numbered sentence in the middle of a page for a footnote', () => {
    const pages = [['Er waren dit jaar veel meldingen.', '', '12 maanden lang is er gemeten.', 'En daarna volgt meer tekst.']];
    const { footnotes, lines } = cleanPages(pages);
    expect(footnotes).toEqual([]);
    expect(lines).toHaveLength(3);
  });
});

describe('splitPages', () => {
  it('splits on form feeds', () => {
    expect(splitPages('a\nb\fc')).toEqual([['a', 'b'], ['c']]);
  });
  it('treats rare single-space-indented lines as page starts', () => {
    const text = ['regel een', 'regel twee', ' pagina twee begint', 'regel vier', 'regel vijf', 'regel zes', 'regel zeven', ' pagina drie', 'regel negen'].join('\n');
    expect(splitPages(text).map((p) => p[0])).toEqual(['regel een', ' pagina twee begint', ' pagina drie']);
  });
});

describe.skipIf(!haveSeeds)(haveSeeds ? 'clean-up on the real seeds' : `seed tests skipped: ${SEEDS} is absent`, () => {
  it('rebuilds paragraphs from the blank-line noise of 003 and joins hyphenated words', () => {
    const { paragraphs } = cleanText(seed('003_f33d39e7bb05c5b4.txt'));
    const all = paragraphs.join('\n\n');
    // The raw text has a blank line after nearly every line; paragraphs must be far fewer than lines.
    const rawLines = seed('003_f33d39e7bb05c5b4.txt').split('\n').filter((l) => l.trim() !== '').length;
    expect(paragraphs.length).toBeLessThan(rawLines / 3);
    // "integriteits-" + "beleid" at a line end in 3.5.1 becomes one word; real hyphens stay.
    expect(all).toContain('onmisbaar onderdeel van het integriteitsbeleid');
    expect(all).not.toMatch(/integriteits- ?beleid/);
    expect(all).toContain('meld- en onderzoeksprotocollen');
    expect(all).toContain('niet-integer');
    // No hyphen-space-lowercase word survives except before a conjunction ("structuur- als cultuur...").
    const leftovers = (all.match(/\p{Ll}- \p{Ll}+/gu) ?? []).filter((m) => !/- (en|of|tot|als)$/.test(m));
    expect(leftovers).toEqual([]);
  });

  it('moves the footnotes of 000 out of the body and repairs the word split around them', () => {
    const { paragraphs, footnotes } = cleanText(seed('000_9fe98e45d9cfcbbf.txt'));
    const all = paragraphs.join('\n');
    expect(footnotes.length).toBeGreaterThan(30);
    expect(footnotes.map((f) => Number(f.mark))).toEqual(footnotes.map((_, i) => i + 1));
    expect(footnotes[0]!.text).toMatch(/^Sociaal Cultureel Planbureau/);
    // Footnote 1 sat between "gelijk-" (page 1) and "waardig" (page 2).
    expect(all).toContain('mensen gelijkwaardig en respectvol');
    expect(all).not.toContain('Sociaal Cultureel Planbureau, Sociale en culturele');
    // The inline reference "afgenomen.1" lost its footnote number.
    expect(all).toMatch(/is afgenomen\. Zij/);
  });
});

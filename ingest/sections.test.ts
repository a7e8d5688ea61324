import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPages, splitPages } from './clean.js';
import { continuesNumbering, detectSections, isTocLine, parseHeading } from './sections.js';

const SEEDS = '/work/shared/seeds';
const haveSeeds = existsSync(SEEDS);
const sectionsOf = (text: string) => detectSections(cleanPages(splitPages(text)));

describe('parseHeading', () => {
  const h = (line: string, next?: string) => parseHeading(next === undefined ? [line] : [line, next], 0);
  it('reads numbered, article, paragraph-sign and appendix headings', () => {
    expect(h('4.1 Geschenken, diensten en andere voordelen')).toMatchObject({ section: '4.1', title: 'Geschenken, diensten en andere voordelen' });
    expect(h('3.5.1 Wat bedoelen we hiermee?')).toMatchObject({ section: '3.5.1', title: 'Wat bedoelen we hiermee?' });
    expect(h('Artikel 15')).toMatchObject({ section: 'art. 15', title: '' });
    expect(h('Artikel 15. Verboden handelingen')).toMatchObject({ section: 'art. 15', title: 'Verboden handelingen' });
    expect(h('Artikel 41b', 'Openbaarmaking nevenfuncties')).toMatchObject({ section: 'art. 41b', title: 'Openbaarmaking nevenfuncties', consumed: 2 });
    expect(h('§ 2 Melden van een vermoeden')).toMatchObject({ section: '§ 2', title: 'Melden van een vermoeden' });
    expect(h('Bijlage 1: Model integriteitsverklaring')).toMatchObject({ section: 'Bijlage 1', title: 'Model integriteitsverklaring' });
    expect(h('2.', 'Over dit onderzoek')).toMatchObject({ section: '2', title: 'Over dit onderzoek', consumed: 2 });
  });
  it('rejects sentences, dates, amounts and table-of-contents lines', () => {
    expect(h('12 maanden lang is er gemeten')).toBeUndefined();
    expect(h('1 januari 2024 treedt de regeling in werking.')).toBeUndefined();
    expect(h('50 euro is de grens voor een geschenk, zegt de code.')).toBeUndefined();
    expect(h('Artikel 15 bepaalt dat een wethouder geen opdrachten aanneemt')).toBeUndefined();
    expect(h('3.5 Meld- en onderzoeksprotocollen ........ 23')).toBeUndefined();
    expect(h('3.5 Meld- en onderzoeksprotocollen 23')).toBeUndefined();
    expect(isTocLine('4.1 Geschenken 12')).toBe(true);
    expect(isTocLine('Artikel 15')).toBe(false);
  });
});

describe('continuesNumbering', () => {
  it('accepts the next number at any level and rejects jumps or restarts', () => {
    expect(continuesNumbering([3, 8, 2], [4])).toBe(true);
    expect(continuesNumbering([3, 8, 2], [4, 1])).toBe(true);
    expect(continuesNumbering([3, 8, 2], [3, 9])).toBe(true);
    expect(continuesNumbering([3, 5], [3, 5, 1])).toBe(true);
    expect(continuesNumbering([6, 2], [13])).toBe(false);
    expect(continuesNumbering([3], [1, 0])).toBe(false);
    expect(continuesNumbering([3], [3, 0])).toBe(false);
    expect(continuesNumbering([3, 5], [3, 5])).toBe(false);
    expect(continuesNumbering([3, 5], [2, 1])).toBe(false);
  });
});

describe('detectSections', () => {
  it('keeps a table of contents and numbered lists out of the sections, and articles in', () => {
    const text = [
      'Inhoud',
      '1 Inleiding 3',
      '2 Regels 5',
      '',
      '1 Inleiding',
      'Deze regeling gaat over integriteit.',
      '',
      '2 Regels',
      'De volgende punten gelden:',
      '1. Meld een geschenk bij je leidinggevende.',
      '2. Registreer nevenwerk.',
      '',
      'Artikel 3. Melden',
      'Op 1 januari 2025 gaat dit in.',
      '€ 50 is de grens.',
      'Artikel 4',
      'Slotbepaling.',
    ].join('\n');
    const secs = sectionsOf(text);
    expect(secs.map((s) => [s.section, s.title])).toEqual([
      ['', ''],
      ['1', 'Inleiding'],
      ['2', 'Regels'],
      ['art. 3', 'Melden'],
      ['art. 4', ''],
    ]);
    expect(secs[2]!.paragraphs.join(' ')).toContain('Registreer nevenwerk.');
    expect(secs[3]!.paragraphs.join(' ')).toContain('€ 50 is de grens.');
  });

  it('puts a footnote at the end of the section it was printed in', () => {
    const pages = [
      ['1.1 Geschenken', 'Een geschenk meld je altijd.1 Dat is de regel voor', 'iedere medewerker.', '', '1 Zie de gedragscode.'],
      ['1.2 Nevenwerk', 'Nevenwerk meld je vooraf.'],
    ];
    const secs = detectSections(cleanPages(pages));
    expect(secs.map((s) => s.section)).toEqual(['1.1', '1.2']);
    expect(secs[0]!.footnotes).toEqual(['[1] Zie de gedragscode.']);
    expect(secs[0]!.paragraphs).toEqual(['Een geschenk meld je altijd. Dat is de regel voor iedere medewerker.']);
    expect(secs[1]!.footnotes).toEqual([]);
  });
});

describe.skipIf(!haveSeeds)(haveSeeds ? 'section detection on the real seeds' : `seed tests skipped: ${SEEDS} is absent`, () => {
  const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');

  it('finds the numbered sections of the Algemene Rekenkamer report (003) with their text', () => {
    const secs = sectionsOf(seed('003_f33d39e7bb05c5b4.txt'));
    const by = (n: string) => secs.find((s) => s.section === n);
    expect(by('3.5')?.title).toBe('Meld- en onderzoeksprotocollen');
    expect(by('3.5.1')?.title).toBe('Wat bedoelen we hiermee?');
    expect(by('3.5.2')?.title).toBe('Wat hebben we gevonden?');
    const t351 = by('3.5.1')!.paragraphs.join('\n');
    expect(t351).toMatch(/^Medewerkers spelen een belangrijke rol/);
    expect(t351).toContain('integriteitsschendingen of misstanden');
    expect(t351).toContain('(BIPO)');
    expect(t351).not.toContain('We constateren dat de meeste ministeries');
    const t352 = by('3.5.2')!.paragraphs.join('\n');
    expect(t352).toMatch(/^We constateren dat de meeste ministeries/);
    expect(t352).toContain('ROSI');
    // 3.6 starts a new section: its text is not in 3.5.2.
    expect(t352).not.toContain('Leidinggevenden spelen een centrale rol');
    expect(by('3.6')?.title).toBe('Ondersteuning van leidinggevenden');
    // The numbering runs in order without list items ("13.") or endnotes sneaking in.
    const numbered = secs.map((s) => s.section).filter((s) => /^\d/.test(s));
    expect(numbered.slice(0, 8)).toEqual(['1', '2', '2.1', '2.2', '2.3', '2.4', '3', '3.1']);
    expect(numbered).toContain('4.5.2');
    expect(numbered).toContain('6.2');
    expect(numbered).not.toContain('13');
    expect(by('1')?.title).toBe('Inleiding');
    expect(by('5')?.title).toBe('Conclusies en aanbevelingen');
    expect(secs.map((s) => s.section)).toEqual(expect.arrayContaining(['Bijlage 1', 'Bijlage 3', 'B3.1', 'Bijlage 4']));
  });

  it('finds "2.2." after an inline footnote mark in 004 and chapters with a dot in 000', () => {
    const s004 = sectionsOf(seed('004_7c698fb70b94111e.txt')).map((s) => s.section);
    expect(s004).toEqual(['', '1', '1.1', '1.2', '2', '2.1', '2.2']);
    const s000 = sectionsOf(seed('000_9fe98e45d9cfcbbf.txt'));
    expect(s000.map((s) => s.section)).toEqual(['', '1', '2', '3', '4', '5', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8']);
    const s58 = s000.find((s) => s.section === '5.8')!;
    expect(s58.title).toBe('Balans in de verhouding tussen volksvertegenwoordiging en openbaar bestuur');
    // Footnotes travel with their section, not inside paragraphs.
    expect(s000.find((s) => s.section === '1')!.footnotes.length).toBeGreaterThan(5);
    expect(s000.every((s) => s.paragraphs.every((p) => !/^\d{1,2} Kamerstuk/.test(p)))).toBe(true);
  });
});

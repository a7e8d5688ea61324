/**
 * docs/knowledge-coverage.md maps every verified fact of the source notes to a card or a reason. This keeps the
 * table and the cards in step: unique ids, a card or a reason on every row, every card named exists, and the check
 * text of a row is on (one of) its cards.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = path.join(ROOT, 'knowledge', 'corpus');

export interface CoverageRow {
  line: number;
  id: string;
  fact: string;
  status: string;
  cards: string[];
  reason?: string;
  check?: string;
}

/** Rows of every table whose header starts with "| ID |". */
export function parseCoverage(markdown: string): CoverageRow[] {
  const rows: CoverageRow[] = [];
  let inTable = false;
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    if (cells[0] === 'ID') {
      inTable = true;
      return;
    }
    if (!inTable || /^-+$/.test(cells[0] ?? '')) return;
    const [id = '', fact = '', status = '', card = '', check = ''] = cells;
    const notUsed = /^Niet gebruikt:\s*(.*)$/i.exec(card);
    const cards = notUsed ? [] : [...card.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const checkText = /^`(.+)`$/.exec(check)?.[1];
    rows.push({
      line: i + 1,
      id,
      fact,
      status,
      cards,
      ...(notUsed ? { reason: notUsed[1]!.trim() } : {}),
      ...(checkText ? { check: checkText } : {}),
    });
  });
  return rows;
}

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** Problems with the table, as readable lines ("GIR-14 (line 30): …"). Empty when table and cards are in step. */
export function coverageProblems(rows: CoverageRow[], readCard: (rel: string) => string | undefined): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const where = `${r.id || '(no id)'} (line ${r.line})`;
    if (!/^[A-Z]+-\d+$/.test(r.id)) problems.push(`${where}: id must look like GIR-14`);
    if (seen.has(r.id)) problems.push(`${where}: duplicate id`);
    seen.add(r.id);
    if (!/\b[VST]\b/.test(r.status)) problems.push(`${where}: status must contain V, S or T`);
    if (r.reason !== undefined) {
      if (r.reason.length < 10) problems.push(`${where}: give the reason the fact is not used`);
      continue;
    }
    if (r.cards.length === 0) problems.push(`${where}: name a card or start with "Niet gebruikt:"`);
    if (!r.check) problems.push(`${where}: give a check text that is on the card`);
    const texts = r.cards.map((c) => ({ card: c, text: readCard(c) }));
    for (const t of texts) if (t.text === undefined) problems.push(`${where}: card ${t.card} does not exist`);
    if (r.check && texts.every((t) => t.text !== undefined) && !texts.some((t) => fold(t.text!).includes(fold(r.check!)))) {
      problems.push(`${where}: "${r.check}" is on none of ${r.cards.join(', ')}`);
    }
  }
  return problems;
}

const readCard = (rel: string): string | undefined => {
  const file = path.join(CORPUS, rel);
  return file.startsWith(CORPUS) && rel.endsWith('.md') && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

describe('docs/knowledge-coverage.md', () => {
  const rows = parseCoverage(readFileSync(path.join(ROOT, 'docs', 'knowledge-coverage.md'), 'utf8'));

  it('has a row for every part of the source notes', () => {
    expect(rows.length).toBeGreaterThan(100);
    for (const prefix of ['GIR', 'HB', 'MC', 'GW', 'VP', 'WHK', 'AW', 'GIB']) expect(rows.some((r) => r.id.startsWith(`${prefix}-`)), prefix).toBe(true);
  });

  it('is in step with the cards', () => {
    expect(coverageProblems(rows, readCard)).toEqual([]);
  });

  it('carries the facts the issue named on a card', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('WHK-02')).toMatchObject({ cards: ['WHK/inwerkingtreding.md'], check: '18 februari 2023' });
    expect(byId.get('WHK-11')!.cards).toContain('WHK/inwerkingtreding.md');
    expect(byId.get('WHK-05')!.cards).toEqual(['WHK/beschermde-personen.md']);
  });

  it('finds the problems it is meant to find', () => {
    const table = [
      '| ID | Feit | Status | Kaart | Controle |',
      '| --- | --- | --- | --- | --- |',
      '| X-1 | a | S | `WHK/art-2.md` | `7 dagen` |',
      '| X-1 | duplicate id | S | `WHK/art-2.md` | `7 dagen` |',
      '| X-2 | missing card | V | `WHK/bestaat-niet.md` | `iets` |',
      '| X-3 | check not on card | S | `WHK/art-2.md` | `14 dagen` |',
      '| X-4 | neither card nor reason | T | — | — |',
      '| X-5 | not used without a reason | S | Niet gebruikt: | — |',
      '| X-6 | no status | N | Niet gebruikt: document niet beschikbaar | — |',
      '| X-7 | fine | S | Niet gebruikt: nieuwsbron, niet geverifieerd | — |',
    ].join('\n');
    const problems = coverageProblems(parseCoverage(table), readCard);
    expect(problems).toEqual([
      'X-1 (line 4): duplicate id',
      'X-2 (line 5): card WHK/bestaat-niet.md does not exist',
      'X-3 (line 6): "14 dagen" is on none of WHK/art-2.md',
      'X-4 (line 7): name a card or start with "Niet gebruikt:"',
      'X-4 (line 7): give a check text that is on the card',
      'X-5 (line 8): give the reason the fact is not used',
      'X-6 (line 9): status must contain V, S or T',
    ]);
  });
});

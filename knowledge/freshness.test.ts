import { describe, expect, it } from 'vitest';
import { main, readCards } from './check.js';
import { assessCard, freshnessReport, KNOWN_AMENDMENTS, latestDay, monthsBetween, type CardInfo } from './freshness.js';

const base: CardInfo = {
  file: 'knowledge/corpus/TEST/art-1.md',
  doc: 'TEST',
  section: 'art. 1',
  version: 'Testwet 2020',
  verified: 'official-text',
  verifiedAt: ['https://example.org/testwet'],
  verifiedOn: '2026-06-01',
};
const amendment = { id: 'testwijziging', doc: 'TEST', title: 'Testwijziging', inForce: '2023-01-01', source: 'https://example.org/w' };
const opts = { now: '2026-12-01', maxAgeMonths: 12, amendments: [amendment] };

describe('freshness of a card', () => {
  it('counts whole months and reads a year as its last day', () => {
    expect(monthsBetween('2025-12-01', '2026-12-01')).toBe(12);
    expect(monthsBetween('2025-12-02', '2026-12-01')).toBe(11);
    expect(latestDay('2015')).toBe('2015-12-31');
    expect(latestDay('2023-02-18')).toBe('2023-02-18');
  });

  it('flags a verification older than the configured age, and not a younger one', () => {
    expect(assessCard({ ...base, verifiedOn: '2025-11-30', geldendVanaf: '2023-01-01' }, opts).signals).toEqual(['verouderd']);
    expect(assessCard({ ...base, verifiedOn: '2025-12-02', geldendVanaf: '2023-01-01' }, opts).signals).toEqual([]);
    expect(assessCard({ ...base, verifiedOn: '2026-05-01', geldendVanaf: '2023-01-01' }, { ...opts, maxAgeMonths: 6 }).signals).toEqual(['verouderd']);
  });

  it('falls back to the last commit date and says so; no date at all is a signal', () => {
    const { verifiedOn: _, ...noDate } = base;
    const fromGit = assessCard({ ...noDate, changedOn: '2026-11-26', geldendVanaf: '2024-01-01' }, opts);
    expect(fromGit.checkedFrom).toBe('git');
    expect(fromGit.signals).toEqual([]);
    expect(assessCard({ ...noDate, geldendVanaf: '2024-01-01' }, opts).signals).toEqual(['controledatum-onbekend']);
  });

  it('flags title-only cards', () => {
    expect(assessCard({ ...base, verified: 'title-only', geldendVanaf: '2024-01-01' }, opts).signals).toEqual(['alleen-titel']);
  });

  it('flags a law text older than a known amendment, also when only the year is known', () => {
    const old = assessCard({ ...base, geldendVanaf: '2015' }, opts);
    expect(old.signals).toEqual(['wijziging-na-tekst']);
    expect(old.amendments.map((a) => a.id)).toEqual(['testwijziging']);
    expect(assessCard({ ...base, geldendVanaf: '2022' }, opts).signals).toEqual(['wijziging-na-tekst']);
    expect(assessCard({ ...base, geldendVanaf: '2023-01-01' }, opts).signals).toEqual([]);
    expect(assessCard({ ...base, geldendVanaf: '2023' }, opts).signals).toEqual([]);
  });

  it('flags a law card without a text date, and scopes an amendment to its sections', () => {
    expect(assessCard(base, opts).signals).toEqual(['tekstdatum-ontbreekt']);
    const scoped = { ...opts, amendments: [{ ...amendment, sections: ['art. 9'] }] };
    expect(assessCard({ ...base, geldendVanaf: '2015' }, scoped).signals).toEqual([]);
    expect(assessCard({ ...base, section: 'art. 9', geldendVanaf: '2015' }, scoped).signals).toEqual(['wijziging-na-tekst']);
    expect(assessCard({ ...base, doc: 'GIR' }, opts).signals).toEqual([]);
  });

  it('refuses a maximum age below one month', () => {
    expect(() => freshnessReport([base], { ...opts, maxAgeMonths: 0 })).toThrow(/maxAgeMonths/);
  });
});

describe('the corpus', () => {
  const cards = readCards(['knowledge/corpus']);
  const report = freshnessReport(cards, { now: '2026-12-01', maxAgeMonths: 12 });
  const byFile = (f: string) => report.cards.find((c) => c.file === `knowledge/corpus/${f}`)!;

  it('gives every card of an amended law a text date', () => {
    const lawDocs = new Set(KNOWN_AMENDMENTS.map((a) => a.doc));
    const missing = cards.filter((c) => lawDocs.has(c.doc) && !c.geldendVanaf).map((c) => c.file);
    expect(cards.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('flags the Gemeentewet cards (written from a text of ca. 2015) for the 2023 amendment, and not the current WHK cards', () => {
    const gw = report.cards.filter((c) => c.doc === 'GEMEENTEWET');
    expect(gw.length).toBeGreaterThan(5);
    for (const c of gw) expect(c.signals, c.file).toContain('wijziging-na-tekst');
    expect(byFile('WHK/inwerkingtreding.md').signals).toEqual([]);
    expect(byFile('GIR/2.1.md').signals).toContain('alleen-titel');
  });

  it('prints the summary for CI', () => {
    const out: string[] = [];
    expect(main(['--summary', '--now', '2026-12-01'], (s) => out.push(s))).toBe(0);
    expect(out.join('\n')).toMatch(/Wet bevorderen integriteit en functioneren decentraal bestuur.*GEMEENTEWET\/art-15\.md/s);
    expect(main(['--summary', '--strict', '--now', '2026-12-01'], () => {})).toBe(1);
    expect(main(['--max-age-months', 'nul'], () => {})).toBe(2);
  });
});

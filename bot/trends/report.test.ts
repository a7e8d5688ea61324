import { describe, expect, it } from 'vitest';
import { buildReport, lastWeeks } from './report.js';
import type { TrendCount } from './store/types.js';

const c = (over: Partial<TrendCount>): TrendCount => ({
  week: '2026-W47',
  kind: 'question',
  topic: 'geschenken',
  intent: 'advice',
  outcome: 'answered',
  channel: 'slack',
  audience: 'medewerker',
  vote: null,
  count: 1,
  ...over,
});
const NOW = new Date('2026-11-26T12:00:00Z'); // 2026-W48
const weeks = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'];
const opts = { now: NOW, k: 5, view: { weeks: 4 as const } };
const table = (r: ReturnType<typeof buildReport>, id: string) => r.tables.find((t) => t.id === id)!;
const row = (r: ReturnType<typeof buildReport>, id: string, key: string) => table(r, id).rows.find((x) => x.key === key)!;

describe('lastWeeks', () => {
  it('lists the n weeks up to now, oldest first, across a year boundary', () => {
    expect(lastWeeks(new Date('2026-11-26T12:00:00Z'), 3)).toEqual(weeks.slice(1));
    expect(lastWeeks(new Date('2027-01-06T12:00:00Z'), 3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
});

describe('buildReport', () => {
  const counts = [
    c({ count: 20 }),
    c({ week: '2026-W46', count: 12 }),
    c({ outcome: 'abstained', count: 2 }), // small
    c({ topic: 'nevenwerkzaamheden', count: 30 }),
    c({ topic: 'nevenwerkzaamheden', week: '2026-W48', outcome: 'abstained', count: 9 }),
    c({ topic: 'melden', intent: 'handoff', outcome: 'handed-off', count: 3 }), // small, whole topic small
    c({ topic: 'inkoop', week: '2026-W48', outcome: 'abstained', count: 6 }),
    c({ topic: 'inkoop', week: '2026-W48', count: 10 }),
    c({ kind: 'feedback', vote: 'up', count: 8 }),
    c({ kind: 'feedback', vote: 'down', count: 1 }),
    c({ kind: 'feedback', week: '2026-W46', vote: 'up', count: 7 }),
    c({ kind: 'feedback', week: '2026-W46', vote: 'down', count: 6 }),
    c({ week: '2020-W01', count: 99 }), // outside the period: ignored
  ];
  const report = buildReport(counts, opts);

  it('shows small cells as "< k" and never carries their value', () => {
    const gifts = row(report, 'uitkomsten-per-onderwerp', 'geschenken');
    expect(gifts.cells[1]).toEqual({ value: null, display: '< 5', status: 'small' });
    const melden = row(report, 'onderwerpen-per-week', 'melden');
    expect(melden.cells.at(-1)).toEqual({ value: null, display: '< 5', status: 'small' });
    expect(JSON.stringify(report)).not.toContain('"value":99');
  });

  it('complements a lone small cell so the row total gives nothing away', () => {
    const gifts = row(report, 'uitkomsten-per-onderwerp', 'geschenken');
    const statuses = gifts.cells.map((x) => x.status);
    expect(statuses.filter((s) => s !== 'shown' && s !== 'none').length).not.toBe(1);
    const visible = gifts.cells.slice(0, 4).filter((x) => x.value !== null);
    const total = gifts.cells[4]!;
    if (total.value !== null) {
      // Total minus the visible cells must leave at least two suppressed cells to split the rest between.
      expect(gifts.cells.slice(0, 4).filter((x) => x.value === null).length).toBeGreaterThanOrEqual(2);
    }
    expect(visible.length).toBeLessThan(4);
  });

  it('suppresses a shared total the same way in every table', () => {
    for (const topic of ['geschenken', 'nevenwerkzaamheden', 'melden']) {
      const a = row(report, 'onderwerpen-per-week', topic).cells.at(-1);
      const b = row(report, 'uitkomsten-per-onderwerp', topic).cells.at(-1);
      expect(a, topic).toEqual(b);
    }
  });

  it('lists knowledge gaps by visible abstentions, suppressed ones last', () => {
    // Its own data: in the shared data above, the per-week gap table makes the abstention totals derivable, so
    // joint suppression hides them (see the next test).
    const gapCounts = [
      c({ count: 20 }),
      c({ outcome: 'abstained', count: 2 }), // small
      c({ topic: 'nevenwerkzaamheden', count: 30 }),
      c({ topic: 'nevenwerkzaamheden', outcome: 'abstained', count: 5 }),
      c({ topic: 'nevenwerkzaamheden', week: '2026-W48', outcome: 'abstained', count: 9 }),
      c({ topic: 'nevenwerkzaamheden', week: '2026-W46', outcome: 'abstained', count: 7 }),
      c({ topic: 'inkoop', week: '2026-W48', outcome: 'abstained', count: 6 }),
      c({ topic: 'inkoop', week: '2026-W46', outcome: 'abstained', count: 8 }),
      c({ topic: 'inkoop', week: '2026-W47', outcome: 'abstained', count: 5 }),
      c({ topic: 'inkoop', week: '2026-W48', count: 10 }),
    ];
    const gaps = table(buildReport(gapCounts, opts), 'kennishiaten').rows;
    const visible = gaps.filter((g) => g.cells[0]!.value !== null);
    expect(visible.length).toBeGreaterThan(0);
    const values = visible.map((g) => g.cells[0]!.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Suppressed rows come after every visible one.
    expect(gaps.slice(0, visible.length)).toEqual(visible);
    expect(gaps.find((g) => g.key === 'geschenken')!.cells[0]!.display).toBe('< 5');
  });

  it('shows knowledge gaps per topic and week, suppressed together with the other tables', () => {
    const t = table(report, 'kennishiaten-per-week');
    expect(t.columns.map((x) => x.key)).toEqual([...weeks, 'totaal']);
    expect(t.rows.map((r) => r.key)).toEqual(['geschenken', 'nevenwerkzaamheden', 'inkoop', 'totaal']);
    // Geschenken: 2 abstentions in week 47, below k.
    expect(row(report, 'kennishiaten-per-week', 'geschenken').cells[2]).toEqual({ value: null, display: '< 5', status: 'small' });
    // Every number shown is the true count of abstained questions for that topic and week.
    const truth: Record<string, number[]> = { geschenken: [0, 0, 2, 0, 2], nevenwerkzaamheden: [0, 0, 0, 9, 9], inkoop: [0, 0, 0, 6, 6], totaal: [0, 0, 2, 15, 17] };
    for (const r of t.rows) r.cells.forEach((cell, i) => cell.value !== null && expect(cell.value, `${r.key} ${i}`).toBe(truth[r.key]![i]));
    // No row or column is left with exactly one unknown, so no small cell can be recovered by subtraction.
    const unknown = (x: { status: string }) => x.status !== 'shown';
    for (const r of t.rows) expect(r.cells.filter(unknown).length, r.key).not.toBe(1);
    for (let i = 0; i < t.columns.length; i++) expect(t.rows.map((r) => r.cells[i]!).filter(unknown).length, t.columns[i]!.key).not.toBe(1);
    // The row totals are the same cells as the abstained column of "outcomes per topic".
    const abstainedIndex = table(report, 'uitkomsten-per-onderwerp').columns.findIndex((x) => x.key === 'abstained');
    for (const topic of ['geschenken', 'nevenwerkzaamheden', 'inkoop']) {
      expect(row(report, 'kennishiaten-per-week', topic).cells.at(-1), topic).toEqual(row(report, 'uitkomsten-per-onderwerp', topic).cells[abstainedIndex]);
    }
  });

  it('counts feedback separately and only states a ratio from visible numbers', () => {
    expect(report.feedback.up.display).toBe('15');
    expect(report.feedback.down.display).toBe('7');
    expect(report.feedback.positiveShare.display).toBe('68%');
    const w47 = row(report, 'feedback-per-week', '2026-W47');
    // 8 up and 1 down: the 1 is small, so the 8 is hidden too (9 - 8 would give it away), and with it the
    // cells of week 46 that would otherwise let the column totals recover the 8.
    expect(w47.cells.map((x) => x.display)).toEqual(['×', '< 5', '9', '–']);
    expect(row(report, 'feedback-per-week', '2026-W46').cells.map((x) => x.display)).toEqual(['×', '×', '13', '–']);
  });

  it('charts only visible values; a suppressed point carries its mark, never a number', () => {
    const handoffs = report.charts.find((x) => x.id === 'grafiek-doorverwijzingen')!;
    expect(handoffs.labels).toEqual(weeks);
    expect(handoffs.datasets[0]!.data).toEqual([0, 0, null, 0]);
    expect(handoffs.datasets[0]!.marks).toEqual([null, null, '< 5', null]);
    const topics = report.charts.find((x) => x.id === 'grafiek-onderwerpen')!;
    expect(topics.datasets.map((d) => d.label)).toContain('Nevenwerkzaamheden');
    for (const chart of report.charts) for (const d of chart.datasets) for (const v of d.data) expect(v === null || v === 0 || v >= 5).toBe(true);
  });

  it('shows a filtered view as the period totals of that group, cut from the same release as the other views', () => {
    const slack = buildReport(counts, { ...opts, view: { weeks: 4, channel: 'slack' } });
    expect(slack.tables.map((t) => t.id)).toEqual(['onderwerpen-groep', 'uitkomsten-groep']);
    const all = slack.keyFigures.rows.find((r) => r.key === 'vragen')!.cells[0]!;
    // Every question of the seed is from Slack: the group total is the same number as the unfiltered total.
    expect(all).toEqual(report.keyFigures.rows.find((r) => r.key === 'vragen')!.cells[0]);
    const web = buildReport(counts, { ...opts, view: { weeks: 4, channel: 'web' } });
    expect(web.tables).toEqual([]);
    expect(web.notice).toMatch(/geen vragen van webchat/);
    const both = buildReport(counts, { ...opts, view: { weeks: 4, channel: 'slack', audience: 'medewerker' } });
    expect(both.tables).toEqual([]);
    expect(both.notice).toMatch(/Kies één van de twee/);
  });

  it('refuses k below 3', () => {
    expect(() => buildReport(counts, { ...opts, k: 2 })).toThrow(/k:/);
  });
});

/**
 * Turns raw store counts into the tables and charts a coordinator may see. This is the only way counts leave
 * the server: every number passes `suppress` first, and a suppressed cell carries no value at all, only its mark.
 *
 * All question tables are two-way views of one (topic × week × outcome) cube; they share their totals (a topic's
 * total is the same number in "topics per week" and "outcomes per topic"), so they are suppressed together.
 */
import { displayCell, gridLines, suppress, type CellStatus, type Line } from './anonymize.js';
import { OUTCOMES, TREND_TOPICS, VOTES } from './event.js';
import { OUTCOME_LABELS, TOPIC_LABELS, VOTE_LABELS } from './labels.js';
import type { TrendCount } from './store/types.js';
import type { TrendEvent } from './types.js';
import { isoWeek } from './week.js';

export interface ReportCell {
  /** null whenever the cell is suppressed or not computable: the true count never reaches the page. */
  value: number | null;
  display: string;
  status: CellStatus | 'none';
}
export interface ReportRow {
  key: string;
  label: string;
  cells: ReportCell[];
  total?: boolean;
}
export interface ReportTable {
  id: string;
  title: string;
  description: string;
  rowHeader: string;
  columns: { key: string; label: string }[];
  rows: ReportRow[];
}
export interface ReportChart {
  id: string;
  tableId: string;
  type: 'line' | 'bar';
  title: string;
  note?: string;
  horizontal?: boolean;
  stacked?: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}
export interface TrendReport {
  k: number;
  weeks: string[];
  tables: ReportTable[];
  charts: ReportChart[];
  /** Whole-period feedback, from the suppressed feedback table. */
  feedback: { up: ReportCell; down: ReportCell; positiveShare: ReportCell };
}

/** The n ISO weeks ending with the week of `now`, oldest first. */
export function lastWeeks(now: Date, n: number): string[] {
  const weeks: string[] = [];
  for (let i = n - 1; i >= 0; i--) weeks.push(isoWeek(new Date(now.getTime() - i * 7 * 86_400_000)));
  return weeks;
}

const TOTAL = 'totaal';
const NONE: ReportCell = { value: null, display: '–', status: 'none' };

type Topic = TrendEvent['topic'];
type Outcome = TrendEvent['outcome'];

export function buildReport(counts: readonly TrendCount[], opts: { weeks: readonly string[]; k: number }): TrendReport {
  const { k } = opts;
  const weeks = [...opts.weeks];
  const inPeriod = new Set(weeks);
  const values = new Map<string, number>();
  const add = (key: string, n: number) => values.set(key, (values.get(key) ?? 0) + n);

  // Keys: q = questions, f = feedback. One key per cell of the cube's margins; equal keys are the same number.
  const qTW = (t: string, w: string) => `q|t=${t}|w=${w}`;
  const qTO = (t: string, o: string) => `q|t=${t}|o=${o}`;
  /** Abstained questions per topic and week: the knowledge gaps over time (a slice of the cube, not a margin). */
  const qTWA = (t: string, w: string) => `q|t=${t}|w=${w}|o=abstained`;
  const qWO = (w: string, o: string) => `q|w=${w}|o=${o}`;
  const qT = (t: string) => `q|t=${t}`;
  const qW = (w: string) => `q|w=${w}`;
  const qO = (o: string) => `q|o=${o}`;
  const qG = 'q|*';
  const fWV = (w: string, v: string) => `f|w=${w}|v=${v}`;
  const fW = (w: string) => `f|w=${w}`;
  const fV = (v: string) => `f|v=${v}`;
  const fG = 'f|*';

  for (const c of counts) {
    if (!inPeriod.has(c.week) || c.count <= 0) continue;
    if (c.kind === 'question') {
      for (const key of [qTW(c.topic, c.week), qTO(c.topic, c.outcome), qWO(c.week, c.outcome)]) add(key, c.count);
      for (const key of [qT(c.topic), qW(c.week), qO(c.outcome), qG]) add(key, c.count);
      if (c.outcome === 'abstained') add(qTWA(c.topic, c.week), c.count);
    } else if (c.vote) {
      for (const key of [fWV(c.week, c.vote), fW(c.week), fV(c.vote), fG]) add(key, c.count);
    }
  }

  const topics: Topic[] = TREND_TOPICS.filter((t) => (values.get(qT(t)) ?? 0) > 0);
  const outcomes: Outcome[] = [...OUTCOMES];
  // Topics with at least one abstained question; for the others every cell of the gap table would be 0.
  const gapTopics: Topic[] = topics.filter((t) => (values.get(qTO(t, 'abstained')) ?? 0) > 0);
  const lines: Line[] = [
    ...gridLines({ rows: topics, cols: weeks, cell: qTW, rowTotal: qT, colTotal: qW, grandTotal: qG }),
    ...gridLines({ rows: topics, cols: outcomes, cell: qTO, rowTotal: qT, colTotal: qO, grandTotal: qG }),
    ...gridLines({ rows: weeks, cols: outcomes, cell: qWO, rowTotal: qW, colTotal: qO, grandTotal: qG }),
    ...gridLines({ rows: weeks, cols: [...VOTES], cell: fWV, rowTotal: fW, colTotal: fV, grandTotal: fG }),
    // The gap table shares its totals with "outcomes per topic" and "outcomes per week", so it is suppressed with
    // them. Its lines come last: complements are then chosen in the coarser tables first, as before it existed.
    ...gridLines({ rows: gapTopics, cols: weeks, cell: qTWA, rowTotal: (t) => qTO(t, 'abstained'), colTotal: (w) => qWO(w, 'abstained'), grandTotal: qO('abstained') }),
  ];
  const status = suppress(values, lines, k);

  const cell = (key: string): ReportCell => {
    const v = values.get(key) ?? 0;
    const s = status.get(key) ?? 'shown';
    return { value: s === 'shown' ? v : null, display: displayCell(v, s, k), status: s };
  };
  const share = (part: ReportCell, whole: ReportCell): ReportCell =>
    part.value === null || whole.value === null || whole.value === 0
      ? NONE
      : { value: Math.round((100 * part.value) / whole.value), display: `${Math.round((100 * part.value) / whole.value)}%`, status: 'shown' };

  const grid = (
    rowKeys: readonly string[],
    rowLabel: (r: string) => string,
    colKeys: readonly string[],
    cellKey: (r: string, c: string) => string,
    rowTotal: (r: string) => string,
    colTotal: (c: string) => string,
    grand: string,
  ): ReportRow[] => [
    ...rowKeys.map((r) => ({ key: r, label: rowLabel(r), cells: [...colKeys.map((c) => cell(cellKey(r, c))), cell(rowTotal(r))] })),
    { key: TOTAL, label: 'Totaal', total: true, cells: [...colKeys.map((c) => cell(colTotal(c))), cell(grand)] },
  ];
  const topicLabel = (t: string) => TOPIC_LABELS[t as Topic];
  const weekCols = [...weeks.map((w) => ({ key: w, label: w })), { key: TOTAL, label: 'Totaal' }];
  const outcomeCols = [...outcomes.map((o) => ({ key: o, label: OUTCOME_LABELS[o] })), { key: TOTAL, label: 'Totaal' }];

  const topicsWeeks: ReportTable = {
    id: 'onderwerpen-per-week',
    title: 'Onderwerpen per week',
    description: 'Aantal vragen per onderwerp per ISO-week.',
    rowHeader: 'Onderwerp',
    columns: weekCols,
    rows: grid(topics, topicLabel, weeks, qTW, qT, qW, qG),
  };
  const outcomesTopics: ReportTable = {
    id: 'uitkomsten-per-onderwerp',
    title: 'Uitkomsten per onderwerp',
    description: 'Hoe vragen per onderwerp afliepen: beantwoord uit de bronnen, niet in de bronnen gevonden, doorverwezen naar een vertrouwenspersoon of buiten het onderwerp.',
    rowHeader: 'Onderwerp',
    columns: outcomeCols,
    rows: grid(topics, topicLabel, outcomes, qTO, qT, qO, qG),
  };

  const gapRows = topics
    .map((t) => {
      const abstained = cell(qTO(t, 'abstained'));
      const total = cell(qT(t));
      return { key: t, label: topicLabel(t), cells: [abstained, total, share(abstained, total)] };
    })
    .filter((r) => r.cells[0]!.status !== 'shown' || (r.cells[0]!.value ?? 0) > 0)
    // Order by what is visible only: suppressed cells go last, in taxonomy order, so the order leaks nothing.
    .sort((a, b) => (b.cells[0]!.value ?? -1) - (a.cells[0]!.value ?? -1))
    .slice(0, 10);
  const gaps: ReportTable = {
    id: 'kennishiaten',
    title: 'Kennishiaten: waar de bot het vaakst geen antwoord had',
    description: 'Onderwerpen met de meeste vragen waarop de bronnen geen antwoord gaven (de bot verwees dan naar de integriteitscoördinator).',
    rowHeader: 'Onderwerp',
    columns: [
      { key: 'abstained', label: 'Niet in de bronnen' },
      { key: TOTAL, label: 'Alle vragen' },
      { key: 'aandeel', label: 'Aandeel' },
    ],
    rows: gapRows,
  };

  const gapsWeeks: ReportTable = {
    id: 'kennishiaten-per-week',
    title: 'Kennishiaten per onderwerp en week',
    description:
      'Per onderwerp en week: hoe vaak de bot een vraag met integriteitswoorden niet uit de bronnen kon beantwoorden en naar de integriteitscoördinator verwees. Een onderwerp dat hier week na week terugkomt, is een kandidaat voor een eigen aanvullende kaart van de organisatie.',
    rowHeader: 'Onderwerp',
    columns: weekCols,
    rows: grid(gapTopics, topicLabel, weeks, qTWA, (t) => qTO(t, 'abstained'), (w) => qWO(w, 'abstained'), qO('abstained')),
  };

  const outcomesWeeks: ReportTable = {
    id: 'uitkomsten-per-week',
    title: 'Doorverwijzingen en andere uitkomsten per week',
    description: 'Per week: hoeveel vragen zijn beantwoord, niet in de bronnen stonden, zijn doorverwezen naar een vertrouwenspersoon of buiten het onderwerp vielen.',
    rowHeader: 'Week',
    columns: outcomeCols,
    rows: grid(weeks, (w) => w, outcomes, qWO, qW, qO, qG),
  };

  const feedbackRows = grid(weeks, (w) => w, VOTES, fWV, fW, fV, fG).map((r) => ({
    ...r,
    cells: [...r.cells, share(r.cells[0]!, r.cells[2]!)],
  }));
  const feedbackTable: ReportTable = {
    id: 'feedback-per-week',
    title: 'Feedback per week',
    description: 'Hoe vaak gebruikers een antwoord nuttig (👍) of niet nuttig (👎) vonden, en het aandeel nuttig.',
    rowHeader: 'Week',
    columns: [
      { key: 'up', label: VOTE_LABELS.up },
      { key: 'down', label: VOTE_LABELS.down },
      { key: TOTAL, label: 'Totaal' },
      { key: 'aandeel', label: 'Aandeel nuttig' },
    ],
    rows: feedbackRows,
  };

  const values_ = (row: ReportRow | undefined, n: number) => (row ? row.cells.slice(0, n).map((c) => c.value) : []);
  const byVisibleTotal = topicsWeeks.rows
    .filter((r) => !r.total)
    .filter((r) => r.cells.at(-1)!.value !== null)
    .sort((a, b) => b.cells.at(-1)!.value! - a.cells.at(-1)!.value!)
    .slice(0, 6);
  const handoffIndex = outcomes.indexOf('handed-off');
  const weekRows = outcomesWeeks.rows.filter((r) => !r.total);
  const charts: ReportChart[] = [
    {
      id: 'grafiek-onderwerpen',
      tableId: topicsWeeks.id,
      type: 'line',
      title: 'Onderwerpen door de weken heen',
      note: 'De zes onderwerpen met de meeste zichtbare vragen; alle onderwerpen staan in de tabel.',
      labels: weeks,
      datasets: byVisibleTotal.map((r) => ({ label: r.label, data: values_(r, weeks.length) })),
    },
    {
      id: 'grafiek-uitkomsten',
      tableId: outcomesTopics.id,
      type: 'bar',
      horizontal: true,
      stacked: true,
      title: 'Uitkomsten per onderwerp',
      labels: topics.map(topicLabel),
      datasets: outcomes.map((o, i) => ({
        label: OUTCOME_LABELS[o],
        data: outcomesTopics.rows.filter((r) => !r.total).map((r) => r.cells[i]!.value),
      })),
    },
    {
      id: 'grafiek-kennishiaten',
      tableId: gaps.id,
      type: 'bar',
      horizontal: true,
      title: 'Kennishiaten',
      labels: gapRows.map((r) => r.label),
      datasets: [{ label: 'Niet in de bronnen', data: gapRows.map((r) => r.cells[0]!.value) }],
    },
    {
      id: 'grafiek-doorverwijzingen',
      tableId: outcomesWeeks.id,
      type: 'bar',
      title: 'Doorverwijzingen per week',
      labels: weeks,
      datasets: [{ label: OUTCOME_LABELS['handed-off'], data: weekRows.map((r) => r.cells[handoffIndex]!.value) }],
    },
    {
      id: 'grafiek-feedback',
      tableId: feedbackTable.id,
      type: 'bar',
      stacked: true,
      title: 'Feedback per week',
      labels: weeks,
      datasets: VOTES.map((v, i) => ({
        label: VOTE_LABELS[v],
        data: feedbackRows.filter((r) => !r.total).map((r) => r.cells[i]!.value),
      })),
    },
  ];

  const feedbackTotal = feedbackRows.at(-1)!;
  return {
    k,
    weeks,
    tables: [topicsWeeks, outcomesTopics, gaps, gapsWeeks, outcomesWeeks, feedbackTable],
    charts,
    feedback: { up: feedbackTotal.cells[0]!, down: feedbackTotal.cells[1]!, positiveShare: feedbackTotal.cells[3]! },
  };
}

/**
 * Turns raw store counts into the tables and charts a coordinator may see. This is the only way counts leave
 * the server: every number passes `suppress` first, and a suppressed cell carries no value at all, only its mark.
 *
 * Disclosure control holds across views, not per view. `buildRelease` computes ONE suppression over everything any
 * view can show for the current week: every period (4…52 weeks), every table, the key figures, and the breakdowns
 * by channel and by audience that the filters show. A cell has one key and so one status in every view; the lines
 * that tie views together (a 4-week total is part of the 8-week total, all channels are the sum of the channels) are
 * lines of the same system, so a difference of two views is a combination of lines the audit already checks.
 * A filtered view shows only period totals per topic and per outcome for that group: the finer tables per group
 * (per week, topic × outcome) would be almost all below k and, suppressed jointly, would take the unfiltered tables
 * down with them. Channel and audience cannot be combined: that group is smaller still.
 */
import { createHash } from 'node:crypto';
import { displayCell, gridLines, suppress, type CellStatus, type Line } from './anonymize.js';
import { CHANNELS, OUTCOMES, TREND_AUDIENCES, TREND_TOPICS, VOTES } from './event.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, TOPIC_LABELS, VOTE_LABELS } from './labels.js';
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
  /** `marks`: per point, the suppression mark ("< 5", "×") the chart draws instead of a bar, or null. */
  datasets: { label: string; data: (number | null)[]; marks: (string | null)[] }[];
}
export interface TrendReport {
  k: number;
  weeks: string[];
  /** Questions, answered, handed off, abstained (knowledge gaps), feedback and its useful share; cells of the release. */
  keyFigures: ReportTable;
  tables: ReportTable[];
  charts: ReportChart[];
  /** Whole-period feedback, from the suppressed key figures. */
  feedback: { up: ReportCell; down: ReportCell; positiveShare: ReportCell };
  /** A plain-Dutch sentence when this view has nothing to show (or cannot be offered). */
  notice?: string;
}

/** The periods a view can choose; the release covers all of them at once. */
export const PERIODS = [4, 8, 12, 26, 52] as const;
export type Period = (typeof PERIODS)[number];
const MAX_PERIOD = 52;

export interface ReportView {
  weeks: Period;
  channel: 'alle' | TrendEvent['channel'];
  audience: 'alle' | TrendEvent['audience'];
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
type Dim = 'c' | 'a';
const GROUPS: Record<Dim, readonly string[]> = { c: CHANNELS, a: TREND_AUDIENCES };

// Keys: q = questions, f = feedback; p = period. Equal keys are the same number in every view.
const qTW = (t: string, w: string) => `q|t=${t}|w=${w}`;
const qWO = (w: string, o: string) => `q|w=${w}|o=${o}`;
/** Abstained questions per topic and week: the knowledge gaps over time (a slice of the cube, not a margin). */
const qTWA = (t: string, w: string) => `q|t=${t}|w=${w}|o=abstained`;
const qW = (w: string) => `q|w=${w}`;
const qT = (p: number) => (t: string) => `q|p=${p}|t=${t}`;
const qO = (p: number) => (o: string) => `q|p=${p}|o=${o}`;
const qTO = (p: number) => (t: string, o: string) => `q|p=${p}|t=${t}|o=${o}`;
const qG = (p: number) => `q|p=${p}`;
const qGT = (p: number, d: Dim) => (t: string, g: string) => `q|p=${p}|${d}=${g}|t=${t}`;
const qGO = (p: number, d: Dim) => (o: string, g: string) => `q|p=${p}|${d}=${g}|o=${o}`;
const qGG = (p: number, d: Dim) => (g: string) => `q|p=${p}|${d}=${g}`;
const fWV = (w: string, v: string) => `f|w=${w}|v=${v}`;
const fW = (w: string) => `f|w=${w}`;
const fV = (p: number) => (v: string) => `f|p=${p}|v=${v}`;
const fG = (p: number) => `f|p=${p}`;
const fGV = (p: number, d: Dim) => (v: string, g: string) => `f|p=${p}|${d}=${g}|v=${v}`;
const fGG = (p: number, d: Dim) => (g: string) => `f|p=${p}|${d}=${g}`;

/** Everything any view may show for one current week, suppressed together. */
export interface Release {
  k: number;
  /** The 52 weeks up to the current one, oldest first. */
  weeks: string[];
  values: ReadonlyMap<string, number>;
  status: ReadonlyMap<string, CellStatus>;
}

export function buildRelease(counts: readonly TrendCount[], opts: { now: Date; k: number }): Release {
  const { k } = opts;
  const weeks = lastWeeks(opts.now, MAX_PERIOD);
  const age = new Map(weeks.map((w, i) => [w, weeks.length - 1 - i]));
  const values = new Map<string, number>();
  const add = (key: string, n: number) => values.set(key, (values.get(key) ?? 0) + n);
  const group = (c: TrendCount): Record<Dim, string> => ({ c: c.channel, a: c.audience });

  for (const c of counts) {
    const a = age.get(c.week);
    if (a === undefined || c.count <= 0) continue;
    const g = group(c);
    if (c.kind === 'question') {
      for (const key of [qTW(c.topic, c.week), qWO(c.week, c.outcome), qW(c.week)]) add(key, c.count);
      if (c.outcome === 'abstained') add(qTWA(c.topic, c.week), c.count);
      for (const p of PERIODS) {
        if (a >= p) continue;
        for (const key of [qT(p)(c.topic), qO(p)(c.outcome), qTO(p)(c.topic, c.outcome), qG(p)]) add(key, c.count);
        for (const d of ['c', 'a'] as const) {
          for (const key of [qGT(p, d)(c.topic, g[d]), qGO(p, d)(c.outcome, g[d]), qGG(p, d)(g[d])]) add(key, c.count);
        }
      }
    } else if (c.vote) {
      for (const key of [fWV(c.week, c.vote), fW(c.week)]) add(key, c.count);
      for (const p of PERIODS) {
        if (a >= p) continue;
        for (const key of [fV(p)(c.vote), fG(p)]) add(key, c.count);
        for (const d of ['c', 'a'] as const) for (const key of [fGV(p, d)(c.vote, g[d]), fGG(p, d)(g[d])]) add(key, c.count);
      }
    }
  }

  const v = (key: string) => values.get(key) ?? 0;
  const lines: Line[] = [];
  for (const p of PERIODS) {
    const pw = weeks.slice(MAX_PERIOD - p);
    const topics = TREND_TOPICS.filter((t) => v(qT(p)(t)) > 0);
    const gapTopics = topics.filter((t) => v(qTO(p)(t, 'abstained')) > 0);
    lines.push(
      ...gridLines({ rows: topics, cols: pw, cell: qTW, rowTotal: qT(p), colTotal: qW, grandTotal: qG(p) }),
      ...gridLines({ rows: topics, cols: OUTCOMES, cell: qTO(p), rowTotal: qT(p), colTotal: qO(p), grandTotal: qG(p) }),
      ...gridLines({ rows: pw, cols: OUTCOMES, cell: qWO, rowTotal: qW, colTotal: qO(p), grandTotal: qG(p) }),
      ...gridLines({ rows: pw, cols: VOTES, cell: fWV, rowTotal: fW, colTotal: fV(p), grandTotal: fG(p) }),
    );
    for (const d of ['c', 'a'] as const) {
      const groups = GROUPS[d];
      lines.push(
        ...gridLines({ rows: topics, cols: groups, cell: qGT(p, d), rowTotal: qT(p), colTotal: qGG(p, d), grandTotal: qG(p) }),
        ...gridLines({ rows: OUTCOMES, cols: groups, cell: qGO(p, d), rowTotal: qO(p), colTotal: qGG(p, d), grandTotal: qG(p) }),
        ...gridLines({ rows: VOTES, cols: groups, cell: fGV(p, d), rowTotal: fV(p), colTotal: fGG(p, d), grandTotal: fG(p) }),
      );
    }
    // The gap table shares its totals with "outcomes per topic" and "outcomes per week"; last, so complements are
    // chosen in the coarser tables first.
    lines.push(
      ...gridLines({ rows: gapTopics, cols: pw, cell: qTWA, rowTotal: (t) => qTO(p)(t, 'abstained'), colTotal: (w) => qWO(w, 'abstained'), grandTotal: qO(p)('abstained') }),
    );
  }
  // Lines of zeros tell nothing; the same line from two periods (a week's column) is one fact.
  const seen = new Set<string>();
  const useful = lines.filter((l) => {
    if (v(l.total) === 0 && l.parts.every((part) => v(part) === 0)) return false;
    const id = `${l.total}=${[...l.parts].sort().join('+')}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { k, weeks, values, status: suppress(values, useful, k) };
}

/** A stable fingerprint of the counts, so a release can be reused while nothing changed. */
export function countsFingerprint(counts: readonly TrendCount[]): string {
  const rows = counts.map((c) => [c.week, c.kind, c.topic, c.intent, c.outcome, c.channel, c.audience, c.vote ?? '', c.count].join('|')).sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

/** Convenience for the CLI and tests: one release, one view. */
export function buildReport(counts: readonly TrendCount[], opts: { now: Date; k: number; view?: Partial<ReportView> }): TrendReport {
  return viewReport(buildRelease(counts, opts), { weeks: 12, channel: 'alle', audience: 'alle', ...opts.view });
}

export function viewReport(release: Release, view: ReportView): TrendReport {
  const { k, values, status } = release;
  const p = view.weeks;
  const weeks = release.weeks.slice(MAX_PERIOD - p);
  const cell = (key: string): ReportCell => {
    const v = values.get(key) ?? 0;
    const s = status.get(key) ?? 'shown';
    return { value: s === 'shown' ? v : null, display: displayCell(v, s, k), status: s };
  };
  const share = (part: ReportCell, whole: ReportCell): ReportCell =>
    part.value === null || whole.value === null || whole.value === 0
      ? NONE
      : { value: Math.round((100 * part.value) / whole.value), display: `${Math.round((100 * part.value) / whole.value)}%`, status: 'shown' };
  const mark = (c: ReportCell) => (c.status === 'small' || c.status === 'hidden' ? c.display : null);
  const series = (label: string, cells: ReportCell[]) => ({ label, data: cells.map((c) => c.value), marks: cells.map(mark) });

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
  const outcomes: Outcome[] = [...OUTCOMES];

  const figures = (keys: { questions: string; outcome: (o: string) => string; feedback: string; vote: (v: string) => string }): ReportTable => {
    const up = cell(keys.vote('up'));
    const all = cell(keys.feedback);
    const row = (key: string, label: string, c: ReportCell): ReportRow => ({ key, label, cells: [c] });
    return {
      id: 'kerncijfers',
      title: 'Kerncijfers',
      description: 'De belangrijkste aantallen in deze periode.',
      rowHeader: 'Kerncijfer',
      columns: [{ key: 'aantal', label: 'Aantal' }],
      rows: [
        row('vragen', 'Vragen', cell(keys.questions)),
        row('answered', OUTCOME_LABELS.answered, cell(keys.outcome('answered'))),
        row('handed-off', OUTCOME_LABELS['handed-off'], cell(keys.outcome('handed-off'))),
        row('abstained', OUTCOME_LABELS.abstained, cell(keys.outcome('abstained'))),
        row('feedback', 'Feedback', all),
        row('up', VOTE_LABELS.up, up),
        row('aandeel', 'Aandeel nuttig', share(up, all)),
      ],
    };
  };
  const feedbackOf = (t: ReportTable) => {
    const get = (key: string) => t.rows.find((r) => r.key === key)!.cells[0]!;
    const all = get('feedback');
    const up = get('up');
    const down: ReportCell = all.value !== null && up.value !== null ? { value: all.value - up.value, display: String(all.value - up.value), status: 'shown' } : NONE;
    return { up, down, positiveShare: get('aandeel') };
  };

  if (view.channel !== 'alle' && view.audience !== 'alle') {
    const empty = figures({ questions: '', outcome: () => '', feedback: '', vote: () => '' });
    empty.rows = [];
    return {
      k,
      weeks,
      keyFigures: empty,
      tables: [],
      charts: [],
      feedback: { up: NONE, down: NONE, positiveShare: NONE },
      notice:
        'Kanaal en doelgroep samen kiezen kan niet: die groepen zijn zo klein dat de cijfers naar personen zouden kunnen wijzen. Kies één van de twee.',
    };
  }
  if (view.channel !== 'alle' || view.audience !== 'alle') return groupReport(view.channel !== 'alle' ? 'c' : 'a', view.channel !== 'alle' ? view.channel : view.audience);

  function groupReport(d: Dim, g: string): TrendReport {
    const name = d === 'c' ? CHANNEL_LABELS[g as TrendEvent['channel']] : AUDIENCE_LABELS[g as TrendEvent['audience']];
    const keyFigures = figures({
      questions: qGG(p, d)(g),
      outcome: (o) => qGO(p, d)(o, g),
      feedback: fGG(p, d)(g),
      vote: (v) => fGV(p, d)(v, g),
    });
    const topics = TREND_TOPICS.filter((t) => (values.get(qGT(p, d)(t, g)) ?? 0) > 0);
    const topicsTable: ReportTable = {
      id: 'onderwerpen-groep',
      title: `Onderwerpen (${name})`,
      description: `Aantal vragen per onderwerp in deze periode, alleen ${name.toLowerCase()}.`,
      rowHeader: 'Onderwerp',
      columns: [{ key: 'vragen', label: 'Vragen' }],
      rows: [
        ...topics.map((t) => ({ key: t, label: topicLabel(t), cells: [cell(qGT(p, d)(t, g))] })),
        { key: TOTAL, label: 'Totaal', total: true, cells: [cell(qGG(p, d)(g))] },
      ],
    };
    const outcomesTable: ReportTable = {
      id: 'uitkomsten-groep',
      title: `Uitkomsten (${name})`,
      description: `Hoe de vragen afliepen in deze periode, alleen ${name.toLowerCase()}.`,
      rowHeader: 'Uitkomst',
      columns: [{ key: 'vragen', label: 'Vragen' }],
      rows: [
        ...outcomes.map((o) => ({ key: o, label: OUTCOME_LABELS[o], cells: [cell(qGO(p, d)(o, g))] })),
        { key: TOTAL, label: 'Totaal', total: true, cells: [cell(qGG(p, d)(g))] },
      ],
    };
    const nothing = (values.get(qGG(p, d)(g)) ?? 0) === 0 && (values.get(fGG(p, d)(g)) ?? 0) === 0;
    return {
      k,
      weeks,
      keyFigures,
      tables: nothing ? [] : [topicsTable, outcomesTable],
      charts: nothing
        ? []
        : [
            { id: 'grafiek-onderwerpen-groep', tableId: topicsTable.id, type: 'bar', horizontal: true, title: topicsTable.title, labels: topics.map(topicLabel), datasets: [series('Vragen', topicsTable.rows.filter((r) => !r.total).map((r) => r.cells[0]!))] },
            { id: 'grafiek-uitkomsten-groep', tableId: outcomesTable.id, type: 'bar', horizontal: true, title: outcomesTable.title, labels: outcomes.map((o) => OUTCOME_LABELS[o]), datasets: [series('Vragen', outcomesTable.rows.filter((r) => !r.total).map((r) => r.cells[0]!))] },
          ],
      feedback: feedbackOf(keyFigures),
      ...(nothing ? { notice: `Er zijn in deze periode geen vragen van ${name.toLowerCase()} geteld. Kies een langere periode of een ander filter.` } : {}),
    };
  }

  const topics: Topic[] = TREND_TOPICS.filter((t) => (values.get(qT(p)(t)) ?? 0) > 0);
  const gapTopics: Topic[] = topics.filter((t) => (values.get(qTO(p)(t, 'abstained')) ?? 0) > 0);
  const weekCols = [...weeks.map((w) => ({ key: w, label: w })), { key: TOTAL, label: 'Totaal' }];
  const outcomeCols = [...outcomes.map((o) => ({ key: o, label: OUTCOME_LABELS[o] })), { key: TOTAL, label: 'Totaal' }];

  const keyFigures = figures({ questions: qG(p), outcome: qO(p), feedback: fG(p), vote: fV(p) });
  const topicsWeeks: ReportTable = {
    id: 'onderwerpen-per-week',
    title: 'Onderwerpen per week',
    description: 'Aantal vragen per onderwerp per ISO-week.',
    rowHeader: 'Onderwerp',
    columns: weekCols,
    rows: grid(topics, topicLabel, weeks, qTW, qT(p), qW, qG(p)),
  };
  const outcomesTopics: ReportTable = {
    id: 'uitkomsten-per-onderwerp',
    title: 'Uitkomsten per onderwerp',
    description: 'Hoe vragen per onderwerp afliepen: beantwoord uit de bronnen, niet in de bronnen gevonden, doorverwezen naar een vertrouwenspersoon of buiten het onderwerp.',
    rowHeader: 'Onderwerp',
    columns: outcomeCols,
    rows: grid(topics, topicLabel, outcomes, qTO(p), qT(p), qO(p), qG(p)),
  };

  const gapRows = topics
    .map((t) => {
      const abstained = cell(qTO(p)(t, 'abstained'));
      const total = cell(qT(p)(t));
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
    rows: grid(gapTopics, topicLabel, weeks, qTWA, (t) => qTO(p)(t, 'abstained'), (w) => qWO(w, 'abstained'), qO(p)('abstained')),
  };

  const outcomesWeeks: ReportTable = {
    id: 'uitkomsten-per-week',
    title: 'Doorverwijzingen en andere uitkomsten per week',
    description: 'Per week: hoeveel vragen zijn beantwoord, niet in de bronnen stonden, zijn doorverwezen naar een vertrouwenspersoon of buiten het onderwerp vielen.',
    rowHeader: 'Week',
    columns: outcomeCols,
    rows: grid(weeks, (w) => w, outcomes, qWO, qW, qO(p), qG(p)),
  };

  const feedbackRows = grid(weeks, (w) => w, VOTES, fWV, fW, fV(p), fG(p)).map((r) => ({
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
      note: 'De zes onderwerpen met de meeste zichtbare vragen; alle onderwerpen staan in de tabel. Een afgeschermd aantal staat als markering onderaan de grafiek.',
      labels: weeks,
      datasets: byVisibleTotal.map((r) => series(r.label, r.cells.slice(0, weeks.length))),
    },
    {
      id: 'grafiek-uitkomsten',
      tableId: outcomesTopics.id,
      type: 'bar',
      horizontal: true,
      stacked: true,
      title: 'Uitkomsten per onderwerp',
      labels: topics.map(topicLabel),
      datasets: outcomes.map((o, i) => series(OUTCOME_LABELS[o], outcomesTopics.rows.filter((r) => !r.total).map((r) => r.cells[i]!))),
    },
    {
      id: 'grafiek-kennishiaten',
      tableId: gaps.id,
      type: 'bar',
      horizontal: true,
      title: 'Kennishiaten',
      labels: gapRows.map((r) => r.label),
      datasets: [series('Niet in de bronnen', gapRows.map((r) => r.cells[0]!))],
    },
    {
      id: 'grafiek-doorverwijzingen',
      tableId: outcomesWeeks.id,
      type: 'bar',
      title: 'Doorverwijzingen per week',
      note: 'Een week met een afgeschermd aantal doorverwijzingen heeft een gearceerde markering in plaats van een staaf.',
      labels: weeks,
      datasets: [series(OUTCOME_LABELS['handed-off'], weekRows.map((r) => r.cells[handoffIndex]!))],
    },
    {
      id: 'grafiek-feedback',
      tableId: feedbackTable.id,
      type: 'bar',
      stacked: true,
      title: 'Feedback per week',
      labels: weeks,
      datasets: VOTES.map((v, i) => series(VOTE_LABELS[v], feedbackRows.filter((r) => !r.total).map((r) => r.cells[i]!))),
    },
  ];

  const nothing = (values.get(qG(p)) ?? 0) === 0 && (values.get(fG(p)) ?? 0) === 0;
  return {
    k,
    weeks,
    keyFigures,
    tables: nothing ? [] : [topicsWeeks, outcomesTopics, gaps, gapsWeeks, outcomesWeeks, feedbackTable],
    charts: nothing ? [] : charts,
    feedback: feedbackOf(keyFigures),
    ...(nothing ? { notice: 'Er zijn in deze periode nog geen vragen geteld. Kies een langere periode.' } : {}),
  };
}

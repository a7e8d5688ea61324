/**
 * Server-rendered dashboard HTML. Everything shown comes from a `TrendReport` (already suppressed); the charts are
 * drawn in the browser from the same report's chart data, and each chart has its data table right below it.
 */
import { HIDDEN_MARK } from '../anonymize.js';
import { CHANNELS, TREND_AUDIENCES } from '../event.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS } from '../labels.js';
import type { ReportCell, ReportTable, TrendReport } from '../report.js';
import type { Health, TrendStoreMetrics } from '../store/types.js';
import { toSearchParams, WEEK_CHOICES, type DashboardQuery } from './filters.js';

export const BASE = '/dashboard';
export const ASSETS = `${BASE}/assets`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside <script type="application/json">: "<" escaped so no value can close the element. */
function jsonScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A suppressed cell is never drawn as 0 or left blank: it shows its mark and says so to a screen reader. */
function cellHtml(cell: ReportCell, tag = 'td'): string {
  if (cell.status === 'hidden') {
    return `<${tag} class="afgeschermd" data-status="hidden" data-display="${HIDDEN_MARK}"><span aria-hidden="true">${HIDDEN_MARK}</span><span class="visually-hidden">afgeschermd</span></${tag}>`;
  }
  if (cell.status === 'small') {
    return `<${tag} class="afgeschermd" data-status="small" data-display="${escapeHtml(cell.display)}"><span aria-hidden="true">${escapeHtml(cell.display)}</span><span class="visually-hidden">${escapeHtml(cell.display.replace('<', 'minder dan'))}</span></${tag}>`;
  }
  if (cell.status === 'none') {
    return `<${tag} data-status="none" data-display="${escapeHtml(cell.display)}"><span aria-hidden="true">–</span><span class="visually-hidden">niet te berekenen</span></${tag}>`;
  }
  return `<${tag} data-status="${cell.status}" data-display="${escapeHtml(cell.display)}">${escapeHtml(cell.display)}</${tag}>`;
}

/** The key figures on top, as a definition list; the same cells as the "Kerncijfers" lines of the CSV. */
function keyFiguresHtml(table: ReportTable): string {
  if (table.rows.length === 0) return '';
  const items = table.rows
    .map((r) => `<div class="kerncijfer" data-key="${escapeHtml(r.key)}"><dt>${escapeHtml(r.label)}</dt>${cellHtml(r.cells[0]!, 'dd')}</div>`)
    .join('\n');
  return `<section class="blok" aria-labelledby="kerncijfers-kop">
<h2 class="nl-heading nl-heading--level-2" id="kerncijfers-kop">${escapeHtml(table.title)}</h2>
<dl class="kerncijfers" id="kerncijfers">
${items}
</dl>
</section>`;
}

function tableHtml(table: ReportTable): string {
  const captionId = `${table.id}-tabel`;
  const head = [table.rowHeader, ...table.columns.map((c) => c.label)]
    .map((label) => `<th scope="col">${escapeHtml(label)}</th>`)
    .join('');
  const body = table.rows.length
    ? table.rows
        .map((r) => {
          const cls = r.total ? ' class="totaal"' : '';
          return `<tr${cls} data-key="${escapeHtml(r.key)}"><th scope="row">${escapeHtml(r.label)}</th>${r.cells.map((c) => cellHtml(c)).join('')}</tr>`;
        })
        .join('\n')
    : `<tr><td colspan="${table.columns.length + 1}">Geen gegevens in deze periode.</td></tr>`;
  return `<div class="utrecht-table-container tabel-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">
<table class="utrecht-table utrecht-table--html-table" id="${table.id}">
<caption id="${captionId}" class="utrecht-table__caption">Tabel: ${escapeHtml(table.title)}</caption>
<thead class="utrecht-table__header"><tr>${head}</tr></thead>
<tbody class="utrecht-table__body">
${body}
</tbody>
</table>
</div>`;
}

function select(id: string, label: string, current: string, options: [string, string][]): string {
  const opts = options
    .map(([value, text]) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(text)}</option>`)
    .join('');
  return `<div class="utrecht-form-field filter">
<label class="utrecht-form-label" for="${id}">${escapeHtml(label)}</label>
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${id}">${opts}</select>
</div>`;
}

export function renderPage(opts: {
  report: TrendReport;
  query: DashboardQuery;
  health: Health;
  metrics: TrendStoreMetrics;
  demo?: boolean;
}): string {
  const { report, query, health, metrics, demo } = opts;
  const k = report.k;
  const period = `${report.weeks[0]} t/m ${report.weeks.at(-1)}`;
  const channelText = query.channel === 'alle' ? 'alle kanalen' : CHANNEL_LABELS[query.channel];
  const audienceText = query.audience === 'alle' ? 'alle doelgroepen' : AUDIENCE_LABELS[query.audience];
  const sections = report.tables
    .map((table) => {
      const chart = report.charts.find((c) => c.tableId === table.id);
      const headingId = `${table.id}-kop`;
      const figure = chart
        ? `<figure class="utrecht-figure grafiek">
<div class="grafiek-vlak"><canvas id="${chart.id}" role="img" aria-label="Grafiek: ${escapeHtml(chart.title)}. De cijfers staan in de tabel eronder."></canvas></div>
${chart.note ? `<figcaption class="utrecht-figure__caption">${escapeHtml(chart.note)}</figcaption>` : ''}
</figure>`
        : '';
      return `<section class="blok" aria-labelledby="${headingId}">
<h2 class="nl-heading nl-heading--level-2" id="${headingId}">${escapeHtml(table.title)}</h2>
<p class="nl-paragraph">${escapeHtml(table.description)}</p>
${figure}
${tableHtml(table)}
</section>`;
    })
    .join('\n');
  const csvHref = `${BASE}/export.csv?${toSearchParams(query)}`;
  const storeText = health.ok ? 'bereikbaar' : `niet bereikbaar (${escapeHtml(health.reason)})`;
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${demo ? 'DEMO – ' : ''}Trends integriteitsvragen – Integriteitsbot</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS}/rhc-tokens/index.css">
<link rel="stylesheet" href="${ASSETS}/rhc-components/index.css">
<link rel="stylesheet" href="${ASSETS}/dashboard.css">
</head>
<body class="rhc-theme utrecht-document utrecht-document--surface">
<a class="nl-skip-link" href="#inhoud">Direct naar de inhoud</a>
<header class="kop"><p class="kop-naam">Integriteitsbot · dashboard voor integriteitscoördinatoren</p></header>
${demo ? '<p class="demo-band" id="demo" role="note">DEMO – dit zijn verzonnen cijfers uit een aparte demo-opslag, geen echte vragen.</p>' : ''}
<main id="inhoud" class="inhoud">
<h1 class="nl-heading nl-heading--level-1">Trends in integriteitsvragen</h1>
<p class="nl-paragraph nl-paragraph--lead">Periode ${escapeHtml(period)}, ${escapeHtml(channelText)}, ${escapeHtml(audienceText)}.</p>
${report.notice ? `<p class="nl-paragraph melding" id="melding" role="status">${escapeHtml(report.notice)}</p>` : ''}
${keyFiguresHtml(report.keyFigures)}
<p class="nl-paragraph">Hier staan alleen tellingen per week, onderwerp, uitkomst, kanaal en doelgroep. Vragen zelf en wie ze stelde worden nooit opgeslagen.
Een aantal kleiner dan ${k} staat er als <strong>&lt; ${k}</strong>. Een <strong>${HIDDEN_MARK}</strong> is een groter aantal dat verborgen is, omdat je anders een klein aantal uit de totalen of uit een andere weergave (periode, filter) zou kunnen terugrekenen. In de grafieken staan afgeschermde aantallen als gearceerde markering met hun teken, nooit als 0.</p>

<section class="blok" aria-labelledby="filters-kop">
<h2 class="nl-heading nl-heading--level-2" id="filters-kop">Filters</h2>
<form class="filters" method="get" action="${BASE}">
${select('weeks', 'Periode', String(query.weeks), WEEK_CHOICES.map((n) => [String(n), `Laatste ${n} weken`]))}
${select('channel', 'Kanaal', query.channel, [['alle', 'Alle kanalen'], ...CHANNELS.map((c): [string, string] => [c, CHANNEL_LABELS[c]])])}
${select('audience', 'Doelgroep', query.audience, [['alle', 'Alle doelgroepen'], ...TREND_AUDIENCES.map((a): [string, string] => [a, AUDIENCE_LABELS[a]])])}
<div class="filter filter-knop"><button type="submit" class="utrecht-button utrecht-button--primary-action">Filters toepassen</button></div>
</form>
<p class="nl-paragraph csv"><a class="nl-link" id="csv-link" href="${escapeHtml(csvHref)}" download>Download deze cijfers als CSV</a> (dezelfde filters en dezelfde afscherming als op deze pagina).</p>
</section>

<p class="nl-paragraph">Opslag: ${storeText}. Niet opgeslagen gebeurtenissen sinds de start van de bot: ${metrics.dropped}.</p>

${sections}
</main>
<script type="application/json" id="trends-data">${jsonScript({ charts: report.charts })}</script>
<script src="${ASSETS}/chart.js/chart.umd.min.js"></script>
<script src="${ASSETS}/dashboard.js"></script>
</body>
</html>
`;
}

export function renderError(status: number, title: string, text: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${ASSETS}/rhc-tokens/index.css"><link rel="stylesheet" href="${ASSETS}/rhc-components/index.css"><link rel="stylesheet" href="${ASSETS}/dashboard.css"></head>
<body class="rhc-theme utrecht-document utrecht-document--surface"><main class="inhoud" id="inhoud">
<h1 class="nl-heading nl-heading--level-1">${escapeHtml(title)}</h1>
<p class="nl-paragraph" data-status="${status}">${escapeHtml(text)}</p>
<p class="nl-paragraph"><a class="nl-link" href="${BASE}">Terug naar het dashboard</a></p>
</main></body></html>
`;
}

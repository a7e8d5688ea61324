/** Plain-text and CSV renderings of a report. Both print exactly the suppressed cells, nothing else. */
import { HIDDEN_MARK } from './anonymize.js';
import type { ReportTable, TrendReport } from './report.js';

export function tableToText(table: ReportTable): string {
  const header = [table.rowHeader, ...table.columns.map((c) => c.label)];
  const body = table.rows.map((r) => [r.label, ...r.cells.map((c) => c.display)]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [table.title, rule, line(header), rule, ...body.map(line), rule].join('\n');
}

export function legend(k: number): string {
  return `"< ${k}": minder dan ${k} gebeurtenissen. "${HIDDEN_MARK}": verborgen zodat een kleine cel niet uit de totalen is af te leiden.`;
}

export function reportToText(report: TrendReport, heading: string): string {
  const tables = [report.keyFigures, ...report.tables].filter((t) => t.rows.length > 0);
  return [heading, legend(report.k), ...(report.notice ? [report.notice] : []), '', ...tables.map((t) => `${tableToText(t)}\n`)].join('\n');
}

/**
 * One CSV for the whole view, one line per shown cell: table, row, column, value as displayed. Semicolons,
 * because that is what Excel expects in a Dutch locale; a BOM so it reads the file as UTF-8.
 */
export function reportToCsv(report: TrendReport, filters: Record<string, string>): string {
  const esc = (s: string) => (/[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['tabel', 'rij', 'kolom', 'waarde'].join(';')];
  for (const table of [report.keyFigures, ...report.tables]) {
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        lines.push([table.title, row.label, table.columns[i]!.label, cell.display].map(esc).join(';'));
      });
    }
  }
  const meta = Object.entries(filters).map(([key, value]) => `# ${key}: ${value}`);
  if (report.notice) meta.push(`# ${report.notice}`);
  return `\uFEFF${[...meta, `# ${legend(report.k)}`, ...lines].join('\r\n')}\r\n`;
}

/**
 * k-anonymity for every table a coordinator can see. Pure: counts in, a status per cell out.
 *
 * A table is described as cells (by key) plus "lines": linear facts a reader can use, `total = sum(parts)` (a row
 * with its row total, a column with its column total, the totals with the grand total). Tables that share a
 * total (the same topic total in two tables) share the cell key, so they are protected together.
 *
 * 1. Primary suppression: a cell (interior or total) with 1..k-1 events is shown as "< k".
 * 2. Complementary suppression: a line with exactly one unknown would give that unknown away by subtraction, so
 *    the smallest non-zero visible part of that line is hidden as well (or, failing that, the line's total).
 *    Repeated until no line has exactly one unknown.
 * Zero is shown as 0: it says nobody asked, which identifies no one.
 */
import { MIN_K } from './config.js';

export type CellStatus = 'shown' | 'small' | 'hidden';

export interface Line {
  total: string;
  parts: readonly string[];
}

export function assertK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k: must be a whole number of at least ${MIN_K}`);
}

export function suppress(
  values: ReadonlyMap<string, number>,
  lines: readonly Line[],
  k: number,
): Map<string, CellStatus> {
  assertK(k);
  const value = (key: string): number => values.get(key) ?? 0;
  const status = new Map<string, CellStatus>();
  const keys = new Set<string>(values.keys());
  for (const line of lines) {
    keys.add(line.total);
    for (const p of line.parts) keys.add(p);
  }
  for (const key of keys) {
    const v = value(key);
    if (!Number.isInteger(v) || v < 0) throw new Error(`anonymize: count for ${key} is not a non-negative integer`);
    status.set(key, v > 0 && v < k ? 'small' : 'shown');
  }
  const unknown = (key: string) => status.get(key) !== 'shown';

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const unknowns = [line.total, ...line.parts].filter(unknown).length;
      if (unknowns !== 1) continue;
      const pick = complement(line, value, unknown);
      if (pick === undefined) continue; // nothing left to hide; the unknown is then 0 = 0, which reveals nobody
      status.set(pick, 'hidden');
      changed = true;
    }
  }
  return status;
}

function complement(
  line: Line,
  value: (key: string) => number,
  unknown: (key: string) => boolean,
): string | undefined {
  // The smallest non-zero visible part costs the reader least information. A zero partner would not protect:
  // with "< k" meaning at least 1, "a + 0 = 1" still gives a away.
  let best: string | undefined;
  for (const p of line.parts) {
    if (unknown(p) || value(p) === 0) continue;
    if (best === undefined || value(p) < value(best)) best = p;
  }
  if (best !== undefined) return best;
  if (!unknown(line.total) && value(line.total) > 0) return line.total;
  return undefined;
}

/** The text a reader sees for a cell: the number, "< k", or a mark for a complementary hidden cell. */
export const HIDDEN_MARK = '×';
export function displayCell(value: number, status: CellStatus, k: number): string {
  if (status === 'small') return `< ${k}`;
  if (status === 'hidden') return HIDDEN_MARK;
  return String(value);
}

/** Lines for a rows × columns table with row totals, column totals and a grand total. */
export function gridLines(opts: {
  rows: readonly string[];
  cols: readonly string[];
  cell: (row: string, col: string) => string;
  rowTotal: (row: string) => string;
  colTotal: (col: string) => string;
  grandTotal: string;
}): Line[] {
  const lines: Line[] = [];
  for (const r of opts.rows) lines.push({ total: opts.rowTotal(r), parts: opts.cols.map((c) => opts.cell(r, c)) });
  for (const c of opts.cols) lines.push({ total: opts.colTotal(c), parts: opts.rows.map((r) => opts.cell(r, c)) });
  lines.push({ total: opts.grandTotal, parts: opts.rows.map(opts.rowTotal) });
  lines.push({ total: opts.grandTotal, parts: opts.cols.map(opts.colTotal) });
  return lines;
}

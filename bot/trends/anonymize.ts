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
 * 3. Audit: a reader may combine several lines, and may know that a "< k" cell is 1..k-1 and that a hidden cell
 *    was a visible count, so at least k. Two checks look for a "< k" cell that is still pinned down: linear
 *    algebra (is the cell a combination of the published numbers?) and interval reasoning with those bounds. A
 *    hidden cell of k or more that can be worked out reveals no small group and is left alone. For one pinned cell
 *    per round, a visible cell that its derivation uses is hidden (the elimination keeps track of which lines it
 *    combined); steps 2 and 3 repeat until none is found. This ends: every round hides one more cell.
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

  const linesOf = new Map<string, Line[]>();
  for (const line of lines) {
    for (const key of [line.total, ...line.parts]) {
      const list = linesOf.get(key) ?? [];
      list.push(line);
      linesOf.set(key, list);
    }
  }

  for (;;) {
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
    const causes = pinnedWithCause(lines, status);
    const disclosed = new Set([...pinnedByBounds(values, lines, status, k), ...causes.keys()]);
    let added = false;
    for (const key of disclosed) {
      // Only a count of 1..k-1 pinned down is a disclosure. A hidden partner (k or more) that a reader can work
      // out reveals no small group; chasing those too hides nearly everything once views are linked.
      if (value(key) === 0 || value(key) >= k) continue;
      // First a visible cell the pinning derivation uses (hiding anything else leaves it intact); then its own
      // lines; then the lines connected to it through shared cells; everything only as a last resort.
      const cause = causes.get(key)?.filter((c) => !unknown(c) && value(c) > 0) ?? [];
      const pick =
        (cause.length ? cause.reduce((a, b) => (value(b) < value(a) ? b : a)) : undefined) ??
        widen(linesOf.get(key) ?? [], value, unknown) ??
        widen(connectedLines(key, linesOf), value, unknown) ??
        widen(lines, value, unknown);
      if (pick === undefined) continue;
      status.set(pick, 'hidden');
      added = true;
      // One partner per round: pinned cells often are the same few events seen through many lines (a topic with
      // one question is that question in every period and group), and one partner usually frees them all.
      break;
    }
    if (!added) return status;
  }
}

/** Every line reachable from `key` through lines that share a cell. */
function connectedLines(key: string, linesOf: ReadonlyMap<string, Line[]>): Line[] {
  const seen = new Set<Line>();
  const keys = new Set<string>([key]);
  const queue = [key];
  while (queue.length) {
    for (const line of linesOf.get(queue.pop()!) ?? []) {
      if (seen.has(line)) continue;
      seen.add(line);
      for (const k of [line.total, ...line.parts]) {
        if (keys.has(k)) continue;
        keys.add(k);
        queue.push(k);
      }
    }
  }
  return [...seen];
}

/** The smallest visible non-zero cell (part or total) among these lines. */
function widen(lines: readonly Line[], value: (key: string) => number, unknown: (key: string) => boolean): string | undefined {
  let best: string | undefined;
  for (const line of lines) {
    for (const key of [...line.parts, line.total]) {
      if (unknown(key) || value(key) === 0) continue;
      if (best === undefined || value(key) < value(best)) best = key;
    }
  }
  return best;
}

/**
 * Interval reasoning as a reader could do it: "< k" is 1..k-1, a hidden cell is at least k (it was a visible
 * count), each line's total is the sum of its parts. Returns the unknown cells whose range shrinks to one value.
 */
export function pinnedByBounds(
  values: ReadonlyMap<string, number>,
  lines: readonly Line[],
  status: ReadonlyMap<string, CellStatus>,
  k: number,
): string[] {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const [key, s] of status) {
    const v = values.get(key) ?? 0;
    if (s === 'shown') {
      lo.set(key, v);
      hi.set(key, v);
    } else if (s === 'small') {
      lo.set(key, 1);
      hi.set(key, k - 1);
    } else {
      lo.set(key, k);
      hi.set(key, Infinity);
    }
  }
  const L = (key: string) => lo.get(key) ?? 0;
  const H = (key: string) => hi.get(key) ?? 0;
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    const tighten = (key: string, newLo: number, newHi: number) => {
      if (newLo > L(key)) {
        lo.set(key, newLo);
        changed = true;
      }
      if (newHi < H(key)) {
        hi.set(key, newHi);
        changed = true;
      }
    };
    for (const line of lines) {
      const sumLo = line.parts.reduce((s, p) => s + L(p), 0);
      // Unbounded parts are counted apart: Infinity - Infinity would be NaN, not "the others' finite sum".
      const unbounded = line.parts.filter((p) => H(p) === Infinity).length;
      const finiteHi = line.parts.reduce((s, p) => (H(p) === Infinity ? s : s + H(p)), 0);
      tighten(line.total, sumLo, unbounded > 0 ? Infinity : finiteHi);
      for (const p of line.parts) {
        const othersHi = unbounded - (H(p) === Infinity ? 1 : 0) > 0 ? Infinity : finiteHi - (H(p) === Infinity ? 0 : H(p));
        tighten(p, L(line.total) - othersHi, H(line.total) - (sumLo - L(p)));
      }
    }
  }
  return [...status].filter(([key, s]) => s !== 'shown' && L(key) === H(key)).map(([key]) => key);
}

/**
 * Linear algebra as a reader could do it: write every line as an equation in the unknown cells, reduce to row
 * echelon form, and report each unknown that a row pins down on its own (its unit vector lies in the row space).
 */
export function pinnedByAlgebra(lines: readonly Line[], status: ReadonlyMap<string, CellStatus>): string[] {
  return [...pinnedWithCause(lines, status).keys()];
}

/**
 * As `pinnedByAlgebra`, and for each pinned cell the visible cells of the derivation that pins it: the known cells
 * whose net weight in that combination of lines is not zero. Hiding one of them breaks that derivation.
 */
export function pinnedWithCause(lines: readonly Line[], status: ReadonlyMap<string, CellStatus>): Map<string, string[]> {
  const unknown = [...status].filter(([, s]) => s !== 'shown').map(([key]) => key);
  const pinned = new Map<string, string[]>();
  if (unknown.length === 0) return pinned;
  const index = new Map(unknown.map((key, i) => [key, i]));
  const rows: Float64Array[] = [];
  /** Per row: which original lines it combines, with their weights. */
  const src: Map<number, number>[] = [];
  const used: Line[] = [];
  for (const line of lines) {
    const row = new Float64Array(unknown.length);
    let any = false;
    const t = index.get(line.total);
    if (t !== undefined) {
      row[t]! -= 1;
      any = true;
    }
    for (const p of line.parts) {
      const i = index.get(p);
      if (i === undefined) continue;
      row[i]! += 1;
      any = true;
    }
    if (!any) continue;
    rows.push(row);
    src.push(new Map([[used.length, 1]]));
    used.push(line);
  }
  const EPS = 1e-9;
  const axpy = (into: Map<number, number>, f: number, from: Map<number, number>) => {
    for (const [l, w] of from) {
      const next = (into.get(l) ?? 0) - f * w;
      if (Math.abs(next) <= EPS) into.delete(l);
      else into.set(l, next);
    }
  };
  const pivotOf: number[] = [];
  let rank = 0;
  for (let c = 0; c < unknown.length && rank < rows.length; c++) {
    let best = -1;
    for (let r = rank; r < rows.length; r++) {
      if (Math.abs(rows[r]![c]!) > EPS && (best < 0 || Math.abs(rows[r]![c]!) > Math.abs(rows[best]![c]!))) best = r;
    }
    if (best < 0) continue;
    [rows[rank], rows[best]] = [rows[best]!, rows[rank]!];
    [src[rank], src[best]] = [src[best]!, src[rank]!];
    const pivot = rows[rank]!;
    const scale = pivot[c]!;
    for (let j = c; j < unknown.length; j++) pivot[j]! /= scale;
    for (const [l, w] of src[rank]!) src[rank]!.set(l, w / scale);
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const row = rows[r]!;
      const f = row[c]!;
      if (Math.abs(f) <= EPS) continue;
      for (let j = c; j < unknown.length; j++) row[j]! -= f * pivot[j]!;
      axpy(src[r]!, f, src[rank]!);
    }
    pivotOf[rank] = c;
    rank++;
  }
  for (let r = 0; r < rank; r++) {
    const row = rows[r]!;
    let nonZero = 0;
    for (let j = 0; j < unknown.length && nonZero < 2; j++) if (Math.abs(row[j]!) > EPS) nonZero++;
    if (nonZero !== 1) continue;
    const weight = new Map<string, number>();
    for (const [l, w] of src[r]!) {
      const line = used[l]!;
      weight.set(line.total, (weight.get(line.total) ?? 0) - w);
      for (const p of line.parts) weight.set(p, (weight.get(p) ?? 0) + w);
    }
    pinned.set(
      unknown[pivotOf[r]!]!,
      [...weight].filter(([key, w]) => !index.has(key) && Math.abs(w) > EPS).map(([key]) => key),
    );
  }
  return pinned;
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

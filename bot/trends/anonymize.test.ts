import { describe, expect, it } from 'vitest';
import { displayCell, gridLines, HIDDEN_MARK, pinnedByAlgebra, pinnedByBounds, pinnedWithCause, suppress, type CellStatus, type Line } from './anonymize.js';

/** A rows × cols table with all totals, as cell keys r|c, r|*, *|c and *. */
function table(grid: number[][]): { values: Map<string, number>; lines: Line[] } {
  const rows = grid.map((_, i) => `r${i}`);
  const cols = grid[0]!.map((_, j) => `c${j}`);
  const values = new Map<string, number>();
  grid.forEach((row, i) =>
    row.forEach((v, j) => {
      values.set(`r${i}|c${j}`, v);
      values.set(`r${i}|*`, (values.get(`r${i}|*`) ?? 0) + v);
      values.set(`*|c${j}`, (values.get(`*|c${j}`) ?? 0) + v);
      values.set('*', (values.get('*') ?? 0) + v);
    }),
  );
  const lines = gridLines({
    rows,
    cols,
    cell: (r, c) => `${r}|${c}`,
    rowTotal: (r) => `${r}|*`,
    colTotal: (c) => `*|${c}`,
    grandTotal: '*',
  });
  return { values, lines };
}

/**
 * What a reader could work out: every assignment of the suppressed cells that fits the visible numbers and all
 * line equations, where "< k" means 1..k-1 and a hidden cell, having been a visible count, is k or more. Returns,
 * per suppressed cell, the set of values it can still take. A cell with one possible value is disclosed.
 * Search: a line with a single unassigned cell fixes it; otherwise branch on the next cell.
 */
function attack(values: Map<string, number>, lines: Line[], status: Map<string, CellStatus>, k: number) {
  const unknown = [...status].filter(([, s]) => s !== 'shown').map(([key]) => key);
  // The reader does not know how large a hidden number is; a generous cap keeps the search finite without
  // handing the attacker the true grand total.
  const max = Math.max(...values.values()) + 2 * k;
  const range = (key: string): [number, number] => (status.get(key) === 'small' ? [1, k - 1] : [k, max]);
  const possible = new Map<string, Set<number>>(unknown.map((key) => [key, new Set<number>()]));
  const known = (guess: Map<string, number>, key: string) => (status.get(key) === 'shown' ? values.get(key) ?? 0 : guess.get(key));
  const search = (guess: Map<string, number>): void => {
    // Propagate: a line with one open cell determines it.
    const g = new Map(guess);
    for (let progress = true; progress; ) {
      progress = false;
      for (const l of lines) {
        const open = [l.total, ...l.parts].filter((key) => known(g, key) === undefined);
        if (open.length === 0) {
          const sum = l.parts.reduce((s, p) => s + known(g, p)!, 0);
          if (sum !== known(g, l.total)) return; // contradiction
        } else if (open.length === 1) {
          const key = open[0]!;
          const others = l.parts.filter((p) => p !== key).reduce((s, p) => s + known(g, p)!, 0);
          const v = key === l.total ? others : known(g, l.total)! - others;
          const [lo, hi] = range(key);
          if (v < lo || v > hi) return;
          g.set(key, v);
          progress = true;
        }
      }
    }
    const next = unknown.find((key) => !g.has(key));
    if (next === undefined) {
      for (const key of unknown) possible.get(key)!.add(g.get(key)!);
      return;
    }
    const [lo, hi] = range(next);
    for (let v = lo; v <= hi; v++) search(new Map(g).set(next, v));
  };
  search(new Map());
  return possible;
}

const primaryOnly = (values: Map<string, number>, k: number) =>
  new Map<string, CellStatus>([...values].map(([key, v]) => [key, v > 0 && v < k ? 'small' : 'shown']));

describe('suppress', () => {
  it('marks 1..k-1 as small, shows 0 and counts of k or more', () => {
    const { values, lines } = table([[0, 4, 5, 9]]);
    const status = suppress(values, lines, 5);
    expect(status.get('r0|c0')).toBe('shown');
    expect(status.get('r0|c1')).toBe('small');
    expect(displayCell(4, status.get('r0|c1')!, 5)).toBe('< 5');
    expect(displayCell(5, 'shown', 5)).toBe('5');
    expect(displayCell(12, 'hidden', 5)).toBe(HIDDEN_MARK);
  });

  it('the subtraction case: one small cell in a row cannot be recovered from the row total', () => {
    // Row 0 is 2 + 10 + 20 = 32. Showing 10, 20 and 32 would give away the 2.
    const grid = [
      [2, 10, 20],
      [30, 40, 50],
    ];
    const { values, lines } = table(grid);

    // The attack works on primary suppression alone (so this test can fail) ...
    const naive = attack(values, lines, primaryOnly(values, 5), 5);
    expect([...naive.get('r0|c0')!]).toEqual([2]);

    // ... and not after complementary suppression.
    const status = suppress(values, lines, 5);
    expect(status.get('r0|c0')).toBe('small');
    expect(status.get('r0|c1')).toBe('hidden'); // the smallest other non-zero cell of that row
    const possible = attack(values, lines, status, 5);
    for (const [key, set] of possible) expect(set.size, key).toBeGreaterThan(1);
  });

  it('the subtraction case down a column, with the complement taken in the same column', () => {
    const grid = [
      [10, 30],
      [3, 40],
      [12, 50],
    ];
    const { values, lines } = table(grid);
    expect([...attack(values, lines, primaryOnly(values, 5), 5).get('r1|c0')!]).toEqual([3]);
    const status = suppress(values, lines, 5);
    const hidden = [...status].filter(([, s]) => s !== 'shown').map(([key]) => key).sort();
    // Column c0 and row r1 each need a second unknown; the result is a 2×2 block.
    expect(hidden).toEqual(['r0|c0', 'r0|c1', 'r1|c0', 'r1|c1']);
    for (const [key, set] of attack(values, lines, status, 5)) expect(set.size, key).toBeGreaterThan(1);
  });

  it('never takes a zero as the complement (a + 0 = total would still disclose a)', () => {
    const grid = [[1, 0, 10]];
    const { values, lines } = table(grid);
    const status = suppress(values, lines, 5);
    expect(status.get('r0|c1')).toBe('shown');
    expect(status.get('r0|c2')).toBe('hidden');
  });

  it('protects small totals as well: a lone small row total is not left to subtraction from the grand total', () => {
    const grid = [
      [2, 1],
      [20, 30],
      [25, 40],
    ];
    const { values, lines } = table(grid);
    const status = suppress(values, lines, 5);
    expect(status.get('r0|*')).toBe('small'); // 3 events in the whole row
    for (const line of lines) {
      const unknowns = [line.total, ...line.parts].filter((key) => status.get(key) !== 'shown').length;
      expect(unknowns, JSON.stringify(line)).not.toBe(1);
    }
    for (const [key, set] of attack(values, lines, status, 5)) expect(set.size, key).toBeGreaterThan(1);
  });

  it('leaves tables without small cells alone', () => {
    const { values, lines } = table([
      [5, 0],
      [7, 9],
    ]);
    expect([...suppress(values, lines, 5).values()].every((s) => s === 'shown')).toBe(true);
  });

  it('bounds: two hidden cells that must both be exactly k are found; no small cell stays pinned', () => {
    // Rows 0 and 1 each have one small cell; the obvious complements leave row 1 as "× + × = 10". A reader who
    // knows a hidden cell is at least 5 concludes 5 + 5, which pins down both.
    const grid = [
      [10, 1],
      [5, 5],
      [9, 9],
    ];
    const { values, lines } = table(grid);
    const obvious = primaryOnly(values, 5);
    for (const key of ['r0|c0', 'r1|c0', 'r1|c1']) obvious.set(key, 'hidden');
    expect([...attack(values, lines, obvious, 5).get('r1|c0')!]).toEqual([5]);
    expect(pinnedByBounds(values, lines, obvious, 5)).toContain('r1|c0');

    // A hidden cell worked out to exactly 5 reveals no small group; what counts is that no "< 5" cell is pinned.
    const status = suppress(values, lines, 5);
    for (const [key, set] of attack(values, lines, status, 5)) if (status.get(key) === 'small') expect(set.size, key).toBeGreaterThan(1);
  });

  it('algebra: names the visible cells a pinning derivation uses, so hiding one of them breaks it', () => {
    // a = T - b - c with T, b, c visible and the complement d elsewhere: the cause is T, b and c, never d.
    const lines: Line[] = [
      { total: 'T', parts: ['a', 'b', 'c'] },
      { total: 'U', parts: ['a', 'd'] },
    ];
    const status = new Map<string, CellStatus>([
      ['a', 'small'],
      ['b', 'shown'],
      ['c', 'shown'],
      ['d', 'hidden'],
      ['T', 'shown'],
      ['U', 'shown'],
    ]);
    const causes = pinnedWithCause(lines, status);
    expect([...causes.keys()].sort()).toEqual(['a', 'd']);
    expect(causes.get('a')!.sort()).toEqual(['T', 'b', 'c']);
  });

  it('algebra: a cell fixed only by combining several lines is found', () => {
    // a = r0|c0 and b = r0|c1 are hidden; so are the column totals. Row 0 and the column-totals line each have
    // two unknowns, yet (row 0) - (column totals) - ... pins them: the checker must see through that.
    const lines: Line[] = [
      { total: 'R', parts: ['a', 'b'] },
      { total: 'C1', parts: ['a'] },
      { total: 'C2', parts: ['b', 'z'] },
    ];
    const status = new Map<string, CellStatus>([
      ['a', 'small'],
      ['b', 'hidden'],
      ['R', 'shown'],
      ['C1', 'small'],
      ['C2', 'hidden'],
      ['z', 'shown'],
    ]);
    // C2 = b + z with z visible and R = a + b visible: two unknowns everywhere, but nothing pins a or b alone.
    expect(pinnedByAlgebra(lines, status)).toEqual([]);
    // With C2 visible, b = C2 - z and then a = R - b.
    status.set('C2', 'shown');
    expect(pinnedByAlgebra(lines, status).sort()).toEqual(['C1', 'a', 'b']);
  });

  it('on random small tables, a reader can pin down no suppressed non-zero cell', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let suppressedTables = 0;
    for (let round = 0; round < 80; round++) {
      const cols = 2 + Math.floor(rand() * 2);
      const grid = Array.from({ length: 2 + Math.floor(rand() * 2) }, () =>
        Array.from({ length: cols }, () => (rand() < 0.3 ? 0 : Math.floor(rand() * 9))),
      );
      const { values, lines } = table(grid);
      const status = suppress(values, lines, 5);
      const unknowns = [...status.values()].filter((s) => s !== 'shown').length;
      // The brute-force reader is exponential in the number of unknowns; larger patterns are left to the
      // algebra and bounds checks above.
      if (unknowns === 0 || unknowns > 8) continue;
      suppressedTables++;
      for (const [key, set] of attack(values, lines, status, 5)) {
        if (values.get(key) !== 0) expect(set.size, `${key} in ${JSON.stringify(grid)}`).toBeGreaterThan(1);
      }
    }
    expect(suppressedTables).toBeGreaterThan(20);
  });

  it('uses the configured k', () => {
    const { values, lines } = table([[6, 30, 30]]);
    expect(suppress(values, lines, 5).get('r0|c0')).toBe('shown');
    expect(suppress(values, lines, 7).get('r0|c0')).toBe('small');
    expect(displayCell(6, 'small', 7)).toBe('< 7');
  });

  it('refuses k below 3', () => {
    const { values, lines } = table([[1]]);
    expect(() => suppress(values, lines, 2)).toThrow(/k: .*at least 3/);
    expect(() => suppress(values, lines, 4.5)).toThrow(/k:/);
    expect(() => suppress(values, lines, 3)).not.toThrow();
  });

  it('on random tables no row, column or total line is left with exactly one unknown', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = 1 + Math.floor(rand() * 6);
      const grid = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (rand() < 0.3 ? 0 : Math.floor(rand() * (rand() < 0.5 ? 6 : 40)))),
      );
      const { values, lines } = table(grid);
      const status = suppress(values, lines, 5);
      for (const [key, v] of values) if (v > 0 && v < 5) expect(status.get(key)).toBe('small');
      for (const line of lines) {
        const unknown = [line.total, ...line.parts].filter((key) => status.get(key) !== 'shown');
        // One unknown is only acceptable when it is a zero, which discloses nobody.
        if (unknown.length === 1) expect(values.get(unknown[0]!), JSON.stringify(grid)).toBe(0);
      }
    }
  });
});

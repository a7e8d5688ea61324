import { describe, expect, it } from 'vitest';
import { displayCell, gridLines, HIDDEN_MARK, suppress, type CellStatus, type Line } from './anonymize.js';

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
 * line equations ("< k" means 1..k-1; a hidden cell may be anything from 0 to the grand total). Returns, per
 * suppressed cell, the set of values it can still take. A cell with one possible value is disclosed.
 */
function attack(values: Map<string, number>, lines: Line[], status: Map<string, CellStatus>, k: number) {
  const unknown = [...status].filter(([, s]) => s !== 'shown').map(([key]) => key);
  const max = Math.max(...values.values());
  const ranges = unknown.map((key) => (status.get(key) === 'small' ? [1, k - 1] : [0, max]) as [number, number]);
  const possible = new Map<string, Set<number>>(unknown.map((key) => [key, new Set<number>()]));
  const guess = new Map<string, number>();
  const known = (key: string) => (status.get(key) === 'shown' ? values.get(key) ?? 0 : guess.get(key));
  const consistent = () =>
    lines.every((l) => {
      const t = known(l.total);
      const parts = l.parts.map(known);
      if (t === undefined || parts.some((p) => p === undefined)) return true; // not yet decidable
      return t === parts.reduce((s, p) => s! + p!, 0);
    });
  const search = (i: number): void => {
    if (!consistent()) return;
    if (i === unknown.length) {
      for (const key of unknown) possible.get(key)!.add(guess.get(key)!);
      return;
    }
    const [lo, hi] = ranges[i]!;
    for (let v = lo; v <= hi; v++) {
      guess.set(unknown[i]!, v);
      search(i + 1);
    }
    guess.delete(unknown[i]!);
  };
  search(0);
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

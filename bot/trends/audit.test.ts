/**
 * The disclosure audit: an attacker who downloads every view the dashboard offers (every period, every channel and
 * audience filter and their combinations, as CSV, which holds exactly the page's cells) and combines them all.
 *
 * The unknowns are the finest cells (week × topic × outcome × channel × audience for questions, week × vote ×
 * channel × audience for feedback). Every published cell is a linear fact about them: a number is an equation, "< k"
 * says the sum is 1..k-1, "×" says it is at least k. A cell that some published zero covers is 0.
 * For every finest cell and every suppressed published cell whose true value is 1..k-1, the attacker computes the
 * smallest and largest value it can take under all these facts: interval propagation first, then a small simplex
 * (the feasibility interval, as statistical offices audit suppressed tables). An interval of one value is a
 * disclosure. The interval is that of the continuous relaxation; rounding to whole numbers could narrow a cell
 * further in rare cases, which this test does not search for (an exhaustive integer search does not finish on a
 * seed this size).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEK_CHOICES } from './dashboard/filters.js';
import { createDashboard } from './dashboard/index.js';
import { CHANNELS, OUTCOMES, TREND_AUDIENCES, TREND_TOPICS, VOTES } from './event.js';
import { OUTCOME_LABELS, TOPIC_LABELS, VOTE_LABELS } from './labels.js';
import { lastWeeks } from './report.js';
import { openSqliteStore } from './store/sqlite.js';
import type { TrendStore } from './store/types.js';
import type { TrendEvent } from './types.js';

const NOW = new Date('2026-11-26T12:00:00Z'); // 2026-W48
const K = 5;
const WEEKS = lastWeeks(NOW, 52);
const AUTH = `Basic ${Buffer.from('coordinator:audit-only-password').toString('base64')}`;

type Q = Omit<TrendEvent, 'kind' | 'intent' | 'vote'>;
const intentOf = (o: TrendEvent['outcome']): TrendEvent['intent'] => (o === 'handed-off' ? 'handoff' : o === 'refused' ? 'out-of-scope' : 'advice');
/** [count, week, topic, outcome, channel, audience]; week 48 is the probe's week: 7 questions, 6 from employees. */
const QUESTIONS: [number, string, Q['topic'], Q['outcome'], Q['channel'], Q['audience']][] = [
  [4, '2026-W48', 'geschenken', 'answered', 'teams', 'medewerker'],
  [1, '2026-W48', 'geschenken', 'abstained', 'web', 'medewerker'],
  [1, '2026-W48', 'nevenwerkzaamheden', 'answered', 'teams', 'medewerker'],
  [1, '2026-W48', 'klokkenluiders', 'handed-off', 'teams', 'politiek-ambtsdrager'],
  [30, '2026-W47', 'geschenken', 'answered', 'teams', 'medewerker'],
  [12, '2026-W47', 'nevenwerkzaamheden', 'answered', 'teams', 'medewerker'],
  [6, '2026-W47', 'geschenken', 'answered', 'slack', 'leidinggevende'],
  [25, '2026-W46', 'geschenken', 'answered', 'teams', 'medewerker'],
  [10, '2026-W46', 'nevenwerkzaamheden', 'answered', 'slack', 'medewerker'],
  [8, '2026-W46', 'nevenwerkzaamheden', 'abstained', 'teams', 'medewerker'],
  [2, '2026-W47', 'melden', 'handed-off', 'web', 'medewerker'],
  [5, '2026-W44', 'nevenwerkzaamheden', 'answered', 'teams', 'medewerker'],
  [3, '2026-W44', 'geschenken', 'abstained', 'teams', 'onbekend'],
  [6, '2026-W40', 'inkoop', 'answered', 'web', 'medewerker'],
  [1, '2026-W40', 'inkoop', 'abstained', 'web', 'medewerker'],
  [9, '2026-W30', 'geschenken', 'answered', 'teams', 'medewerker'],
  // Steady background volume, so that plenty can be shown and the attacker has numbers to work with.
  ...['2026-W37', '2026-W38', '2026-W39', '2026-W41', '2026-W42', '2026-W43', '2026-W45'].flatMap((week): [number, string, Q["topic"], Q["outcome"], Q["channel"], Q["audience"]][] => [
    [15, week, 'geschenken', 'answered', 'teams', 'medewerker'],
    [8, week, 'nevenwerkzaamheden', 'answered', 'slack', 'medewerker'],
  ]),
];
const FEEDBACK: [number, string, 'up' | 'down', Q['channel'], Q['audience']][] = [
  [3, '2026-W48', 'up', 'teams', 'medewerker'],
  [20, '2026-W47', 'up', 'teams', 'medewerker'],
  [6, '2026-W46', 'down', 'teams', 'medewerker'],
  [6, '2026-W47', 'up', 'slack', 'leidinggevende'],
  [1, '2026-W47', 'down', 'slack', 'leidinggevende'],
  [2, '2026-W44', 'down', 'teams', 'medewerker'],
];

/** A finest cell. Questions and feedback are separate kinds; `x` is the outcome or the vote. */
interface Fine {
  kind: 'q' | 'f';
  w: string;
  t: string;
  x: string;
  c: string;
  a: string;
}
/** What a published cell counts: each dimension is either free (undefined) or a set of allowed values. */
interface Pred {
  kind: 'q' | 'f';
  w: Set<string>;
  t?: Set<string>;
  x?: Set<string>;
  c?: Set<string>;
  a?: Set<string>;
}
const matches = (p: Pred, f: Fine) =>
  p.kind === f.kind && p.w.has(f.w) && (!p.t || p.t.has(f.t)) && (!p.x || p.x.has(f.x)) && (!p.c || p.c.has(f.c)) && (!p.a || p.a.has(f.a));

interface Fact {
  where: string;
  pred: Pred;
  lo: number;
  hi: number;
  suppressed: boolean;
}

const byLabel = (labels: Record<string, string>) => new Map(Object.entries(labels).map(([key, label]) => [label, key]));
const TOPIC = byLabel(TOPIC_LABELS);
const OUTCOME = byLabel(OUTCOME_LABELS);
const VOTE = byLabel(VOTE_LABELS);

/** Narrows a predicate by one row or column label; false when the label is a derived figure (a share). */
function narrow(p: Pred, label: string): boolean {
  if (/^(Totaal|Alle vragen|Aantal|Vragen|Feedback)$/.test(label)) return true;
  if (/^Aandeel/.test(label)) return false;
  if (/^\d{4}-W\d{2}$/.test(label)) {
    if (!p.w.has(label)) throw new Error(`week ${label} outside the view's period`);
    p.w = new Set([label]);
    return true;
  }
  const topic = TOPIC.get(label);
  if (topic) return (p.t = new Set([topic])), true;
  const outcome = OUTCOME.get(label);
  if (outcome && p.kind === 'q') return (p.x = new Set([outcome])), true;
  const vote = VOTE.get(label);
  if (vote && p.kind === 'f') return (p.x = new Set([vote])), true;
  throw new Error(`the attacker cannot place label "${label}"`);
}

/** Tables that list every topic with at least one question in the view (the top-10 gap list does not). */
const TOPIC_ROWS = /^(Onderwerpen|Uitkomsten per onderwerp|Kennishiaten per onderwerp)/;

/** The facts of one CSV: table title decides the kind (and for the gap tables, the outcome). */
function facts(csv: string, view: { weeks: number; channel: string; audience: string }): Fact[] {
  const out: Fact[] = [];
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l && !l.startsWith('#')).slice(1);
  // A table with a row per topic leaves out the topics with nothing in them: those are published zeros too.
  const rowsOf = new Map<string, Set<string>>();
  for (const line of lines) {
    const [table, row] = line.split(';') as [string, string];
    if (TOPIC_ROWS.test(table)) rowsOf.set(table, (rowsOf.get(table) ?? new Set()).add(row));
  }
  for (const [table, rows] of rowsOf) {
    for (const [topic, label] of Object.entries(TOPIC_LABELS)) {
      if (rows.has(label)) continue;
      lines.push([table, label, 'Totaal', '0'].join(';'));
    }
  }
  for (const line of lines) {
    const [table, row, col, value] = line.split(';').map((f) => f.replace(/^"|"$/g, '').replace(/""/g, '"')) as [string, string, string, string];
    const pred: Pred = {
      kind: /feedback/i.test(table) && !/Kerncijfers/.test(table) ? 'f' : 'q',
      w: new Set(WEEKS.slice(52 - view.weeks)),
      ...(view.channel !== 'alle' ? { c: new Set([view.channel]) } : {}),
      ...(view.audience !== 'alle' ? { a: new Set([view.audience]) } : {}),
    };
    if (/^Kennishiaten per/.test(table)) pred.x = new Set(['abstained']);
    if (/Kerncijfers/.test(table) && /feedback|nuttig/i.test(row)) pred.kind = 'f';
    if (!narrow(pred, row) || !narrow(pred, col)) continue;
    const where = `${view.weeks}w/${view.channel}/${view.audience}: ${table} | ${row} | ${col} = ${value}`;
    if (value === '–') continue;
    if (value === `< ${K}`) out.push({ where, pred, lo: 1, hi: K - 1, suppressed: true });
    else if (value === '×') out.push({ where, pred, lo: K, hi: Infinity, suppressed: true });
    else if (/^\d+$/.test(value)) out.push({ where, pred, lo: Number(value), hi: Number(value), suppressed: false });
    else if (/%$/.test(value)) continue;
    else throw new Error(`unknown cell value "${value}" at ${where}`);
  }
  return out;
}

/** Interval propagation over "lo <= sum(vars) <= hi"; false on a contradiction. Mutates lo/hi. */
function propagate(cons: { vars: number[]; lo: number; hi: number }[], lo: number[], hi: number[], byVar: number[][]): boolean {
  const queue = new Set(cons.keys());
  while (queue.size) {
    const ci = queue.values().next().value as number;
    queue.delete(ci);
    const con = cons[ci]!;
    let sumLo = 0;
    let sumHi = 0;
    for (const v of con.vars) {
      sumLo += lo[v]!;
      sumHi += hi[v]!;
    }
    if (sumLo > con.hi || sumHi < con.lo) return false;
    for (const v of con.vars) {
      const newHi = Math.min(hi[v]!, con.hi - (sumLo - lo[v]!));
      const newLo = Math.max(lo[v]!, con.lo - (sumHi - hi[v]!));
      if (newLo > newHi) return false;
      if (newHi < hi[v]! || newLo > lo[v]!) {
        sumLo += newLo - lo[v]!;
        sumHi = sumHi === Infinity ? Infinity : sumHi + newHi - hi[v]!;
        lo[v] = newLo;
        hi[v] = newHi;
        for (const other of byVar[v]!) if (other !== ci) queue.add(other);
      }
    }
  }
  return true;
}

let tmp: string;
let store: TrendStore;
let server: ReturnType<express.Express['listen']>;
let base: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-audit-'));
  store = openSqliteStore({ path: path.join(tmp, 'trends.sqlite') });
  for (const [n, week, topic, outcome, channel, audience] of QUESTIONS) {
    for (let i = 0; i < n; i++) store.record({ kind: 'question', week, topic, outcome, intent: intentOf(outcome), channel, audience });
  }
  for (const [n, week, vote, channel, audience] of FEEDBACK) {
    for (let i = 0; i < n; i++) store.record({ kind: 'feedback', week, topic: 'geschenken', intent: 'advice', outcome: 'answered', channel, audience, vote });
  }
  const app = express();
  app.use(createDashboard({ store, config: { k: K, dashboard: { username: 'coordinator', password: 'audit-only-password' } }, now: () => NOW }).router!);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('disclosure audit across every view', () => {
  it('no combination of views, periods, filters and CSV exports pins a suppressed cell to 1..k-1', async () => {
    const all: Fact[] = [];
    for (const weeks of WEEK_CHOICES) {
      for (const channel of ['alle', ...CHANNELS]) {
        for (const audience of ['alle', ...TREND_AUDIENCES]) {
          const res = await fetch(`${base}/dashboard/export.csv?weeks=${weeks}&channel=${channel}&audience=${audience}`, { headers: { authorization: AUTH } });
          expect(res.status).toBe(200);
          all.push(...facts(await res.text(), { weeks, channel, audience }));
        }
      }
    }
    // The attack needs the unfiltered 52-week view at least; a release that shows nothing would pass trivially.
    expect(all.filter((f) => !f.suppressed && f.lo > 0).length).toBeGreaterThan(20);

    // The truth, as finest cells.
    const truth = new Map<string, number>();
    const fkey = (f: Fine) => [f.kind, f.w, f.t, f.x, f.c, f.a].join('|');
    for (const [n, w, t, o, c, a] of QUESTIONS) truth.set(fkey({ kind: 'q', w, t, x: o, c, a }), (truth.get(fkey({ kind: 'q', w, t, x: o, c, a })) ?? 0) + n);
    for (const [n, w, v, c, a] of FEEDBACK) truth.set(fkey({ kind: 'f', w, t: '*', x: v, c, a }), n);

    // Candidate finest cells: every combination no published zero rules out. Dimension by dimension, so a zero
    // that covers a whole branch (a week, a topic in a week, ...) prunes it at once.
    const zeros = all.filter((f) => f.hi === 0).map((f) => f.pred);
    const vars: Fine[] = [];
    const dims: [keyof Fine, (kind: 'q' | 'f') => readonly string[]][] = [
      ['w', () => WEEKS],
      ['t', (kind) => (kind === 'q' ? TREND_TOPICS : ['*'])],
      ['x', (kind) => (kind === 'q' ? OUTCOMES : VOTES)],
      ['c', () => CHANNELS],
      ['a', () => TREND_AUDIENCES],
    ];
    const grow = (partial: Partial<Fine> & { kind: 'q' | 'f' }, depth: number, live: Pred[]) => {
      // A zero whose remaining dimensions are all free covers everything below this point.
      if (live.some((z) => dims.slice(depth).every(([d]) => d === 'w' ? false : (z as unknown as Record<string, unknown>)[d] === undefined))) return;
      if (depth === dims.length) return void vars.push(partial as Fine);
      const [dim, values] = dims[depth]!;
      for (const value of values(partial.kind)) {
        const next = live.filter((z) => {
          const set = (z as unknown as Record<string, Set<string> | undefined>)[dim];
          return dim === 't' && partial.kind === 'f' ? true : !set || set.has(value);
        });
        grow({ ...partial, [dim]: value }, depth + 1, next);
      }
    };
    grow({ kind: 'q' }, 0, zeros.filter((z) => z.kind === 'q'));
    grow({ kind: 'f' }, 0, zeros.filter((z) => z.kind === 'f'));
    for (const key of truth.keys()) expect(vars.some((v) => fkey(v) === key), key).toBe(true);
    const cons = all.filter((f) => f.hi > 0).map((f) => ({ ...f, vars: vars.flatMap((v, i) => (matches(f.pred, v) ? [i] : [])) }));
    const byVar: number[][] = vars.map(() => []);
    cons.forEach((con, ci) => con.vars.forEach((v) => byVar[v]!.push(ci)));
    const truthOf = vars.map((v) => truth.get(fkey(v)) ?? 0);
    for (const con of cons) {
      const sum = con.vars.reduce((s, v) => s + truthOf[v]!, 0);
      expect(sum >= con.lo && sum <= con.hi, `the truth fits ${con.where}`).toBe(true);
    }

    // Presolve: interval propagation from the published facts; cells it fixes are constants from here on.
    const lo = vars.map(() => 0);
    const cap = Math.max(...cons.filter((c) => Number.isFinite(c.hi)).map((c) => c.hi));
    const hi = vars.map(() => cap);
    expect(propagate(cons, lo, hi, byVar)).toBe(true);
    const free = vars.map((_, i) => i).filter((i) => lo[i] !== hi[i]);
    const col = new Map(free.map((v, j) => [v, j]));
    // Rows "a·y <= b" in y = x - truth, split y = y⁺ - y⁻ (columns j and n + j); the truth is y = 0, feasible.
    const n = free.length;
    const rows: { a: Map<number, number>; b: number }[] = [];
    const seenRow = new Set<string>();
    const addRow = (a: Map<number, number>, b: number) => {
      if (!Number.isFinite(b) || a.size === 0) return;
      const id = `${[...a].sort((x, y) => x[0] - y[0]).join(';')}<=${b}`;
      if (!seenRow.has(id)) seenRow.add(id), rows.push({ a, b });
    };
    for (const con of cons) {
      const a = new Map<number, number>();
      let sumTruth = 0;
      for (const v of con.vars) {
        sumTruth += truthOf[v]!;
        const j = col.get(v);
        if (j !== undefined) a.set(j, 1).set(n + j, -1);
      }
      addRow(a, con.hi - sumTruth);
      addRow(new Map([...a].map(([j, w]) => [j, -w])), sumTruth - con.lo);
    }
    free.forEach((v, j) => {
      addRow(new Map([[j, 1]]), hi[v]! - truthOf[v]!);
      addRow(new Map([[n + j, 1]]), truthOf[v]! - lo[v]!);
    });

    /** max c·y over the rows, by the simplex method with Bland's rule from the slack basis (y = 0 is feasible). */
    const maximise = (c: Map<number, number>): number => {
      const m = rows.length;
      const width = 2 * n + m + 1;
      const T = rows.map((r, i) => {
        const row = new Float64Array(width);
        for (const [j, w] of r.a) row[j] = w;
        row[2 * n + i] = 1;
        row[width - 1] = r.b;
        return row;
      });
      const z = new Float64Array(width);
      for (const [j, w] of c) z[j] = -w;
      const basis = rows.map((_, i) => 2 * n + i);
      for (let iter = 0; iter < 50_000; iter++) {
        let enter = -1;
        for (let j = 0; j < width - 1; j++) if (z[j]! < -1e-9) { enter = j; break; }
        if (enter < 0) return z[width - 1]!;
        let leave = -1;
        let best = Infinity;
        for (let i = 0; i < m; i++) {
          const a = T[i]![enter]!;
          if (a <= 1e-9) continue;
          const ratio = T[i]![width - 1]! / a;
          if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && basis[i]! < basis[leave]!)) (best = ratio), (leave = i);
        }
        if (leave < 0) return Infinity;
        const pivot = T[leave]!;
        const f = pivot[enter]!;
        for (let j = 0; j < width; j++) pivot[j]! /= f;
        for (const row of [...T, z]) {
          if (row === pivot) continue;
          const g = row[enter]!;
          if (Math.abs(g) <= 1e-12) continue;
          for (let j = 0; j < width; j++) row[j]! -= g * pivot[j]!;
        }
        basis[leave] = enter;
      }
      throw new Error('simplex did not finish');
    };

    /** The feasibility interval of sum(target), relative to its true value: [-maximise(-y), maximise(y)]. */
    const room = (target: number[]): [number, number] => {
      const c = new Map<number, number>();
      for (const v of target) {
        const j = col.get(v);
        if (j !== undefined) c.set(j, (c.get(j) ?? 0) + 1).set(n + j, (c.get(n + j) ?? 0) - 1);
      }
      if (c.size === 0) return [0, 0];
      return [-maximise(new Map([...c].map(([j, w]) => [j, -w]))), maximise(c)];
    };
    const alternative = (target: number[]): boolean => {
      const [down, up] = room(target);
      return down < -1e-6 || up > 1e-6;
    };

    const pinned: string[] = [];
    vars.forEach((v, i) => {
      const value = truthOf[i]!;
      if (value >= 1 && value < K && !alternative([i])) pinned.push(`finest cell ${fkey(v)} = ${value}`);
    });
    const seen = new Set<string>();
    for (const con of cons) {
      if (!con.suppressed) continue;
      const value = con.vars.reduce((s, v) => s + truthOf[v]!, 0);
      const id = con.vars.join(',');
      if (value < 1 || value >= K || seen.has(id)) continue;
      seen.add(id);
      if (!alternative(con.vars)) pinned.push(`${con.where} is exactly ${value}`);
    }
    expect(pinned).toEqual([]);
  }, 120_000);
});

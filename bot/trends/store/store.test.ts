/**
 * One suite, run against a real SQLite file and a real PostgreSQL (throwaway cluster or TEST_DATABASE_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import type { TrendEvent } from '../types.js';
import { createPostgresStore, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { TrendStore } from './types.js';

const postgres: TestPostgres | undefined = await startTestPostgres();
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-store-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await postgres?.stop();
});

interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated store plus a way to reopen the same database. */
  fresh(): Promise<{ store: TrendStore; reopen: () => Promise<TrendStore>; versions: () => Promise<number[]> }>;
  /** A store whose database is unreachable from the start. */
  down(): Promise<TrendStore>;
}

let n = 0;
const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const file = path.join(tmp, `t${n++}`, 'trends.sqlite');
    return {
      store: openSqliteStore({ path: file }),
      reopen: async () => openSqliteStore({ path: file }),
      versions: async () => {
        const db = new Database(file, { readonly: true });
        try {
          return (db.prepare('SELECT version FROM migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
        } finally {
          db.close();
        }
      },
    };
  },
  async down() {
    const store = openSqliteStore({ path: path.join(tmp, `down${n++}.sqlite`) });
    await store.close();
    return store;
  },
};
const postgresBackend: Backend = {
  name: 'postgres',
  async fresh() {
    const url = await postgres!.createDatabase();
    return {
      store: await openPostgresStore({ url }),
      reopen: () => openPostgresStore({ url }),
      versions: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          const { rows } = await c.query('SELECT version FROM migrations ORDER BY version');
          return rows.map((r: { version: number }) => Number(r.version));
        } finally {
          await c.end();
        }
      },
    };
  },
  async down() {
    return createPostgresStore({ url: await postgres!.deadUrl() });
  },
};

const backends = postgres ? [sqlite, postgresBackend] : [sqlite];

const q = (over: Partial<TrendEvent> = {}): TrendEvent => ({
  week: '2026-W47',
  kind: 'question',
  topic: 'geschenken',
  intent: 'advice',
  outcome: 'answered',
  channel: 'slack',
  audience: 'medewerker',
  ...over,
});

describe.each(backends)('trend store on $name', (backend) => {
  it('keeps one counted row per label combination, not a row per event', async () => {
    const { store } = await backend.fresh();
    for (let i = 0; i < 7; i++) store.record(q());
    store.record(q({ topic: 'melden', intent: 'handoff', outcome: 'handed-off' }));
    store.record(q({ kind: 'feedback', vote: 'up' }));
    store.record(q({ kind: 'feedback', vote: 'down' }));
    store.record(q({ kind: 'feedback', vote: 'down' }));
    await store.settled();
    const rows = await store.query({ fromWeek: '2026-W01', toWeek: '2026-W53' });
    const find = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred);
    expect(rows).toHaveLength(4);
    expect(find((r) => r.kind === 'question' && r.topic === 'geschenken')[0]?.count).toBe(7);
    expect(find((r) => r.topic === 'melden')[0]).toMatchObject({ outcome: 'handed-off', count: 1, vote: null });
    expect(find((r) => r.vote === 'down')[0]?.count).toBe(2);
    expect(find((r) => r.vote === 'up')[0]?.count).toBe(1);
    expect(store.metrics()).toEqual({ recorded: 11, dropped: 0, rejected: 0 });
    await store.close();
  });

  it('filters by week range, channel and audience', async () => {
    const { store } = await backend.fresh();
    store.record(q({ week: '2026-W40' }));
    store.record(q({ week: '2026-W45', channel: 'teams' }));
    store.record(q({ week: '2026-W45', audience: 'leidinggevende' }));
    store.record(q({ week: '2026-W48' }));
    await store.settled();
    const total = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);
    expect(total(await store.query({ fromWeek: '2026-W41', toWeek: '2026-W47' }))).toBe(2);
    expect(total(await store.query({ fromWeek: '2026-W40', toWeek: '2026-W48', channel: 'teams' }))).toBe(1);
    expect(total(await store.query({ fromWeek: '2026-W40', toWeek: '2026-W48', audience: 'leidinggevende' }))).toBe(1);
    expect(total(await store.query({ fromWeek: '2026-W40', toWeek: '2026-W48', channel: 'slack', audience: 'medewerker' }))).toBe(2);
    await store.close();
  });

  it('refuses free text, unknown fields and unknown labels without throwing, and counts them', async () => {
    const { store } = await backend.fresh();
    const bad: unknown[] = [
      { ...q(), text: 'mag ik deze fles wijn houden?' },
      { ...q(), userId: 'U123' },
      { ...q(), topic: 'mag ik deze fles wijn houden?' },
      { ...q(), week: '2026-11-26T10:00:00Z' },
      { ...q(), vote: 'up' }, // a question carries no vote
      { ...q(), kind: 'feedback' }, // feedback without a vote
      { ...q(), kind: 'feedback', vote: 'meh' },
      'free text',
      null,
    ];
    for (const e of bad) expect(() => store.record(e as TrendEvent)).not.toThrow();
    await store.settled();
    expect(await store.query({ fromWeek: '2000-W01', toWeek: '2099-W53' })).toEqual([]);
    expect(store.metrics()).toEqual({ recorded: 0, dropped: 0, rejected: bad.length });
    await store.close();
  });

  it('runs migrations once and is idempotent on reopen', async () => {
    const { store, reopen, versions } = await backend.fresh();
    store.record(q());
    await store.close();
    expect(await versions()).toEqual([1, 2]);
    const again = await reopen();
    const third = await reopen();
    expect(await versions()).toEqual([1, 2]);
    again.record(q());
    await again.settled();
    const rows = await again.query({ fromWeek: '2026-W47', toWeek: '2026-W47' });
    expect(rows[0]?.count).toBe(2); // data survived the re-run
    await again.close();
    await third.close();
  });

  it('reports health', async () => {
    const { store } = await backend.fresh();
    expect(await store.health()).toEqual({ ok: true });
    await store.close();
    expect(await store.health()).toEqual({ ok: false, reason: 'closed' });
  });

  it('logs a dropped event with an error class and code, never a bare Error and never the event', async () => {
    const lines: string[] = [];
    const log = createLogger({ destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    const { store } = backend.name === 'sqlite' ? { store: openSqliteStore({ path: path.join(tmp, `log${n++}.sqlite`), log }) } : { store: await openPostgresStore({ url: await postgres!.createDatabase(), log }) };
    await store.close();
    store.record(q({ topic: 'klokkenluiders' }));
    await store.settled();
    const dropped = lines.map((l) => JSON.parse(l) as { event?: string; err?: { type: string; code?: string } }).find((l) => l.event === 'trends.dropped');
    expect(dropped?.err).toEqual({ type: 'TrendStoreError', code: 'TRENDS_CLOSED' });
    expect(lines.join('')).not.toContain('klokkenluiders');
  });

  it('drops and counts events when the store is down, never throws', async () => {
    const store = await backend.down();
    for (let i = 0; i < 3; i++) expect(() => store.record(q())).not.toThrow();
    await store.settled();
    expect(store.dropped).toBe(3);
    expect(store.metrics()).toEqual({ recorded: 0, dropped: 3, rejected: 0 });
    const health = await store.health();
    expect(health.ok).toBe(false);
    await store.close();
  });
});

describe.runIf(postgres)('postgres specifics', () => {
  it('refuses to open with a clear error that does not echo the URL', async () => {
    const url = (await postgres!.deadUrl()).replace('postgres@', 'postgres:s3cret@');
    const err = await openPostgresStore({ url }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/PostgreSQL from DATABASE_URL is not usable \(ECONNREFUSED\)/);
    expect((err as Error).message).not.toContain('s3cret');
  });

  /** Resolves to 'settled' when the store's pending writes end before `ms`, else 'hung'. */
  const settlesWithin = (store: { settled(): Promise<void> }, ms: number) =>
    Promise.race([store.settled().then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);

  it('ends a write that waits on a locked table at its deadline, with a code in the log', async () => {
    const url = await postgres!.createDatabase();
    const lines: string[] = [];
    const log = createLogger({ destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    const store = await openPostgresStore({ url, log, writeTimeoutMs: 300 });
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE trend_counts IN ACCESS EXCLUSIVE MODE');
      store.record(q());
      expect(await settlesWithin(store, 3000)).toBe('settled');
      expect(store.dropped).toBe(1);
      const err = lines.map((l) => JSON.parse(l) as { event?: string; err?: { type: string; code?: string } }).find((l) => l.event === 'trends.dropped')?.err;
      expect(err?.type).not.toBe('Error');
      expect(['57014', 'TRENDS_WRITE_TIMEOUT']).toContain(err?.code);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await store.close();
    }
  });

  it('ends a write to a server that accepts and never answers, and close() does not hang', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const store = createPostgresStore({ url: `postgres://postgres@127.0.0.1:${port}/trends`, writeTimeoutMs: 300 });
      store.record(q());
      expect(await settlesWithin(store, 2000)).toBe('settled');
      expect(store.dropped).toBe(1);
      expect(await Promise.race([store.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('hung'), 2000).unref())])).toBe('closed');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('reports the connection failure reason on a dead port', async () => {
    const store = createPostgresStore({ url: await postgres!.deadUrl() });
    expect(await store.health()).toEqual({ ok: false, reason: 'ECONNREFUSED' });
    await store.close();
  });
});

/** The default trend store: one SQLite file under the data directory, written synchronously (microseconds). */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorSummary, type Logger } from '../../log.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { accept, eventParams, filterSql, SELECT_COUNTS, storeFailure, toCount, TrendStoreError } from './common.js';
import type { Health, TrendCount, TrendFilters, TrendStore, TrendStoreMetrics } from './types.js';

/** The table whose presence marks a demo store. Only `markDemo` creates it; a real store never has it. */
const DEMO_MARK = 'trend_demo';

export function openSqliteStore(opts: { path: string; log?: Logger; markDemo?: boolean }): TrendStore {
  fs.mkdirSync(path.dirname(path.resolve(opts.path)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(opts.path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 2000');
    migrateSqlite(db);
    if (opts.markDemo) db.exec(`CREATE TABLE IF NOT EXISTS ${DEMO_MARK} (note TEXT NOT NULL); INSERT INTO ${DEMO_MARK} VALUES ('made-up events')`);
  } catch (e) {
    throw new Error(`trend store: cannot open SQLite file ${opts.path} (${errorSummary(e).code ?? errorSummary(e).type})`);
  }
  return new SqliteTrendStore(db, opts.log);
}

/** Whether an existing SQLite file is a demo store (without changing it); false when it does not exist. */
export function isDemoFile(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(DEMO_MARK) !== undefined;
  } finally {
    db.close();
  }
}

export function migrateSqlite(db: Database.Database): number[] {
  db.exec(MIGRATIONS_TABLE);
  const applied = new Set(
    (db.prepare('SELECT version FROM migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const ran: number[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
    ran.push(m.version);
  }
  return ran;
}

class SqliteTrendStore implements TrendStore {
  readonly kind = 'sqlite' as const;
  private readonly counters: TrendStoreMetrics = { recorded: 0, dropped: 0, rejected: 0 };
  private readonly upsert: Database.Statement;
  private closed = false;
  readonly demo: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly log?: Logger,
  ) {
    this.demo = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(DEMO_MARK) !== undefined;
    this.upsert = db.prepare(
      `INSERT INTO trend_counts (week, kind, topic, intent, outcome, channel, audience, vote, count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (week, kind, topic, intent, outcome, channel, audience, vote) DO UPDATE SET count = count + 1`,
    );
  }

  get dropped(): number {
    return this.counters.dropped;
  }

  metrics(): TrendStoreMetrics {
    return { ...this.counters };
  }

  record(input: TrendEventLike): void {
    try {
      const event = accept(input, this.counters, this.log, this.kind);
      if (!event) return;
      if (this.closed) throw new TrendStoreError('TRENDS_CLOSED');
      this.upsert.run(...eventParams(event));
      this.counters.recorded += 1;
    } catch (e) {
      this.counters.dropped += 1;
      this.log?.warn({ event: 'trends.dropped', store: this.kind, err: storeFailure(e) }, 'trend event dropped');
    }
  }

  async query(filters: TrendFilters): Promise<TrendCount[]> {
    const { where, params } = filterSql(filters, () => '?');
    const rows = this.db.prepare(`${SELECT_COUNTS} WHERE ${where}`).all(...params) as Record<string, unknown>[];
    return rows.map(toCount);
  }

  async health(): Promise<Health> {
    if (this.closed) return { ok: false, reason: 'closed' };
    try {
      this.db.prepare('SELECT 1').get();
      return { ok: true };
    } catch (e) {
      const s = errorSummary(e);
      return { ok: false, reason: s.code ?? s.type };
    }
  }

  async settled(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

type TrendEventLike = Parameters<TrendStore['record']>[0];

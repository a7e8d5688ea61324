/**
 * PostgreSQL trend store, for several bot replicas sharing one set of counts. Writes are fire-and-forget: the
 * answer never waits, a failed write is dropped and counted, and when too many writes are already in flight the
 * new one is dropped rather than queued.
 */
import pg from 'pg';
import { errorSummary, type Logger } from '../../log.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { accept, eventParams, filterSql, SELECT_COUNTS, toCount } from './common.js';
import type { Health, TrendCount, TrendFilters, TrendStore, TrendStoreMetrics } from './types.js';

const MAX_IN_FLIGHT = 64;
/** Any constant: serialises migrations when several replicas start at once. */
const MIGRATION_LOCK = 471_102_026;

const UPSERT = `INSERT INTO trend_counts (week, kind, topic, intent, outcome, channel, audience, vote, count)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
  ON CONFLICT (week, kind, topic, intent, outcome, channel, audience, vote)
  DO UPDATE SET count = trend_counts.count + 1`;

/** Connects, migrates and returns the store; the error names the cause but never echoes the URL (password). */
export async function openPostgresStore(opts: { url: string; log?: Logger }): Promise<TrendStore> {
  const store = createPostgresStore(opts);
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    const s = errorSummary(e);
    throw new Error(`trend store: PostgreSQL from DATABASE_URL is not usable (${s.code ?? s.type})`);
  }
  return store;
}

/** Without migrating: for tests of a store that is down from the start. */
export function createPostgresStore(opts: { url: string; log?: Logger }): PostgresTrendStore {
  return new PostgresTrendStore(opts.url, opts.log);
}

export class PostgresTrendStore implements TrendStore {
  readonly kind = 'postgres' as const;
  private readonly counters: TrendStoreMetrics = { recorded: 0, dropped: 0, rejected: 0 };
  private readonly pool: pg.Pool;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    url: string,
    private readonly log?: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the bot; the next write simply fails and is counted.
    this.pool.on('error', (e) => this.log?.warn({ event: 'trends.pool_error', err: e }, 'trend store connection lost'));
  }

  get dropped(): number {
    return this.counters.dropped;
  }

  metrics(): TrendStoreMetrics {
    return { ...this.counters };
  }

  async migrate(): Promise<number[]> {
    const client = await this.pool.connect();
    const ran: number[] = [];
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM migrations');
      const applied = new Set(rows.map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await client.query(m.postgres);
        await client.query('INSERT INTO migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        ran.push(m.version);
      }
      await client.query('COMMIT');
      return ran;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  record(input: Parameters<TrendStore['record']>[0]): void {
    try {
      const event = accept(input, this.counters, this.log, this.kind);
      if (!event) return;
      if (this.closed || this.inFlight.size >= MAX_IN_FLIGHT) {
        this.drop(new Error(this.closed ? 'store closed' : 'too many writes in flight'));
        return;
      }
      const write: Promise<void> = this.pool.query(UPSERT, eventParams(event)).then(
        () => {
          this.counters.recorded += 1;
        },
        (e: unknown) => this.drop(e),
      );
      this.inFlight.add(write);
      void write.finally(() => this.inFlight.delete(write));
    } catch (e) {
      this.drop(e);
    }
  }

  private drop(e: unknown): void {
    this.counters.dropped += 1;
    this.log?.warn({ event: 'trends.dropped', store: this.kind, err: e }, 'trend event dropped');
  }

  async query(filters: TrendFilters): Promise<TrendCount[]> {
    const { where, params } = filterSql(filters, (i) => `$${i}`);
    const { rows } = await this.pool.query(`${SELECT_COUNTS} WHERE ${where}`, params);
    return rows.map((r: Record<string, unknown>) => toCount(r));
  }

  async health(): Promise<Health> {
    if (this.closed) return { ok: false, reason: 'closed' };
    try {
      await this.pool.query('SELECT 1');
      return { ok: true };
    } catch (e) {
      const s = errorSummary(e);
      return { ok: false, reason: s.code ?? s.type };
    }
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settled();
    await this.pool.end();
  }
}

/**
 * PostgreSQL trend store, for several bot replicas sharing one set of counts. Writes are fire-and-forget: the
 * answer never waits, a failed write is dropped and counted, and when too many writes are already in flight the
 * new one is dropped rather than queued.
 */
import pg from 'pg';
import { errorSummary, type Logger } from '../../log.js';
import { withDeadline } from '../../server/deadline.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { accept, eventParams, filterSql, SELECT_COUNTS, storeFailure, toCount, TrendStoreError } from './common.js';
import type { Health, TrendCount, TrendFilters, TrendStore, TrendStoreMetrics } from './types.js';

const MAX_IN_FLIGHT = 64;
/**
 * How long one write may take. A hung PostgreSQL (a lock, a server that accepts and never answers) must not hold a
 * reply's event, the in-flight slots or shutdown: the server cancels the statement (statement_timeout), the client
 * gives up on the connection and the query, and a deadline of our own ends the write whatever the driver does.
 */
export const WRITE_TIMEOUT_MS = 2000;
/** Any constant: serialises migrations when several replicas start at once. */
const MIGRATION_LOCK = 471_102_026;

const UPSERT = `INSERT INTO trend_counts (week, kind, topic, intent, outcome, channel, audience, vote, count)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
  ON CONFLICT (week, kind, topic, intent, outcome, channel, audience, vote)
  DO UPDATE SET count = trend_counts.count + 1`;

/** Connects, migrates and returns the store; the error names the cause but never echoes the URL (password). */
interface PostgresOptions {
  url: string;
  log?: Logger;
  writeTimeoutMs?: number;
}

export async function openPostgresStore(opts: PostgresOptions): Promise<TrendStore> {
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
export function createPostgresStore(opts: PostgresOptions): PostgresTrendStore {
  return new PostgresTrendStore(opts.url, opts.log, opts.writeTimeoutMs ?? WRITE_TIMEOUT_MS);
}

export class PostgresTrendStore implements TrendStore {
  readonly kind = 'postgres' as const;
  readonly demo = false;
  private readonly counters: TrendStoreMetrics = { recorded: 0, dropped: 0, rejected: 0 };
  private readonly pool: pg.Pool;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger | undefined,
    private readonly writeTimeoutMs: number,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: Math.min(3000, writeTimeoutMs),
      idleTimeoutMillis: 30_000,
      statement_timeout: writeTimeoutMs,
    });
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
      // Another replica may hold the migration lock for a while; the write deadline is not meant for this.
      await client.query("SET LOCAL statement_timeout = '60s'");
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
        this.drop(new TrendStoreError(this.closed ? 'TRENDS_CLOSED' : 'TRENDS_OVERLOADED'));
        return;
      }
      // pg reads query_timeout per query (client side); its type definitions only list it for the pool.
      const config = { text: UPSERT, values: eventParams(event), query_timeout: this.writeTimeoutMs + 500 } as pg.QueryConfig;
      const query: Promise<'done' | TrendStoreError> = this.pool.query(config).then(
        () => 'done' as const,
        (e: unknown) => storeFailure(e),
      );
      const write: Promise<void> = withDeadline(query, this.writeTimeoutMs + 1000, () => new TrendStoreError('TRENDS_WRITE_TIMEOUT')).then(
        (outcome) => {
          if (outcome === 'done') this.counters.recorded += 1;
          else this.drop(outcome);
        },
      );
      this.inFlight.add(write);
      void write.finally(() => this.inFlight.delete(write));
    } catch (e) {
      this.drop(e);
    }
  }

  private drop(e: unknown): void {
    this.counters.dropped += 1;
    this.log?.warn({ event: 'trends.dropped', store: this.kind, err: storeFailure(e) }, 'trend event dropped');
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

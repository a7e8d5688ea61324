/**
 * Counters every replica must agree on (chat quota, contact and feedback limits, login lockout, "once per reply"),
 * on rate-limiter-flexible: in PostgreSQL when DATABASE_URL is set, so N replicas give one quota and not N,
 * in memory otherwise. When PostgreSQL fails, each limiter falls back to its own memory limiter (the library's
 * insurance limiter): limits stay on per replica rather than failing open or refusing everyone.
 *
 * Keys are HMACs, never the raw key: a table row shows neither an address nor a user id.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { errorSummary, type Logger } from '../log.js';

export interface QuotaOptions {
  /** Distinguishes the counters in the shared table ("chat", "contact", …). */
  name: string;
  points: number;
  durationSec: number;
}

export interface Taken {
  ok: boolean;
  /** Points used in the current window, this one included. */
  consumed: number;
  /** Whole seconds until the key has points again (0 when ok). */
  retryAfterSec: number;
}

export interface Quota {
  /** Uses one point; counted before the caller does the work, so parallel requests cannot overtake the count. */
  take(key: string): Promise<Taken>;
  /** Refuses the key for `seconds` (login back-off). */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets the key (a successful login; a notification that could not be sent). */
  reset(key: string): Promise<void>;
}

export interface QuotaStore {
  /** True when the counters live in PostgreSQL and are shared by every replica. */
  readonly shared: boolean;
  quota(options: QuotaOptions): Quota;
  close(): Promise<void>;
}

/** One table for every counter; rate-limiter-flexible creates it (key, points, expire) and clears expired rows. */
export const LIMITS_TABLE = 'integriteitsbot_limits';

export interface QuotaStoreOptions {
  /** postgres://… (the trend store's database); memory when absent. */
  databaseUrl?: string;
  /**
   * HMAC key for the counter keys. Replicas sharing PostgreSQL must agree on it (the server passes SEAL_KEYS, else
   * the database URL); a random per-process key otherwise.
   */
  secret?: string;
  log?: Logger;
}

export function createQuotaStore(options: QuotaStoreOptions = {}): QuotaStore {
  const secret = options.secret ?? crypto.randomBytes(32).toString('base64');
  const hmacKey = crypto.createHash('sha256').update(`integriteitsbot/limits\0${secret}`).digest();
  const hash = (name: string, key: string) => crypto.createHmac('sha256', hmacKey).update(`${name}\0${key}`).digest('base64url');
  const pool = options.databaseUrl ? new pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 2000 }) : undefined;
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool?.on('error', (e) => options.log?.warn({ event: 'limits-store-error', err: errorSummary(e) }));
  let fellBack = false;
  const unavailable = (e: unknown) => {
    // Without the table every call goes to the insurance limiter (this replica's memory); say so once.
    if (fellBack) return;
    fellBack = true;
    options.log?.error({ event: 'limits-store-unavailable', err: errorSummary(e) });
  };
  // The table is made once per store, before any limiter uses it. Each RateLimiterPostgres would otherwise run its
  // own CREATE TABLE IF NOT EXISTS at the same moment, and PostgreSQL answers concurrent ones with "already exists"
  // (42P07, 42710 or 23505): the losers fell back to memory, so the replicas no longer shared a quota.
  const table: Promise<boolean> = pool
    ? pool
        .query(`CREATE TABLE IF NOT EXISTS ${LIMITS_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`)
        .then(
          () => true,
          (e: { code?: string }) => {
            if (['42P07', '42710', '23505'].includes(e?.code ?? '')) return true; // another replica made it just now
            unavailable(e);
            return false;
          },
        )
    : Promise.resolve(false);

  /** The limiter once its table exists: PostgreSQL with this replica's memory as insurance, or memory alone. */
  function limiter(o: QuotaOptions): Promise<RateLimiterAbstract> {
    const base = { keyPrefix: o.name, points: o.points, duration: o.durationSec };
    const memory = new RateLimiterMemory(base);
    if (!pool) return Promise.resolve(memory);
    return table.then((ok) =>
      ok ? new RateLimiterPostgres({ ...base, storeClient: pool, storeType: 'pool', tableName: LIMITS_TABLE, tableCreated: true, insuranceLimiter: memory }) : memory,
    );
  }

  return {
    shared: Boolean(pool),
    quota(o) {
      // Awaited before every use: until the table exists every point would go to this replica's memory only.
      const ready = limiter(o);
      return {
        async take(key) {
          const rl = await ready;
          try {
            const r = await rl.consume(hash(o.name, key));
            return { ok: true, consumed: r.consumedPoints, retryAfterSec: 0 };
          } catch (e) {
            if (!(e instanceof RateLimiterRes)) throw e;
            return { ok: false, consumed: e.consumedPoints, retryAfterSec: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
          }
        },
        async block(key, seconds) {
          const rl = await ready;
          await rl.block(hash(o.name, key), seconds);
        },
        async reset(key) {
          const rl = await ready;
          await rl.delete(hash(o.name, key));
        },
      };
    },
    async close() {
      await pool?.end();
    },
  };
}

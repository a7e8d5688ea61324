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

  /** The limiter, and a promise that settles once its table exists (or could not be made). */
  function limiter(o: QuotaOptions): { rl: RateLimiterAbstract; ready: Promise<void> } {
    const base = { keyPrefix: o.name, points: o.points, duration: o.durationSec };
    const memory = new RateLimiterMemory(base);
    if (!pool) return { rl: memory, ready: Promise.resolve() };
    let settle!: () => void;
    const ready = new Promise<void>((resolve) => (settle = resolve));
    const rl = new RateLimiterPostgres(
      { ...base, storeClient: pool, storeType: 'pool', tableName: LIMITS_TABLE, insuranceLimiter: memory },
      (e?: unknown) => {
        // Without the table every call goes to the insurance limiter; say so once.
        if (e && !fellBack) {
          fellBack = true;
          options.log?.error({ event: 'limits-store-unavailable', err: errorSummary(e) });
        }
        settle();
      },
    );
    return { rl, ready };
  }

  return {
    shared: Boolean(pool),
    quota(o) {
      const { rl, ready } = limiter(o);
      return {
        async take(key) {
          // Until the table exists every point would go to this replica's memory only.
          await ready;
          try {
            const r = await rl.consume(hash(o.name, key));
            return { ok: true, consumed: r.consumedPoints, retryAfterSec: 0 };
          } catch (e) {
            if (!(e instanceof RateLimiterRes)) throw e;
            return { ok: false, consumed: e.consumedPoints, retryAfterSec: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
          }
        },
        async block(key, seconds) {
          await ready;
          await rl.block(hash(o.name, key), seconds);
        },
        async reset(key) {
          await ready;
          await rl.delete(hash(o.name, key));
        },
      };
    },
    async close() {
      await pool?.end();
    },
  };
}

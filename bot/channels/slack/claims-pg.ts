/**
 * The Slack claims (processed-event dedupe, replay guard) in PostgreSQL, so that several replicas behind one load
 * balancer answer a resent event once and refuse a replayed request whichever replica it reaches.
 * One small table of sha256 keys with an expiry: never an event's text, never a request body, not even the raw
 * event id. Every claim is one INSERT … ON CONFLICT, atomic across replicas.
 *
 * A claim sits on the path of Slack's 3-second acknowledgement, so the database gets one second; when it does not
 * answer, claims fall back to this replica's memory for half a minute (still one answer per replica) rather than
 * holding the acknowledgement or refusing the request.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { errorSummary, type Logger } from '../../log.js';
import { EVENT_CLAIM_MS, memoryClaims, type Claims, type ClaimStore } from './dedupe.js';

const TABLE = 'slack_claims';
/** Any constant shared by the replicas: serialises the CREATE TABLE of replicas starting together. */
const CREATE_LOCK = 0x51ac_c1a1;
const FALLBACK_MS = 30_000;
const PRUNE_EVERY_MS = 60_000;

export function createPgClaimStore(options: { url: string; log: Logger; replayTtlMs: number; now?: () => number }): ClaimStore {
  const { log } = options;
  const now = options.now ?? Date.now;
  const pool = new pg.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 1000, query_timeout: 1000, idleTimeoutMillis: 30_000 });
  pool.on('error', (e) => log.warn({ event: 'slack.claims_pool_error', err: errorSummary(e) }));
  let closed = false;
  let downUntil = 0;

  let table: Promise<void> | undefined;
  const ensureTable = () => {
    table ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (key text PRIMARY KEY, expires_at timestamptz NOT NULL)`);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    })().catch((e: unknown) => {
      table = undefined;
      throw e;
    });
    return table;
  };

  // Expired rows are only dead weight (a claim on an expired key takes it over); they are removed now and then.
  const prune = setInterval(() => {
    if (now() < downUntil) return;
    pool.query(`DELETE FROM ${TABLE} WHERE expires_at < now()`).catch(() => undefined);
  }, PRUNE_EVERY_MS);
  prune.unref();

  function claims(namespace: string, ttlMs: number): Claims {
    const fallback = memoryClaims({ ttlMs, now });
    const keyOf = (key: string) => `${namespace}:${createHash('sha256').update(key).digest('base64url')}`;
    const down = (e: unknown) => {
      if (now() >= downUntil) log.warn({ event: 'slack.claims_unavailable', fallback: 'memory', ms: FALLBACK_MS, err: errorSummary(e) });
      downUntil = now() + FALLBACK_MS;
    };
    return {
      async claim(key) {
        if (closed || now() < downUntil) return fallback.claim(key);
        try {
          await ensureTable();
          const r = await pool.query(
            `INSERT INTO ${TABLE} (key, expires_at) VALUES ($1, now() + $2 * interval '1 millisecond')
             ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE ${TABLE}.expires_at <= now()
             RETURNING key`,
            [keyOf(key), ttlMs],
          );
          // Remember it here too, so a fallback later still knows what this replica already claimed.
          await fallback.claim(key);
          return r.rowCount === 1;
        } catch (e) {
          down(e);
          return fallback.claim(key);
        }
      },
    };
  }

  return {
    events: claims('event', EVENT_CLAIM_MS),
    replays: claims('replay', options.replayTtlMs),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(prune);
      await pool.end();
    },
  };
}

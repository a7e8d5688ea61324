/**
 * HTTP Basic authentication for the coordinator dashboard. Every route under /dashboard (page, CSV, assets) sits
 * behind it; there is no anonymous mode.
 *
 * Guessing is bounded per account and client address (req.ip: the client behind a trusted proxy, see TRUST_PROXY):
 * every guess is counted *before* its password is checked, so parallel guesses cannot overtake the count; ten
 * failures lock that account for that address, for a minute at first and twice as long at every further lockout
 * that day. The lock never covers other addresses: an attacker cannot lock the coordinator out from elsewhere.
 * The counters are shared by the replicas when they share PostgreSQL (bot/server/ratelimit.ts).
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../log.js';
import { createQuotaStore, type QuotaStore } from '../../server/ratelimit.js';
import type { DashboardConfig } from '../config.js';
import { safeEqual, verifyPassword } from './password.js';

const REALM = 'Integriteitsbot trends';
/** Failed logins per account and address before a lockout, counted over this window. */
export const MAX_FAILURES = 10;
const FAILURE_WINDOW_SEC = 15 * 60;
/** First lockout; each further one that day doubles it, up to a day. */
const FIRST_LOCK_SEC = 60;
const MAX_LOCK_SEC = 24 * 60 * 60;
/** A verified header is remembered briefly so each asset request does not cost a scrypt run. */
const REMEMBER_MS = 5 * 60_000;

export function basicAuth(config: DashboardConfig, log?: Logger, store: QuotaStore = createQuotaStore()): RequestHandler {
  const attempts = store.quota({ name: 'login', points: MAX_FAILURES, durationSec: FAILURE_WINDOW_SEC });
  const lockouts = store.quota({ name: 'login-lockouts', points: 1_000, durationSec: MAX_LOCK_SEC });
  let remembered: { digest: Buffer; until: number } | undefined;

  const verify = async (user: string, password: string): Promise<boolean> => {
    // Both checks always run, so a wrong user name costs as long as a wrong password.
    const userOk = safeEqual(user, config.username);
    const passwordOk = config.passwordHash ? await verifyPassword(password, config.passwordHash) : safeEqual(password, config.password ?? '');
    return userOk && passwordOk;
  };

  const refuse = (res: Response) =>
    res
      .status(401)
      .set('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`)
      .type('text/plain; charset=utf-8')
      .send('Inloggen vereist: dit dashboard is alleen voor integriteitscoördinatoren.');

  const locked = (res: Response, seconds: number) =>
    res
      .status(429)
      .set('Retry-After', String(seconds))
      .type('text/plain; charset=utf-8')
      .send(`Te veel mislukte pogingen. Probeer het over ${seconds <= 60 ? 'een minuut' : `${Math.ceil(seconds / 60)} minuten`} opnieuw.`);

  async function guard(req: Request, res: Response, next: NextFunction): Promise<void> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Basic ')) return void refuse(res);
    const digest = crypto.createHash('sha256').update(header).digest();
    // The exact header that was verified a moment ago is not a guess: it skips the count and the scrypt run.
    if (remembered && remembered.until > Date.now() && crypto.timingSafeEqual(digest, remembered.digest)) return next();
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? '' : decoded.slice(0, colon);
    // Guesses under other user names get their own counter: they can never succeed, so they cannot spend the
    // account's tries, and rotating names buys no extra guesses at the account.
    const key = `${safeEqual(user, config.username) ? 'account' : 'other'}\0${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const taken = await attempts.take(key);
    if (!taken.ok) {
      // Only the request that crosses the limit sets the lockout; the ones after it see the lock.
      if (taken.consumed !== MAX_FAILURES + 1) return void locked(res, taken.retryAfterSec);
      const n = (await lockouts.take(key)).consumed;
      const seconds = Math.min(FIRST_LOCK_SEC * 2 ** Math.max(0, n - 1), MAX_LOCK_SEC);
      await attempts.block(key, seconds);
      log?.warn({ event: 'dashboard.locked', seconds }, 'dashboard login locked for one address');
      return void locked(res, seconds);
    }
    if (colon >= 0 && (await verify(user, decoded.slice(colon + 1)))) {
      remembered = { digest, until: Date.now() + REMEMBER_MS };
      await attempts.reset(key);
      return next();
    }
    log?.warn({ event: 'dashboard.auth_failed' }, 'dashboard login failed');
    refuse(res);
  }

  return (req, res, next) => {
    guard(req, res, next).catch(next);
  };
}

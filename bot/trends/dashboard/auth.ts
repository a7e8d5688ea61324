/**
 * HTTP Basic authentication for the coordinator dashboard. Every route under /dashboard (page, CSV, assets) sits
 * behind it; there is no anonymous mode. Repeated failures from one address are slowed down with 429s.
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../log.js';
import type { DashboardConfig } from '../config.js';
import { safeEqual, verifyPassword } from './password.js';

const REALM = 'Integriteitsbot trends';
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 60_000;
/** A verified header is remembered briefly so each asset request does not cost a scrypt run. */
const REMEMBER_MS = 5 * 60_000;

export function basicAuth(config: DashboardConfig, log?: Logger): RequestHandler {
  const failures = new Map<string, { count: number; since: number }>();
  let remembered: { digest: Buffer; until: number } | undefined;

  const check = async (header: string | undefined): Promise<boolean> => {
    if (!header?.startsWith('Basic ')) return false;
    const digest = crypto.createHash('sha256').update(header).digest();
    if (remembered && remembered.until > Date.now() && crypto.timingSafeEqual(digest, remembered.digest)) return true;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // Both checks always run, so a wrong user name costs as long as a wrong password.
    const userOk = safeEqual(user, config.username);
    const passwordOk = config.passwordHash
      ? await verifyPassword(password, config.passwordHash)
      : safeEqual(password, config.password ?? '');
    if (userOk && passwordOk) remembered = { digest, until: Date.now() + REMEMBER_MS };
    return userOk && passwordOk;
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const record = failures.get(address);
    if (record && now - record.since > FAILURE_WINDOW_MS) failures.delete(address);
    // Bounded memory: forget expired entries when many addresses have failed.
    if (failures.size > 10_000) for (const [a, f] of failures) if (now - f.since > FAILURE_WINDOW_MS) failures.delete(a);
    if ((failures.get(address)?.count ?? 0) >= MAX_FAILURES) {
      res.status(429).set('Retry-After', '60').type('text/plain; charset=utf-8').send('Te veel mislukte pogingen. Probeer het over een minuut opnieuw.');
      return;
    }
    check(req.headers.authorization).then(
      (ok) => {
        if (ok) {
          failures.delete(address);
          next();
          return;
        }
        if (req.headers.authorization) {
          const f = failures.get(address) ?? { count: 0, since: now };
          f.count += 1;
          failures.set(address, f);
          log?.warn({ event: 'dashboard.auth_failed' }, 'dashboard login failed');
        }
        res
          .status(401)
          .set('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`)
          .type('text/plain; charset=utf-8')
          .send('Inloggen vereist: dit dashboard is alleen voor integriteitscoördinatoren.');
      },
      (e: unknown) => next(e),
    );
  };
}

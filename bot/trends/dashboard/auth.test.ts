/**
 * The dashboard login on its own: a real express app that trusts one proxy hop (as with TRUST_PROXY=loopback),
 * so X-Forwarded-For stands for the client address the way it does behind a load balancer.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { basicAuth } from './auth.js';
import { hashPassword } from './password.js';

const USER = 'coordinator';
const PASSWORD = 'correct horse battery staple';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const servers: ReturnType<express.Express['listen']>[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
});
afterEach(() => {
  vi.useRealTimers();
});

async function serve(): Promise<(auth: string, from?: string) => Promise<Response>> {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use('/dashboard', basicAuth({ username: USER, passwordHash }));
  app.get('/dashboard', (_req, res) => void res.send('ok'));
  const srv = app.listen(0, '127.0.0.1');
  servers.push(srv);
  await new Promise((resolve) => srv.once('listening', resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/dashboard`;
  return (auth, from = '192.0.2.1') => fetch(url, { headers: { authorization: auth, 'x-forwarded-for': from } });
}

describe('dashboard login lockout', () => {
  it('counts a guess before checking it: forty parallel guesses get at most ten checks', async () => {
    const login = await serve();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(basic(USER, `guess ${i}`)).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    // The address is locked now, whatever it sends.
    expect((await login(basic(USER, PASSWORD))).status).toBe(429);
  });

  it('locks the guessing address only: the coordinator elsewhere behind the same proxy still logs in', async () => {
    const login = await serve();
    for (let i = 0; i < 10; i++) expect((await login(basic(USER, `guess ${i}`), '203.0.113.7')).status).toBe(401);
    const locked = await login(basic(USER, PASSWORD), '203.0.113.7');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect((await login(basic(USER, PASSWORD), '198.51.100.9')).status).toBe(200);
  });

  it('backs off: a second lockout of the same address lasts longer than the first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const login = await serve();
    for (let i = 0; i < 10; i++) await login(basic(USER, `guess ${i}`));
    expect((await login(basic(USER, 'guess 10'))).headers.get('retry-after')).toBe('60');
    vi.setSystemTime(Date.now() + 61_000);
    for (let i = 0; i < 10; i++) await login(basic(USER, `again ${i}`));
    const second = await login(basic(USER, 'again 10'));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('a successful login clears the count of its address', async () => {
    const login = await serve();
    for (let i = 0; i < 9; i++) await login(basic(USER, `guess ${i}`));
    expect((await login(basic(USER, PASSWORD))).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(basic(USER, `later ${i}`))).status).toBe(401);
  });
});

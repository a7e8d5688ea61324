/**
 * Replicas share one quota when they share PostgreSQL: two web chat servers, each with its own limiter store and
 * connection pool, against one real PostgreSQL (test/support/postgres.ts), answer one user's questions from one
 * quota. The core is a stand-in: the quota is what is under test, not the answers.
 */
import type http from 'node:http';
import express from 'express';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../test/support/postgres.js';
import { createWebChat } from '../channels/web/index.js';
import type { Core, Reply } from '../core/types.js';
import { fallback, withLimits } from './limits.js';
import { createQuotaStore, LIMITS_TABLE, type QuotaStore } from './ratelimit.js';

const postgres: TestPostgres | undefined = await startTestPostgres();
const answer: Reply = { ...fallback('nl', 'error'), kind: 'answer', text: 'antwoord' };
const core: Core = { handle: async () => answer, reroute: async () => answer, feedback: () => undefined, requestContact: async () => ({ ok: true, reply: answer }), welcome: () => answer };

let url = '';
const stores: QuotaStore[] = [];
const servers: http.Server[] = [];

async function replica(): Promise<string> {
  const store = createQuotaStore({ databaseUrl: url, secret: 'shared by the replicas' });
  stores.push(store);
  const app = express();
  app.use(createWebChat({ core: withLimits(core, { questionsPerMinute: 3, answerTimeoutMs: 1000, detectLang: () => 'nl', quotas: store }) }).router!);
  const srv = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(srv);
  return `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
}

beforeAll(async () => {
  if (postgres) url = await postgres.createDatabase();
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  for (const s of stores) await s.close();
  await postgres?.stop();
});

const ask = async (base: string) =>
  (await (await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"vraag"}' })).json()) as Reply;

describe.skipIf(!postgres)('chat quota across replicas (PostgreSQL)', () => {
  it('two servers on one database give one user one quota, and the table holds no address', async () => {
    const [a, b] = [await replica(), await replica()];
    const kinds = [await ask(a), await ask(b), await ask(a), await ask(b), await ask(a)].map((r) => r.kind);
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'refusal', 'refusal']);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query(`SELECT key FROM ${LIMITS_TABLE}`)).rows as Array<{ key: string }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.key).not.toContain('127.0.0.1');
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!postgres)('counter table creation', () => {
  it('replicas starting together, each with several counters, all reach the shared table (none falls back to memory)', async () => {
    const fresh = await postgres!.createDatabase();
    const warnings: string[] = [];
    const log = { error: (o: { event?: string }) => warnings.push(String(o.event)), warn: (o: { event?: string }) => warnings.push(String(o.event)), info: () => undefined, debug: () => undefined } as unknown as NonNullable<Parameters<typeof createQuotaStore>[0]>['log'];
    // What a server makes at start (chat, contact, feedback, login) times two replicas, all at the same moment.
    const replicas = [0, 1, 2, 3].map(() => createQuotaStore({ databaseUrl: fresh, secret: 'shared', log }));
    try {
      const quotas = replicas.flatMap((s) => ['chat', 'contact', 'feedback', 'login'].map((name) => s.quota({ name, points: 2, durationSec: 60 })));
      // Each counter is used once: a counter that fell back to memory would still answer, so the log tells.
      await Promise.all(quotas.map((q) => q.take('same-user')));
      expect(warnings).not.toContain('limits-store-unavailable');
      // And the counts are shared: replica 0's and 1's "chat" counted the same key together.
      expect((await quotas[0]!.take('same-user')).ok).toBe(false);
    } finally {
      for (const s of replicas) await s.close();
    }
  });
});

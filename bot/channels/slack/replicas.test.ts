/**
 * Two replicas behind one load balancer: two real Bolt channels, each with its own memory and its own HTTP server,
 * sharing one real PostgreSQL (test/support/postgres.ts) for the processed-event dedupe and the replay guard.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import type { Core } from '../../core/types.js';
import { createLogger } from '../../log.js';
import { fallback } from '../../server/limits.js';
import { createPgClaimStore } from './claims-pg.js';
import { createSlackChannel, type SlackChannel } from './index.js';
import { eventEnvelope, imMessage, postSigned, startFakeSlackApi, type FakeSlackApi } from './testing/fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const QUESTION = 'Mag ik een kerstpakket van een leverancier aannemen?';

let postgres: TestPostgres | undefined;
let databaseUrl: string;
let api: FakeSlackApi;
let handled: string[];
let logs: string[];
const replicas: Array<{ channel: SlackChannel; server: Server; url: string }> = [];

const core: Core = {
  handle: async (m) => {
    handled.push(m.text);
    return fallback('nl', 'error');
  },
  reroute: async () => fallback('nl', 'error'),
  feedback: () => undefined,
  requestContact: async () => ({ ok: true, reply: fallback('nl', 'error') }),
  welcome: () => fallback('nl', 'error'),
};

async function replica(): Promise<{ channel: SlackChannel; server: Server; url: string }> {
  const log = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(line) } });
  const channel = createSlackChannel({ config: { mode: 'http', signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: api.url }, core, log, databaseUrl });
  await channel.start();
  const app = express().use(channel.router!);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { channel, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  if (!postgres) return;
  databaseUrl = await postgres.createDatabase();
  api = await startFakeSlackApi();
  handled = [];
  logs = [];
  replicas.push(await replica(), await replica());
}, 120_000);

afterAll(async () => {
  for (const r of replicas) {
    await r.channel.stop();
    r.server.closeAllConnections();
    await new Promise((done) => r.server.close(done));
  }
  await api?.close();
  await postgres?.stop();
});

describe('Slack replicas sharing PostgreSQL', () => {
  it('answers an event once when its retry reaches the other replica', async ({ skip }) => {
    if (!postgres) return skip();
    const [a, b] = replicas;
    const body = JSON.stringify(eventEnvelope(imMessage(QUESTION, 'U0R1', 'D0R1'), 'Ev0REPLICA1'));
    const now = Math.floor(Date.now() / 1000);
    expect((await postSigned(a!.url, SECRET, body, 'application/json', {}, now - 2)).status).toBe(200);
    // Slack thought the ack was lost and resends, signed anew; the load balancer picks the other replica.
    expect((await postSigned(b!.url, SECRET, body, 'application/json', { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' }, now - 1)).status).toBe(200);
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.params.channel === 'D0R1'));
    await new Promise((r) => setTimeout(r, 200));
    expect(api.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0R1')).toHaveLength(1);
    expect(handled.filter((t) => t === QUESTION)).toHaveLength(1);
  });

  it('refuses a signed request replayed at the other replica', async ({ skip }) => {
    if (!postgres) return skip();
    const [a, b] = replicas;
    const body = JSON.stringify(eventEnvelope(imMessage(`${QUESTION} (2)`, 'U0R2', 'D0R2'), 'Ev0REPLICA2'));
    const ts = Math.floor(Date.now() / 1000) - 5;
    expect((await postSigned(a!.url, SECRET, body, 'application/json', {}, ts)).status).toBe(200);
    expect((await postSigned(b!.url, SECRET, body, 'application/json', {}, ts)).status).toBe(401);
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.params.channel === 'D0R2'));
  });

  it('falls back to memory at once when PostgreSQL does not answer, so acknowledgements are not held', async ({ skip }) => {
    if (!postgres) return skip();
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const store = createPgClaimStore({ url: await postgres.deadUrl(), log, replayTtlMs: 60_000 });
    try {
      expect(await store.events.claim('Ev0DOWN')).toBe(true);
      expect(await store.events.claim('Ev0DOWN')).toBe(false);
      expect(await store.replays.claim('sig')).toBe(true);
      expect(lines.filter((l) => l.includes('slack.claims_unavailable'))).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('keeps only hashed keys with an expiry in the table, never text or ids', async ({ skip }) => {
    if (!postgres) return skip();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; expires_at: Date }>('SELECT key, expires_at FROM slack_claims');
      expect(rows.length).toBeGreaterThanOrEqual(4);
      const dump = JSON.stringify(rows);
      for (const s of [QUESTION, 'kerstpakket', 'Ev0REPLICA1', 'D0R1', 'U0R1']) expect(dump).not.toContain(s);
      for (const r of rows) expect(r.key).toMatch(/^(event|replay):[A-Za-z0-9_-]{43}$/);
      expect(logs.join('')).not.toContain(QUESTION);
    } finally {
      await client.end();
    }
  });
});

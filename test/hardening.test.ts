/**
 * Issue 14, from an attacker's and an operator's probe, against the one server as `npm start` composes it (real
 * index built from knowledge/corpus, real core, web chat, SQLite or real PostgreSQL):
 * - readiness fails only when answers cannot be given; a trend-store outage shows in /healthz and /metrics;
 * - no absolute paths in /readyz;
 * - a damaged index file (one changed byte) is rebuilt at start, and a changed chunk text is never served;
 * - shutdown does not wait forever on a hung trend store;
 * - /metrics through prom-client, optionally behind a bearer token;
 * - nosniff on every response, and asset lookups that are not assets give 404.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../bot/config/load.js';
import { createLogger } from '../bot/log.js';
import { composeServer, type Composed } from '../bot/server/compose.js';
import { ensureIndex, DEFAULT_ROOT, PROJECT_ROOT } from '../ingest/pipeline.js';
import { startTestPostgres, type TestPostgres } from './support/postgres.js';

const GIFT = 'Mag ik een fles wijn van een leverancier aannemen?';
let dataDir: string;
const postgres: TestPostgres | undefined = await startTestPostgres();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-hardening-'));
  await ensureIndex(path.join(dataDir, 'index'), { roots: [DEFAULT_ROOT] });
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await postgres?.stop();
});

const silent = () => createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

async function start(env: Record<string, string> = {}, dir = dataDir): Promise<Composed> {
  const trends = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-trends-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, TRENDS_SQLITE_PATH: path.join(trends, 't.sqlite'), ...env }, PROJECT_ROOT);
  return composeServer(config, silent());
}

async function ask(base: string, text: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  return { status: res.status, body: await res.json() };
}

/** A copy of the test index (the real files, not the link) in a fresh data dir. */
function indexCopy(): { dir: string; index: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-copy-'));
  const index = path.join(dir, 'index');
  fs.cpSync(path.join(dataDir, 'index'), index, { recursive: true, dereference: true });
  return { dir, index };
}

/** Changes one byte (a digit stays a digit, so JSON stays valid JSON). */
function flipByte(file: string, at: (bytes: Buffer) => number): void {
  const bytes = fs.readFileSync(file);
  const i = at(bytes);
  const b = bytes[i]!;
  bytes[i] = b >= 0x30 && b <= 0x39 ? 0x30 + ((b - 0x30 + 1) % 10) : b ^ 0x01;
  fs.writeFileSync(file, bytes);
}

/** The first digit in the second half of a file. */
const middleDigit = (b: Buffer) => {
  for (let i = Math.floor(b.length / 2); i < b.length; i++) if (b[i]! >= 0x30 && b[i]! <= 0x39) return i;
  throw new Error('no digit');
};

describe('readiness tells the truth', () => {
  it('an unreachable PostgreSQL trend store: ready, and the outage shows in /healthz and /metrics', async () => {
    const url = postgres ? await postgres.deadUrl() : 'postgres://nobody:x@127.0.0.1:9/none';
    const app = await start({ DATABASE_URL: url });
    try {
      const ready = await fetch(`${app.running.url}/readyz`);
      const readyBody = await ready.json();
      expect(ready.status, JSON.stringify(readyBody)).toBe(200);
      expect((await ask(app.running.url, GIFT)).body.citations.length).toBeGreaterThan(0);
      const health = await fetch(`${app.running.url}/healthz`);
      expect(health.status).toBe(200);
      const body = await health.json();
      expect(body.checks.trends.ok).toBe(false);
      const metrics = await (await fetch(`${app.running.url}/metrics`)).text();
      expect(metrics).toMatch(/^integriteitsbot_trend_store_up 0$/m);
      expect(Number(/^integriteitsbot_trend_events_dropped (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    } finally {
      await app.shutdown();
    }
  });

  it('a trend store that cannot be written (no place for the SQLite file): ready, outage in /healthz', async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ib-ro-')), 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const app = await start({ TRENDS_SQLITE_PATH: path.join(blocker, 'trends.sqlite') });
    try {
      expect((await fetch(`${app.running.url}/readyz`)).status).toBe(200);
      const body = await (await fetch(`${app.running.url}/healthz`)).json();
      expect(body.checks.trends.ok).toBe(false);
      expect(JSON.stringify(body)).not.toContain(blocker);
      expect(await (await fetch(`${app.running.url}/metrics`)).text()).toMatch(/^integriteitsbot_trend_store_up 0$/m);
    } finally {
      await app.shutdown();
    }
  });

  it('a healthy store shows as up', async () => {
    const app = await start();
    try {
      const body = await (await fetch(`${app.running.url}/healthz`)).json();
      expect(body.status).toBe('alive');
      expect(body.checks.trends.ok).toBe(true);
      expect(await (await fetch(`${app.running.url}/metrics`)).text()).toMatch(/^integriteitsbot_trend_store_up 1$/m);
    } finally {
      await app.shutdown();
    }
  });

  it('an index that cannot be rebuilt: not ready, with the reason but no absolute path', async () => {
    const { dir, index } = indexCopy();
    fs.writeFileSync(path.join(index, 'chunks.json'), '{"half a file');
    const extra = path.join(dir, 'extra');
    fs.mkdirSync(extra);
    fs.writeFileSync(path.join(extra, 'broken.md'), '---\ndoc: ORG\n---\nKern: geen geldige kaart\n');
    const app = await start({ EXTRA_SOURCES: extra }, dir);
    try {
      const ready = await fetch(`${app.running.url}/readyz`);
      const text = await ready.text();
      expect(ready.status).toBe(503);
      expect(JSON.parse(text).checks.index.ok).toBe(false);
      expect(JSON.parse(text).checks.index.reason).toMatch(/broken\.md/);
      for (const abs of [dir, os.tmpdir(), PROJECT_ROOT.replace(/\/$/, '')]) expect(text).not.toContain(abs);
      expect(text).not.toMatch(/"\/|\s\/[a-z]/);
      const unavailable = await fetch(`${app.running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
      expect(unavailable.status).toBe(503);
      expect(await unavailable.text()).not.toContain(dir);
    } finally {
      await app.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a damaged index is rebuilt at start', () => {
  const cases: [string, string, (file: string) => void][] = [
    ['one changed byte in ngram.hnsw', 'ngram.hnsw', (file) => flipByte(file, (b) => Math.floor(b.length / 2))],
    ['one changed byte in bm25.json', 'bm25.json', (file) => flipByte(file, middleDigit)],
    ['one changed byte in ngram-meta.json', 'ngram-meta.json', (file) => flipByte(file, middleDigit)],
    ['a truncated ngram.hnsw', 'ngram.hnsw', (file) => fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100))],
  ];
  for (const [name, fileName, damage] of cases) {
    it(name, async () => {
      const { dir, index } = indexCopy();
      damage(path.join(index, fileName));
      const damaged = fs.readFileSync(path.join(index, fileName));
      const app = await start({}, dir);
      try {
        const ready = await fetch(`${app.running.url}/readyz`);
        expect(ready.status, await ready.text()).toBe(200);
        expect((await ask(app.running.url, GIFT)).body.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
        // The damaged file is not what is served: the index was rebuilt from the sources.
        expect(fs.readFileSync(path.join(fs.realpathSync(index), fileName)).equals(damaged)).toBe(false);
      } finally {
        await app.shutdown();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('one changed byte in the text of a chunk is never served as a rule', async () => {
    const { dir, index } = indexCopy();
    const file = path.join(index, 'chunks.json');
    const original = fs.readFileSync(file, 'utf8');
    // "50" (the gift limit) becomes "90": still valid JSON, still a valid chunk, a different rule.
    const at = original.indexOf('€ 50');
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(file, `${original.slice(0, at)}€ 90${original.slice(at + 4)}`);
    const app = await start({}, dir);
    try {
      expect((await fetch(`${app.running.url}/readyz`)).status).toBe(200);
      const { body } = await ask(app.running.url, GIFT);
      expect(body.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
      expect(JSON.stringify(body)).not.toContain('€ 90');
      expect(fs.readFileSync(path.join(fs.realpathSync(index), 'chunks.json'), 'utf8')).not.toContain('€ 90');
    } finally {
      await app.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bounded shutdown', () => {
  it.skipIf(!postgres)('does not wait forever on a trend store whose writes hang', async () => {
    const url = await postgres!.createDatabase();
    const app = await start({ DATABASE_URL: url });
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE trend_counts IN ACCESS EXCLUSIVE MODE');
      // The answer does not wait for the store; its trend write now hangs on the lock.
      expect((await ask(app.running.url, GIFT)).status).toBe(200);
      const started = Date.now();
      const outcome = await Promise.race([
        app.shutdown(500, 1000).then(() => 'stopped'),
        new Promise((r) => setTimeout(() => r('hung'), 8000)),
      ]);
      expect(outcome).toBe('stopped');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  });
});

describe('metrics', () => {
  it('prom-client metrics: answer latency per channel, process metrics, the existing counters and the dropped gauge', async () => {
    const app = await start();
    try {
      await ask(app.running.url, GIFT);
      const res = await fetch(`${app.running.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(/^integriteitsbot_answer_duration_seconds_bucket\{le="[\d.]+",channel="web"\} \d+$/m);
      expect(text).toMatch(/^integriteitsbot_answer_duration_seconds_count\{channel="web"\} 1$/m);
      expect(text).toMatch(/^integriteitsbot_replies_total\{channel="web",kind="answer"\} 1$/m);
      expect(text).toMatch(/^integriteitsbot_trend_events_total\{kind="question"\} 1$/m);
      expect(text).toMatch(/^integriteitsbot_trend_events_dropped 0$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    } finally {
      await app.shutdown();
    }
  });

  it('with METRICS_TOKEN, /metrics wants that bearer token', async () => {
    const app = await start({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
    try {
      expect((await fetch(`${app.running.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${app.running.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${app.running.url}/metrics`, { headers: { authorization: 'Bearer a-long-enough-metrics-token' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/integriteitsbot_trend_events_dropped/);
    } finally {
      await app.shutdown();
    }
  });
});

describe('lower findings', () => {
  it('nosniff on API, asset, health and error responses', async () => {
    const app = await start();
    try {
      for (const p of ['/api/welcome', '/assets/webchat.css', '/readyz', '/healthz', '/metrics', '/no-such-page']) {
        const res = await fetch(`${app.running.url}${p}`);
        expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      }
    } finally {
      await app.shutdown();
    }
  });

  it('asset lookups of prototype names and path traversal give 404, not 500', async () => {
    const app = await start();
    try {
      for (const p of ['/assets/__proto__', '/assets/constructor', '/assets/hasOwnProperty', '/assets/toString', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/rhc/..%2f..%2f..%2fpackage.json', '/assets/__proto__/x']) {
        const res = await fetch(`${app.running.url}${p}`);
        expect(res.status, p).toBe(404);
      }
      expect((await fetch(`${app.running.url}/assets/webchat.css`)).status).toBe(200);
    } finally {
      await app.shutdown();
    }
  });
});

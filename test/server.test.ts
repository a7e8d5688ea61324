/**
 * Operations: the one server as `npm start` composes it, with real parts: the real index built from
 * knowledge/corpus, the real core, the web chat, SQLite or (unreachable) PostgreSQL, and a local fake
 * OpenAI-compatible endpoint for the LLM faults.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../bot/config/load.js';
import { createLogger } from '../bot/log.js';
import { composeServer, type Composed } from '../bot/server/compose.js';
import { ensureIndex, DEFAULT_ROOT, PROJECT_ROOT } from '../ingest/pipeline.js';

const GIFT = 'Mag ik een fles wijn van een leverancier aannemen?';
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-server-'));
  await ensureIndex(path.join(dataDir, 'index'), { roots: [DEFAULT_ROOT] });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const silent = () => createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

async function start(env: Record<string, string> = {}, dir = dataDir): Promise<Composed> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, TRENDS_SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ib-trends-')), 't.sqlite'), ...env }, PROJECT_ROOT);
  return composeServer(config, silent());
}

async function ask(base: string, text: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  return { status: res.status, body: await res.json() };
}

/** A tiny OpenAI-compatible endpoint whose behaviour each test chooses. */
async function fakeLlm(behaviour: 'slow' | 'error', delayMs = 1500): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (behaviour === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Zonder bron.' }, finish_reason: 'stop' }] }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

describe('start-up', () => {
  it('warns when the directory is the fictional example, so nobody ships made-up vertrouwenspersonen unaware', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, TRENDS_SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ib-trends-')), 't.sqlite') }, PROJECT_ROOT);
    const app = await composeServer(config, log);
    try {
      const warning = lines.map((l) => JSON.parse(l)).find((e) => e.event === 'directory-fictional');
      expect(warning).toMatchObject({ level: 40, file: 'config/vertrouwenspersonen.example.yaml' });
    } finally {
      await app.shutdown();
    }
  });
});

describe('health and readiness', () => {
  it('is alive and ready with the index, model and trend store reported', async () => {
    const app = await start();
    try {
      expect((await fetch(`${app.running.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${app.running.url}/readyz`);
      const body = await ready.json();
      expect(ready.status).toBe(200);
      expect(body.checks.index.ok).toBe(true);
      expect(body.checks.index.detail.chunks).toBeGreaterThan(50);
      expect((await (await fetch(`${app.running.url}/healthz`)).json()).checks.trends.ok).toBe(true);
      const answer = await ask(app.running.url, GIFT);
      expect(answer.body.citations.some((c: any) => c.doc === 'GIR' && c.section === '4.1')).toBe(true);
    } finally {
      await app.shutdown();
    }
  });

  it('a corrupt index is rebuilt from the sources at start', async () => {
    const dir = corruptCopy();
    const app = await start({}, dir);
    try {
      expect((await fetch(`${app.running.url}/readyz`)).status).toBe(200);
      expect((await ask(app.running.url, GIFT)).body.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    } finally {
      await app.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // The same index that cannot be rebuilt, with no absolute path in the reason: test/hardening.test.ts.
});

/** A copy of the test index whose chunks.json is cut off half-way. */
function corruptCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-corrupt-'));
  fs.cpSync(path.join(dataDir, 'index'), path.join(dir, 'index'), { recursive: true, dereference: true });
  fs.writeFileSync(path.join(dir, 'index', 'chunks.json'), '{"half a file');
  return dir;
}

describe('faults', () => {
  it('LLM endpoint down: the extractive answer is served, with its citation', async () => {
    const app = await start({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm' });
    try {
      const { status, body } = await ask(app.running.url, GIFT);
      expect(status).toBe(200);
      expect(body.kind).toBe('answer');
      expect(body.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    } finally {
      await app.shutdown();
    }
  });

  it('LLM endpoint erroring or slower than its timeout: extractive answer', async () => {
    for (const behaviour of ['error', 'slow'] as const) {
      const llm = await fakeLlm(behaviour, 3000);
      const app = await start({ LLM_BASE_URL: llm.url, LLM_MODEL: 'm', LLM_TIMEOUT_MS: '300' });
      try {
        const { body } = await ask(app.running.url, GIFT);
        expect(body.kind, behaviour).toBe('answer');
        expect(body.citations.length, behaviour).toBeGreaterThan(0);
      } finally {
        await app.shutdown();
        await llm.close();
      }
    }
  });

  it('trend store down: answers still served, the event is dropped and counted', async () => {
    const app = await start({ DATABASE_URL: 'postgres://nobody:x@127.0.0.1:9/none' });
    try {
      const { status, body } = await ask(app.running.url, GIFT);
      expect(status).toBe(200);
      expect(body.citations.length).toBeGreaterThan(0);
      // Answers are still given, so the replica stays ready; the outage shows in /healthz (test/hardening.test.ts).
      expect((await fetch(`${app.running.url}/readyz`)).status).toBe(200);
      const health = await (await fetch(`${app.running.url}/healthz`)).json();
      expect(health.checks.trends.ok).toBe(false);
      const metrics = await (await fetch(`${app.running.url}/metrics`)).text();
      const dropped = Number(/integriteitsbot_trend_events_dropped (\d+)/.exec(metrics)?.[1]);
      expect(dropped).toBeGreaterThanOrEqual(1);
    } finally {
      await app.shutdown();
    }
  });

  it('an answer past its deadline gets the fallback reply', async () => {
    const llm = await fakeLlm('slow', 3000);
    const app = await start({ LLM_BASE_URL: llm.url, LLM_MODEL: 'm', LLM_TIMEOUT_MS: '5000', ANSWER_TIMEOUT_MS: '200' });
    try {
      const { body } = await ask(app.running.url, GIFT);
      expect(body.kind).toBe('refusal');
      expect(body.text).toMatch(/op tijd/);
    } finally {
      await app.shutdown();
      await llm.close();
    }
  });
});

describe('limits', () => {
  it('an oversized message gets a polite refusal', async () => {
    const app = await start({ MAX_MESSAGE_CHARS: '200' });
    try {
      const { status, body } = await ask(app.running.url, `Mag ik ${'heel '.repeat(100)}veel vragen?`);
      expect(status).toBe(200);
      expect(body.kind).toBe('refusal');
      expect(body.text).toMatch(/lang|kort/i);
    } finally {
      await app.shutdown();
    }
  });

  it('behind a trusted proxy, limits each client address separately', async () => {
    const app = await start({ QUESTIONS_PER_MINUTE: '1', TRUST_PROXY: 'loopback' });
    const from = async (ip: string) =>
      (await (await fetch(`${app.running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ text: GIFT }) })).json()).text as string;
    try {
      expect(await from('192.0.2.1')).not.toMatch(/veel vragen/);
      expect(await from('192.0.2.1')).toMatch(/veel vragen/);
      expect(await from('192.0.2.2')).not.toMatch(/veel vragen/);
    } finally {
      await app.shutdown();
    }
  });

  it('rate-limits a user of the web chat', async () => {
    const app = await start({ QUESTIONS_PER_MINUTE: '2' });
    try {
      const kinds = [];
      for (let i = 0; i < 3; i++) kinds.push((await ask(app.running.url, GIFT)).body.text);
      expect(kinds[2]).toMatch(/veel vragen/);
      expect(kinds[0]).not.toMatch(/veel vragen/);
    } finally {
      await app.shutdown();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes the answer in flight, then stops accepting', async () => {
    const llm = await fakeLlm('slow', 1200);
    const app = await start({ LLM_BASE_URL: llm.url, LLM_MODEL: 'm', LLM_TIMEOUT_MS: '5000' });
    const url = app.running.url;
    try {
      const inFlight = ask(url, GIFT);
      await new Promise((r) => setTimeout(r, 300));
      expect(app.core?.inFlight()).toBe(1);
      const stopped = app.shutdown();
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.citations.length).toBeGreaterThan(0);
      await stopped;
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      await llm.close();
    }
  });
});

describe('start-up configuration', () => {
  it('an invalid value stops the start with the field that is wrong', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PORT: 'not-a-port', TRENDS_K: '2' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/port: .*PORT/);
    expect(result.stderr).toMatch(/trends\.k: .*TRENDS_K/);
  });
});

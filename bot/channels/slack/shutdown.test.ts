/**
 * Shutdown with Slack questions acknowledged but not yet answered: the real server (bot/server/app.ts) with the
 * real Bolt channel mounted, signed requests over HTTP, and the fake Slack Web API counting the replies. Slack
 * never resends an event it got a 200 for, so every acknowledged question must be answered before the process ends.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/types.js';
import { createLogger } from '../../log.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { fallback } from '../../server/limits.js';
import { createSlackChannel, type SlackChannel } from './index.js';
import { eventEnvelope, imMessage, postSigned, startFakeSlackApi, type FakeSlackApi } from './testing/fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const QUESTION = 'Mag ik een kerstpakket van een leverancier aannemen?';

let api: FakeSlackApi;
let logs: string[];
let release: () => void;
let handled: number;

/** A core that holds every answer until `release()`: the queue fills up behind it, as under load. */
function gatedCore(): Core {
  const gate = new Promise<void>((r) => (release = r));
  const reply = fallback('nl', 'error');
  return {
    handle: async () => {
      handled++;
      await gate;
      await new Promise((r) => setTimeout(r, 5));
      return reply;
    },
    reroute: async () => reply,
    feedback: () => undefined,
    requestContact: async () => ({ ok: true, reply }),
    welcome: () => reply,
  };
}

function channel(): SlackChannel {
  const log = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(line) } });
  return createSlackChannel({ config: { mode: 'http', signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: api.url }, core: gatedCore(), log });
}

const ask = (url: string, i: number) =>
  postSigned(`${url}/slack/events`, SECRET, JSON.stringify(eventEnvelope(imMessage(`${QUESTION} (${i})`, `U${i}`, `D${i}`), `EvSHUT${i}`)), 'application/json');

const drained = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'slack.drained');

beforeEach(async () => {
  api = await startFakeSlackApi();
  logs = [];
  handled = 0;
});

afterEach(async () => {
  await api.close();
  // Counts only: no question text in the log.
  expect(logs.join('')).not.toContain(QUESTION);
});

describe('Slack at shutdown', () => {
  it('answers every acknowledged question before the server stops', async () => {
    const N = 12;
    const slack = channel();
    const running: RunningServer = await startServer({ host: '127.0.0.1', port: 0, parts: [slack], readiness: [], log: createLogger({ level: 'silent' }) });
    const acks = await Promise.all(Array.from({ length: N }, (_, i) => ask(running.url, i)));
    expect(acks.map((a) => a.status)).toEqual(Array(N).fill(200));
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo('chat.postMessage')).toHaveLength(0); // all acknowledged, none answered yet

    setTimeout(() => release(), 100);
    await running.close(undefined, 10_000);
    expect(api.callsTo('chat.postMessage')).toHaveLength(N);
    expect(new Set(api.callsTo('chat.postMessage').map((c) => c.params.channel)).size).toBe(N);
    expect(drained()).toMatchObject({ pending: N, answered: N, unanswered: 0 });
  });

  it('stops within its deadline and counts what it could not answer', async () => {
    const slack = channel();
    const running = await startServer({ host: '127.0.0.1', port: 0, parts: [slack], readiness: [], log: createLogger({ level: 'silent' }) });
    for (let i = 0; i < 3; i++) expect((await ask(running.url, i)).status).toBe(200);
    const started = Date.now();
    await running.close(undefined, 300); // the core never answers
    expect(Date.now() - started).toBeLessThan(3000);
    expect(drained()).toMatchObject({ pending: 3, answered: 0, unanswered: 3 });
    release();
  });

  it('refuses new requests with 503 while draining, so Slack delivers them again elsewhere', async () => {
    const slack = channel();
    await slack.start();
    // Mounted on a server of its own that stays open: a load balancer keeps its connection while we drain.
    const app = express().use(slack.router!);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await ask(url, 1)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      const draining = slack.drain(5_000);
      const refused = await ask(url, 2);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.text)).toEqual({ ok: false, error: 'shutting_down' });
      release();
      await draining;
      expect(handled).toBe(1);
      expect(api.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual(['D1']);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

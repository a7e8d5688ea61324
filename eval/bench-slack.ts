/**
 * Slack channel benchmark: the real channel (Bolt behind its Express receiver, signature checks) on loopback,
 * 200 signed message.im events at concurrency 20, plus a redelivery (X-Slack-Retry-Num) of every tenth event.
 * Reports acknowledgement latency (Slack gives up after 3 s) and checks at a local fake Web API that every event
 * got exactly one answer. Uses the real core when an index exists in data/index, else a fast stand-in core.
 * "Slack" (the load generator and the fake Web API) runs in a child process, as it would be remote: its own
 * work must not queue behind the channel's on one event loop.
 *
 *   npx tsx eval/bench-slack.ts [--events 200] [--concurrency 20] [--index data/index]
 *
 * Writes eval/results/bench-slack.json; exits 1 when an event got no or two answers or p99 ack ≥ 3 s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import { createSlackChannel } from '../bot/channels/slack/index.js';
import { eventEnvelope, imMessage, postSigned, startFakeSlackApi } from '../bot/channels/slack/testing/fake-slack.js';
import type { Core, Reply } from '../bot/core/types.js';
import { createLogger } from '../bot/log.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-signing-secret';
const ACK_LIMIT_MS = 3000;

const QUESTIONS = [
  'Mag ik een kerstpakket van een leverancier aannemen?',
  'Moet ik mijn nevenwerkzaamheden melden?',
  'Mag ik aandelen hebben in een bedrijf waar mijn afdeling mee werkt?',
  'May I accept a dinner invitation from a supplier?',
  'Wat doet een vertrouwenspersoon?',
  'Mag ik vertrouwelijke informatie delen met een oud-collega?',
  'Is er een afkoelperiode na mijn vertrek als minister?',
  'ik word gepest door mijn leidinggevende',
];

/** A fixed reply without retrieval: measures the channel, not the answer engine. */
function fastCore(): Core {
  const reply: Reply = {
    kind: 'answer',
    lang: 'nl',
    text: 'Voorbeeldantwoord. Bron: GIR §4.1',
    sections: [{ text: 'Voorbeeldantwoord.' }],
    citations: [
      {
        doc: 'GIR',
        docTitle: 'Gedragscode Integriteit Rijk',
        section: '4.1',
        sectionTitle: 'Geschenken',
        url: 'https://zoek.officielebekendmakingen.nl/stcrt-2019-71141.html',
      },
    ],
    contacts: [],
    actions: [{ type: 'feedback' }],
    meta: { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' },
  };
  return {
    handle: async () => reply,
    reroute: async () => reply,
    feedback: () => undefined,
    requestContact: async () => ({ ok: true, reply }),
    welcome: () => reply,
  };
}

async function realCore(indexDir: string): Promise<Core> {
  const [{ createCore }, { loadDirectory }, { loadRetriever }] = await Promise.all([
    import('../bot/core/index.js'),
    import('../bot/directory/index.js'),
    import('../knowledge/search/load.js'),
  ]);
  const retriever = await loadRetriever(indexDir);
  return createCore({ retriever, directory: loadDirectory(path.join(ROOT, 'config', 'vertrouwenspersonen.example.yaml')) });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

type ToDriver = { type: 'target'; url: string; total: number; concurrency: number };
type FromDriver = { type: 'api'; url: string } | { type: 'result'; result: DriverResult } | { type: 'error'; message: string };

interface DriverResult {
  sendSeconds: number;
  eventsPerSecond: number;
  httpStatuses: Record<string, number>;
  ackMs: { p50: number; p90: number; p99: number; max: number; limit: number };
  answerMs: { p50: number; p99: number; max: number };
  answers: { exactlyOne: number; missing: number; duplicated: number; timedOut: boolean };
  redeliveries: { sent: number; acknowledged: number };
  webApiCalls: number;
}

/** Child process: plays Slack. Hosts the fake Web API, sends the signed events, counts the answers. */
async function driver(): Promise<void> {
  const send = (m: FromDriver) => process.send!(m);
  const api = await startFakeSlackApi();
  send({ type: 'api', url: api.url });
  const target = await new Promise<ToDriver>((resolve) => process.once('message', (m) => resolve(m as ToDriver)));
  const { url, total, concurrency } = target;

  // Each event comes from its own DM channel, so answers can be counted per event at the fake API.
  const events = Array.from({ length: total }, (_, i) => ({
    channel: `D0BENCH${i}`,
    body: JSON.stringify(eventEnvelope(imMessage(QUESTIONS[i % QUESTIONS.length]!, `U0USER${i}`, `D0BENCH${i}`), `Ev0BENCH${i}`)),
  }));
  const sentAt = new Map<string, number>();
  const ackMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const e = events[next++]!;
        const t0 = performance.now();
        sentAt.set(e.channel, Date.now());
        const res = await postSigned(url, SECRET, e.body, 'application/json');
        ackMs.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const sendSeconds = (performance.now() - started) / 1000;

  // Redeliveries as Slack sends them when it thinks an ack was lost: must not produce second answers.
  const redelivered = events.filter((_, i) => i % 10 === 0);
  const retryStatuses = await Promise.all(
    redelivered.map((e) => postSigned(url, SECRET, e.body, 'application/json', { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' })),
  );

  let timedOut = false;
  try {
    await api.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= total, 120_000);
  } catch {
    timedOut = true;
  }
  await new Promise((r) => setTimeout(r, 500)); // let any duplicate answer arrive before counting

  const perChannel = new Map<string, number>();
  const answerMs: number[] = [];
  for (const call of api.callsTo('chat.postMessage')) {
    const ch = String(call.params.channel);
    perChannel.set(ch, (perChannel.get(ch) ?? 0) + 1);
    const t = sentAt.get(ch);
    if (t !== undefined && perChannel.get(ch) === 1) answerMs.push(call.at - t);
  }
  ackMs.sort((a, b) => a - b);
  answerMs.sort((a, b) => a - b);
  send({
    type: 'result',
    result: {
      sendSeconds: round(sendSeconds),
      eventsPerSecond: round(total / sendSeconds),
      httpStatuses: statuses,
      ackMs: {
        p50: round(percentile(ackMs, 50)),
        p90: round(percentile(ackMs, 90)),
        p99: round(percentile(ackMs, 99)),
        max: round(ackMs.at(-1) ?? NaN),
        limit: ACK_LIMIT_MS,
      },
      answerMs: { p50: round(percentile(answerMs, 50)), p99: round(percentile(answerMs, 99)), max: round(answerMs.at(-1) ?? NaN) },
      answers: {
        exactlyOne: events.filter((e) => perChannel.get(e.channel) === 1).length,
        missing: events.filter((e) => !perChannel.has(e.channel)).length,
        duplicated: [...perChannel.values()].filter((n) => n > 1).length,
        timedOut,
      },
      redeliveries: { sent: redelivered.length, acknowledged: retryStatuses.filter((r) => r.status === 200).length },
      webApiCalls: api.calls.length,
    },
  });
  await api.close();
}

function nextMessage(child: ChildProcess): Promise<FromDriver> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`driver process exited early (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      const msg = m as FromDriver;
      if (msg.type === 'error') reject(new Error(`driver: ${msg.message}`));
      else resolve(msg);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '20' },
      index: { type: 'string', default: path.join(ROOT, 'data', 'index') },
      out: { type: 'string', default: path.join(ROOT, 'eval', 'results', 'bench-slack.json') },
    },
  });
  const total = Number(values.events);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('--events and --concurrency must be positive integers');
  }

  const useReal = existsSync(path.join(values.index, 'manifest.json'));
  const core = useReal ? await realCore(values.index) : fastCore();
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_SLACK_ROLE: 'driver' } });
  try {
    const api = await nextMessage(child);
    if (api.type !== 'api') throw new Error('driver did not report its fake Web API');
    const channel = createSlackChannel({
      config: { mode: 'http', signingSecret: SECRET, botToken: 'xoxb-bench', apiUrl: api.url },
      core,
      log: createLogger({ level: 'warn' }),
    });
    await channel.start();
    const app = express();
    app.use(channel.router!);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const pending = nextMessage(child);
    child.send({ type: 'target', url, total, concurrency } satisfies ToDriver);
    const reply = await pending;
    if (reply.type !== 'result') throw new Error('driver did not report a result');
    await channel.stop();
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

    const r = reply.result;
    const result = {
      benchmark: 'slack-channel',
      date: new Date().toISOString(),
      node: process.version,
      // Shared machines: the load at the end of the run puts the latencies in context.
      machine: { cpus: availableParallelism(), loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 },
      core: useReal ? 'real' : 'fast-stand-in',
      events: total,
      concurrency,
      ...r,
    };
    mkdirSync(path.dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `slack bench (${result.core} core): ${total} events @ concurrency ${concurrency}: ack p50 ${r.ackMs.p50} ms, p99 ${r.ackMs.p99} ms ` +
        `(limit ${ACK_LIMIT_MS}); answer p50 ${r.answerMs.p50} ms, p99 ${r.answerMs.p99} ms; ` +
        `exactly one answer: ${r.answers.exactlyOne}/${total} (missing ${r.answers.missing}, duplicated ${r.answers.duplicated}); ` +
        `→ ${path.relative(ROOT, values.out)}`,
    );
    const ok = r.answers.exactlyOne === total && r.ackMs.p99 < ACK_LIMIT_MS && r.httpStatuses['200'] === total;
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

if (process.env.BENCH_SLACK_ROLE === 'driver') {
  driver().catch((e: unknown) => {
    process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromDriver);
    process.exitCode = 1;
  });
} else {
  main().catch((e: unknown) => {
    console.error(`bench-slack failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}

/**
 * `npm run load`: starts the real server (`bot/main.ts`, as `npm start` does) in a child process and drives its
 * web chat and Slack endpoint on loopback with autocannon. Reports throughput, latency p50/p95/p99, errors, the
 * server's peak RSS, and that every Slack event got exactly one answer (Slack's Web API is a local fake that
 * counts them). Then a shutdown under load: a burst of Slack questions, SIGTERM right after the last
 * acknowledgement, and how many of the acknowledged questions were answered before the process ended. Last, two
 * replicas on one throwaway PostgreSQL (test/support/postgres.ts): Slack retries to the other replica are not
 * answered twice, and one web-chat user gets one quota across both.
 * Results: eval/results/load.json. Runs in well under two minutes on 2 cores.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../ingest/pipeline.js';
import { fallback } from '../bot/server/limits.js';
import { startTestPostgres } from '../test/support/postgres.js';

const DURATION_S = Number(process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const SLACK_RATE = Number(process.env.LOAD_SLACK_RATE ?? 100);
const SHUTDOWN_EVENTS = Number(process.env.LOAD_SHUTDOWN_EVENTS ?? 300);
const SIGNING_SECRET = 'load-test-signing-secret';
const REPLICA_EVENTS = Number(process.env.LOAD_REPLICA_EVENTS ?? 100);
/** QUESTIONS_PER_MINUTE that startBot gives every server: the per-user quota of bot/server/limits.ts. */
const QUOTA = 20;

const QUESTIONS = [
  'Mag ik een fles wijn van een leverancier aannemen?',
  'Mag ik naast mijn baan als beleidsmedewerker een bijbaan in de horeca nemen?',
  'Mag ik op LinkedIn iets over ons nieuwe beleid zeggen?',
  'Moet ik mijn aandelen melden?',
  'Can I accept a dinner invitation from a consultancy firm?',
  'Wat doet een vertrouwenspersoon integriteit?',
  'Hoe werkt de meldprocedure bij een vermoeden van een misstand?',
  'Mag een raadslid meestemmen over een bestemmingsplan van zijn broer?',
];

interface Result {
  endpoint: string;
  requests: number;
  throughputRps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  non2xx: number;
}

async function fakeSlackApi(): Promise<{
  url: string;
  answers: () => number;
  perChannel: () => Map<string, number>;
  /** Posts that start a reply (not the "Meer" part in its thread), per channel. */
  topLevelPerChannel: () => Map<string, number>;
  close: () => void;
}> {
  let answers = 0;
  const perChannel = new Map<string, number>();
  const topLevelPerChannel = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url?.includes('chat.post')) {
        answers++;
        const form = new URLSearchParams(body);
        const parsed = form.has('channel') ? undefined : (JSON.parse(body || '{}') as { channel?: string; thread_ts?: string });
        const channel = form.get('channel') ?? parsed?.channel ?? '?';
        perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
        if (!(form.get('thread_ts') ?? parsed?.thread_ts)) topLevelPerChannel.set(channel, (topLevelPerChannel.get(channel) ?? 0) + 1);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ts: '1.1', user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', channel: 'D1' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/`,
    answers: () => answers,
    perChannel: () => perChannel,
    topLevelPerChannel: () => topLevelPerChannel,
    close: () => server.close(),
  };
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Peak resident set size of a process, from the kernel's own high-water mark. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Runs autocannon and keeps every response time, so the percentiles are exact rather than bucketed. */
async function drive(endpoint: string, options: autocannon.Options): Promise<Result> {
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0) * 10) / 10;
  return {
    endpoint,
    requests: r.requests.total,
    throughputRps: Math.round(r.requests.total / DURATION_S),
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** The real server as `npm start` runs it, in a child process, talking to the given fake Slack API. */
async function startBot(slackUrl: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ base: string; server: ReturnType<typeof spawn> }> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      QUESTIONS_PER_MINUTE: String(QUOTA),
      // Every simulated user comes from its own address through a trusted proxy, as behind a load balancer.
      TRUST_PROXY: 'loopback',
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackUrl,
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const up = await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok === true, 60_000);
  if (!up) throw new Error('server did not become ready within 60 s (is the index built? run npm run ingest)');
  return { base, server };
}

function signedEvent(e: number, prefix: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    event_id: `${prefix}${e}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', channel: `D${prefix}${e}`, user: `U${e % 500}`, text: QUESTIONS[e % QUESTIONS.length], ts: `${e}.0001` },
  });
  return { body, headers: signedHeaders(body) };
}

/** Slack's signature over a body with the current timestamp (a retry is the same body, signed afresh). */
function signedHeaders(body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000).toString();
  const sig = `v0=${crypto.createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig };
}

/** POSTs every request through `connections` parallel workers; returns status and body in order of sending. */
async function postAll(requests: Array<() => { url: string; init: RequestInit }>, connections: number): Promise<Array<{ status: number; body: string }>> {
  const statuses: Array<{ status: number; body: string }> = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests.length) {
        const i = next++;
        const { url, init } = requests[i]!();
        const res = await fetch(url, { method: 'POST', ...init }).catch(() => undefined);
        statuses[i] = { status: res?.status ?? 0, body: (await res?.text().catch(() => '')) ?? '' };
      }
    }),
  );
  return statuses;
}

function stopProcess(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Two replicas of the server on one PostgreSQL (same DATABASE_URL, signing secret and SEAL_KEYS). N Slack events go
 * to replica A and the same events again, as Slack's retries re-signed with a fresh timestamp, to replica B: each
 * must be answered once. Then 2 × the per-user quota of web-chat questions from one address, alternating between
 * the replicas: the shared counter must allow one quota, not one per replica.
 */
async function twoReplicas(dataDir: string) {
  const postgres = await startTestPostgres();
  if (!postgres) return { skipped: 'no PostgreSQL server binaries (apt-get install -y postgresql)' };
  const slack = await fakeSlackApi();
  const replicas: Array<ReturnType<typeof spawn>> = [];
  try {
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      SEAL_KEYS: crypto.randomBytes(32).toString('base64'),
    };
    const a = await startBot(slack.url, dataDir, env);
    replicas.push(a.server);
    const b = await startBot(slack.url, dataDir, env);
    replicas.push(b.server);

    const events = Array.from({ length: REPLICA_EVENTS }, (_, i) => signedEvent(i, 'EvR').body);
    const firstStatuses = await postAll(
      events.map((body) => () => ({ url: `${a.base}/slack/events`, init: { headers: signedHeaders(body), body } })),
      CONNECTIONS,
    );
    const retryStatuses = await postAll(
      events.map((body) => () => ({
        url: `${b.base}/slack/events`,
        init: { headers: { ...signedHeaders(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, body },
      })),
      CONNECTIONS,
    );
    const topLevel = () => [...slack.topLevelPerChannel().entries()].filter(([channel]) => channel.startsWith('DEvR'));
    await waitFor(() => topLevel().length >= REPLICA_EVENTS, 60_000);
    // A duplicate would come from the retry on B, which may still be working: give it time to show up.
    await new Promise((r) => setTimeout(r, 5_000));
    const counts = topLevel().map(([, c]) => c);

    // One web-chat user (the client address, through the trusted proxy) asking 2 × quota questions over both replicas.
    const rateTexts = new Set([fallback('nl', 'rate').text, fallback('en', 'rate').text]);
    const chat = await postAll(
      Array.from({ length: 2 * QUOTA }, (_, i) => () => {
        const base = i % 2 === 0 ? a.base : b.base;
        return {
          url: `${base}/api/chat`,
          init: {
            headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: base, 'x-forwarded-for': '10.99.0.1' },
            body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }),
          },
        };
      }),
      1,
    );
    const isRateLimited = (body: string) => {
      try {
        return rateTexts.has((JSON.parse(body) as { text?: string }).text ?? '');
      } catch {
        return false;
      }
    };
    const allowed = chat.map((r) => r.status === 200 && !isRateLimited(r.body));
    return {
      replicas: 2,
      slack: {
        eventsSent: REPLICA_EVENTS,
        firstDeliveriesAcked: firstStatuses.filter((r) => r.status === 200).length,
        retriesAcked: retryStatuses.filter((r) => r.status === 200).length,
        answersPosted: counts.reduce((x, y) => x + y, 0),
        eventsAnswered: counts.length,
        duplicatesAnswered: counts.reduce((x, c) => x + Math.max(0, c - 1), 0),
      },
      webChat: {
        quotaPerUserPerMinute: QUOTA,
        requestsSent: chat.length,
        allowed: allowed.filter(Boolean).length,
        allowedByReplicaA: allowed.filter((ok, i) => ok && i % 2 === 0).length,
        allowedByReplicaB: allowed.filter((ok, i) => ok && i % 2 === 1).length,
        rateLimited: chat.filter((r) => r.status === 200 && isRateLimited(r.body)).length,
        otherStatus: chat.filter((r) => r.status !== 200).length,
      },
    };
  } finally {
    await Promise.all(replicas.map(stopProcess));
    slack.close();
    await postgres.stop();
  }
}

/**
 * A burst of Slack questions, SIGTERM as soon as the last is acknowledged, then count: every acknowledged question
 * must have been answered before the process ended (Slack does not resend an event it got a 200 for).
 */
async function shutdownUnderLoad(dataDir: string) {
  const slack = await fakeSlackApi();
  const { base, server } = await startBot(slack.url, dataDir);
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < SHUTDOWN_EVENTS) {
        const { body, headers } = signedEvent(next++, 'EvS');
        const res = await fetch(`${base}/slack/events`, { method: 'POST', headers, body });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    }),
  );
  const acknowledged = statuses.filter((s) => s === 200).length;
  const answeredAtSigterm = slack.answers();
  const killedAt = Date.now();
  server.kill('SIGTERM');
  const exitCode = await new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  const result = {
    questionsSent: SHUTDOWN_EVENTS,
    acknowledged,
    answeredBeforeSigterm: answeredAtSigterm,
    answered: slack.answers(),
    notAnswered: Math.max(0, acknowledged - slack.answers()),
    secondsFromSigtermToExit: Math.round((Date.now() - killedAt) / 100) / 10,
    exitCode,
  };
  slack.close();
  return result;
}

async function main(): Promise<void> {
  const slack = await fakeSlackApi();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-load-'));
  // The index is the project's own (data/index); trends go to a throwaway SQLite file.
  fs.symlinkSync(path.join(PROJECT_ROOT, 'data', 'index'), path.join(dataDir, 'index'));
  const { base, server } = await startBot(slack.url, dataDir);

  let n = 0;
  const replyKinds: Record<string, number> = {};
  const web = await drive('POST /api/chat (web chat, full answer)', {
    url: `${base}/api/chat`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
            body: JSON.stringify({ text: QUESTIONS[n % QUESTIONS.length] }),
          };
        },
        onResponse: (_status: number, body: string) => {
          const kind = (/"kind":"(\w+)"/.exec(body)?.[1] ?? 'unreadable');
          replyKinds[kind] = (replyKinds[kind] ?? 0) + 1;
        },
      },
    ],
  });

  let e = 0;
  const slackRun = await drive(`POST /slack/events (signed, ack; ${SLACK_RATE} events/s)`, {
    url: `${base}/slack/events`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    // A fixed rate far above Slack's own (about 30,000 events per workspace per hour, roughly 8 per second), so
    // the answers can be counted; an unbounded flood would only measure the overload shedding.
    overallRate: SLACK_RATE,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, ...signedEvent(++e, 'Ev') }),
      },
    ],
  });

  // Slack events are acked first and answered afterwards: wait until the answers have drained.
  const drainStart = Date.now();
  await waitFor(() => slack.answers() >= slackRun.requests, 90_000);
  const drainMs = Date.now() - drainStart;
  // Answers only: an answer's "Meer" part goes into its thread and is not a second answer.
  const counts = [...slack.topLevelPerChannel().values()];
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    durationSecondsPerEndpoint: DURATION_S,
    connections: CONNECTIONS,
    endpoints: [web, slackRun],
    webReplyKinds: replyKinds,
    slack: {
      eventsSent: slackRun.requests,
      answersPosted: slack.answers(),
      eventsWithExactlyOneAnswer: counts.filter((c) => c === 1).length,
      eventsWithMoreThanOneAnswer: counts.filter((c) => c > 1).length,
      secondsToDrainAnswerQueue: Math.round(drainMs / 100) / 10,
    },
    serverPeakRssMb: peakRssMb(server.pid!),
    shutdownUnderLoad: {} as Awaited<ReturnType<typeof shutdownUnderLoad>>,
    twoReplicas: {} as Awaited<ReturnType<typeof twoReplicas>>,
  };
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  slack.close();
  results.shutdownUnderLoad = await shutdownUnderLoad(dataDir);
  results.twoReplicas = await twoReplicas(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(PROJECT_ROOT, 'eval/results'), { recursive: true });
  fs.writeFileSync(path.join(PROJECT_ROOT, 'eval/results/load.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log('| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.endpoints) {
    console.log(`| ${r.endpoint} | ${r.requests} | ${r.throughputRps} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} | ${r.non2xx} |`);
  }
  console.log(`\nWeb chat replies by kind: ${JSON.stringify(replyKinds)}`);
  const sl = results.slack;
  console.log(`\nSlack: ${sl.eventsSent} events acked, ${sl.answersPosted} answers posted (${sl.eventsWithExactlyOneAnswer} events with exactly one answer, ${sl.eventsWithMoreThanOneAnswer} with more), answer queue drained ${sl.secondsToDrainAnswerQueue} s after the burst`);
  console.log(`Server peak RSS: ${results.serverPeakRssMb} MB`);
  const sd = results.shutdownUnderLoad;
  console.log(
    `\nShutdown under load: ${sd.acknowledged} of ${sd.questionsSent} Slack questions acknowledged, SIGTERM with ${sd.answeredBeforeSigterm} answered; ` +
      `${sd.answered} answered and ${sd.notAnswered} not when the process ended ${sd.secondsFromSigtermToExit} s later (exit ${sd.exitCode})`,
  );
  const tr = results.twoReplicas;
  if ('skipped' in tr) console.log(`\nTwo replicas: skipped (${tr.skipped})`);
  else {
    console.log(
      `\nTwo replicas on one PostgreSQL: ${tr.slack.eventsSent} Slack events to A (${tr.slack.firstDeliveriesAcked} acked) and the same again as retries to B ` +
        `(${tr.slack.retriesAcked} acked): ${tr.slack.answersPosted} answers posted for ${tr.slack.eventsAnswered} events, ${tr.slack.duplicatesAnswered} duplicates`,
    );
    console.log(
      `Web chat, one user, ${tr.webChat.requestsSent} questions alternating over both replicas (quota ${tr.webChat.quotaPerUserPerMinute}/min): ` +
        `${tr.webChat.allowed} allowed (A ${tr.webChat.allowedByReplicaA}, B ${tr.webChat.allowedByReplicaB}), ${tr.webChat.rateLimited} rate-limited, ${tr.webChat.otherStatus} other status`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

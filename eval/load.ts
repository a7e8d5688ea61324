/**
 * `npm run load`: drives the web chat and the Slack endpoint of the composed server on loopback with autocannon
 * and reports throughput, latency p50/p95/p99, errors and the server's RSS. Slack's Web API is a local fake
 * that counts answers. Results: eval/results/load.json. Runs in well under two minutes on 2 cores.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { loadConfig } from '../bot/config/load.js';
import { createLogger } from '../bot/log.js';
import { composeServer } from '../bot/server/compose.js';
import { PROJECT_ROOT } from '../ingest/pipeline.js';

const DURATION_S = Number(process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const SIGNING_SECRET = 'load-test-signing-secret';

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

async function fakeSlackApi(): Promise<{ url: string; answers: () => number; close: () => void }> {
  let answers = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('chat.post')) answers++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ts: '1.1', user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', channel: 'D1' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api/`, answers: () => answers, close: () => server.close() };
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

async function main(): Promise<void> {
  const slack = await fakeSlackApi();
  const dataDir = path.join(PROJECT_ROOT, 'data');
  const config = loadConfig(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      TRENDS_SQLITE_PATH: path.join(dataDir, 'load-trends.sqlite'),
      QUESTIONS_PER_MINUTE: '1000000',
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    },
    PROJECT_ROOT,
  );
  const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const app = await composeServer(config, log);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

  let n = 0;
  const web = await drive('POST /api/chat (web chat, full answer)', {
    url: `${app.running.url}/api/chat`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: QUESTIONS[n++ % QUESTIONS.length] }),
        }),
      },
    ],
  });

  let e = 0;
  const slackRun = await drive('POST /slack/events (signed, ack)', {
    url: `${app.running.url}/slack/events`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          e++;
          const body = JSON.stringify({
            type: 'event_callback',
            team_id: 'T1',
            event_id: `Ev${e}`,
            event_time: Math.floor(Date.now() / 1000),
            event: { type: 'message', channel_type: 'im', channel: 'D1', user: `U${e % 500}`, text: QUESTIONS[e % QUESTIONS.length], ts: `${e}.0001` },
          });
          const ts = Math.floor(Date.now() / 1000).toString();
          const sig = `v0=${crypto.createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
          return { ...req, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body };
        },
      },
    ],
  });

  // Slack events are acked first and answered afterwards: let the answers drain before counting.
  await app.core?.drained();
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(sampler);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    durationSecondsPerEndpoint: DURATION_S,
    connections: CONNECTIONS,
    endpoints: [web, slackRun],
    slack: { eventsSent: slackRun.requests, answersPosted: slack.answers() },
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    trendEventsDropped: app.store?.dropped ?? 0,
  };
  await app.shutdown();
  slack.close();
  fs.rmSync(path.join(dataDir, 'load-trends.sqlite'), { force: true });
  fs.mkdirSync(path.join(PROJECT_ROOT, 'eval/results'), { recursive: true });
  fs.writeFileSync(path.join(PROJECT_ROOT, 'eval/results/load.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log('| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.endpoints) {
    console.log(`| ${r.endpoint} | ${r.requests} | ${r.throughputRps} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} | ${r.non2xx} |`);
  }
  console.log(`\nSlack events sent ${results.slack.eventsSent}, answers posted ${results.slack.answersPosted}; peak RSS ${results.peakRssMb} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

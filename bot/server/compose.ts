/**
 * Wires the configured parts into one running server: index → core (with limits) → channels and pages.
 * The index is brought up to date with the sources first (built when missing). When that fails and the index
 * cannot be loaded, the server starts but only reports why it is not ready: it never serves wrong answers.
 */
import path from 'node:path';
import type { AppConfig } from '../config/schema.js';
import { ensureIndex, PROJECT_ROOT, DEFAULT_ROOT } from '../../ingest/pipeline.js';
import { loadRetriever } from '../../knowledge/search/load.js';
import type { Retriever } from '../../knowledge/search/types.js';
import { neuralConfig } from '../config/neural.js';
import { createCore, createSealer, parseSealKeys } from '../core/index.js';
import { createTriage, type Triage } from '../core/triage/index.js';
import { detectLang } from '../core/lang.js';
import { createWebhookNotifier } from '../core/notify.js';
import { isFictional, loadDirectory } from '../directory/index.js';
import { createSlackChannel } from '../channels/slack/index.js';
import { createTeamsChannel } from '../channels/teams/index.js';
import { createWebChat } from '../channels/web/index.js';
import { createDashboard } from '../trends/dashboard/index.js';
import { openTrendStore, type TrendStore } from '../trends/store/index.js';
import type { Logger } from '../log.js';
import { errorSummary } from '../log.js';
import { startServer, type RunningServer } from './app.js';
import { runChecks, type CheckResult, type ReadinessCheck } from './health.js';
import { withDeadline } from './deadline.js';
import { withLimits, type LimitedCore } from './limits.js';
import { urlHostname } from './hosts.js';
import { createQuotaStore, type Quota } from './ratelimit.js';
import { ONCE_WINDOW_SEC, type OnceStore } from '../core/once.js';
import { Metrics, metricsRoute } from './metrics.js';
import type { Mountable } from './types.js';

export interface Composed {
  running: RunningServer;
  core?: LimitedCore;
  store?: TrendStore;
  metrics: Metrics;
  /**
   * Graceful: stop accepting, finish answers in flight and acknowledged Slack questions (at most `graceMs`, default
   * SHUTDOWN_GRACE_MS), stop channels, close the store (at most `storeCloseMs`).
   */
  shutdown(graceMs?: number, storeCloseMs?: number): Promise<void>;
}

/** How long closing the trend store may take at shutdown, and how long a store health check may take. */
export const STORE_CLOSE_MS = 5_000;
const STORE_CHECK_MS = 2_000;

export interface ComposeOverrides {
  /** A triage stand-in (tests force a route with it); the trained model otherwise. */
  triage?: Triage;
}

export async function composeServer(config: AppConfig, log: Logger, overrides: ComposeOverrides = {}): Promise<Composed> {
  const metrics = new Metrics();
  // Counters the replicas share when they share the trend store's PostgreSQL (chat quota, login lockout, …).
  // Their keys are HMACs under a secret every replica knows: the seal keys when set, else the database URL.
  const quotas = createQuotaStore({
    ...(config.trends.databaseUrl ? { databaseUrl: config.trends.databaseUrl } : {}),
    ...(config.sealKeys ?? config.trends.databaseUrl ? { secret: config.sealKeys ?? config.trends.databaseUrl } : {}),
    log,
  });
  const neural = neuralConfig(config);
  const indexDir = path.resolve(PROJECT_ROOT, config.dataDir, 'index');
  // The directory is configuration: a wrong field stops the start (loadDirectory names it).
  const directory = loadDirectory(path.resolve(PROJECT_ROOT, config.directoryPath));
  if (isFictional(directory)) {
    log.warn({ event: 'directory-fictional', file: config.directoryPath, hint: 'the vertrouwenspersonen directory lists fictional people; set DIRECTORY_FILE to your organisation\'s own' });
  }

  let retriever: Retriever | undefined;
  let indexProblem: string | undefined;
  try {
    // Incremental: unchanged sources cost a hash each, so edited cards and newly configured EXTRA_SOURCES are
    // picked up at every start without a separate ingest step.
    // A damaged index (a file failing its checksum) is not "unchanged": the refresh rebuilds it from the sources.
    const ingest = {
      refresh: true,
      roots: [DEFAULT_ROOT, ...config.extraSources.map((p) => path.resolve(PROJECT_ROOT, p))],
      ...(neural ? { neural } : {}),
      progress: process.stdout.isTTY,
      log,
    };
    await ensureIndex(indexDir, ingest);
    try {
      retriever = await loadRetriever(indexDir, neural ? { neural } : {});
    } catch (e) {
      // Intact checksums but still not loadable (e.g. built for another embedding model, or by a faulty build):
      // one full rebuild from the sources, then the load either works or its error is the reason in /readyz.
      log.warn({ event: 'index-rebuild', reason: e instanceof Error ? e.message : String(e) });
      await ensureIndex(indexDir, { ...ingest, force: true });
      retriever = await loadRetriever(indexDir, neural ? { neural } : {});
    }
    log.info({ event: 'index-loaded', chunks: retriever.manifest.chunkCount, tiers: retriever.manifest.tiers });
  } catch (e) {
    indexProblem = e instanceof Error ? e.message : String(e);
    // Start-up errors name files and fields, never user text (no user has written yet), so the reason is logged.
    log.error({ event: 'index-unavailable', reason: indexProblem });
  }

  let store: TrendStore | undefined;
  let storeProblem: string | undefined;
  try {
    store = await openTrendStore(config.trends, { log });
  } catch (e) {
    // Answers matter more than statistics: serve without a store and say so in /readyz.
    storeProblem = `trend store unavailable (${errorSummary(e).type})`;
    log.error({ event: 'trend-store-unavailable', err: e });
  }

  let triage: Triage | undefined;
  let triageProblem: string | undefined;
  try {
    triage = overrides.triage ?? createTriage();
  } catch (e) {
    // A damaged model must not route messages at random: no answers, and /readyz says why (file names only).
    triageProblem = e instanceof Error ? e.message : String(e);
    log.error({ event: 'triage-unavailable', reason: triageProblem });
  }

  let core: LimitedCore | undefined;
  const parts: Mountable[] = [];
  if (retriever && triage) {
    const inner = createCore({
      retriever,
      directory,
      triage,
      // Configured keys let every replica open the buttons any replica sealed; otherwise one random key per process.
      sealer: createSealer(config.sealKeys ? { keys: parseSealKeys(config.sealKeys) } : {}),
      ...(store ? { recorder: countingRecorder(store, metrics) } : { recorder: { record: () => metrics.inc('integriteitsbot_trend_events_dropped_total') } }),
      composer: {
        ...(config.llm ? { llm: config.llm } : {}),
        maxMessageChars: config.limits.maxMessageChars,
      },
      // One vote and one contact notification per reply, across replicas when they share PostgreSQL.
      once: onceFrom(quotas.quota({ name: 'once', points: 1, durationSec: ONCE_WINDOW_SEC })),
      ...(config.notifyWebhookUrl ? { notifier: createWebhookNotifier({ url: config.notifyWebhookUrl, log }) } : {}),
      log,
    });
    core = withLimits(inner, {
      questionsPerMinute: config.limits.questionsPerMinute,
      answerTimeoutMs: config.limits.answerTimeoutMs,
      detectLang,
      log,
      metrics,
      quotas,
    });
    if (config.webChat) parts.push(createWebChat({ core, log, quotas, maxChars: config.limits.maxMessageChars, contactRequests: Boolean(config.notifyWebhookUrl) }));
    if (config.slack) {
      const databaseUrl = config.trends.databaseUrl;
      parts.push(createSlackChannel({ config: config.slack, core, log, ...(databaseUrl ? { databaseUrl } : {}) }));
    }
    if (config.teams) parts.push(createTeamsChannel({ config: config.teams, core, log, listenHost: config.host }));
  }
  if (store && config.trends.dashboard) parts.push(createDashboard({ store, config: config.trends, log, quotas }));
  const dataDir = path.resolve(PROJECT_ROOT, config.dataDir);
  const storeHealth = async (): Promise<CheckResult> => (store ? await store.health() : { ok: false, reason: storeProblem ?? 'no store' });
  metrics.gauge(
    'integriteitsbot_trend_events_dropped',
    'Trend events dropped (store down, failing or overloaded); answers were served all the same',
    () => (store?.dropped ?? 0) + metrics.get('integriteitsbot_trend_events_dropped_total'),
  );
  metrics.gauge('integriteitsbot_trend_store_up', 'Whether the trend store answers (1) or not (0)', async () => {
    const result = await runChecks([{ name: 'trends', check: storeHealth }], { timeoutMs: STORE_CHECK_MS });
    return result.trends?.ok ? 1 : 0;
  });
  metrics.gauge('integriteitsbot_ready', 'Whether answers can be given (1) or not (0), as /readyz', () => (retriever && triage ? 1 : 0));
  parts.push({ router: metricsRoute(metrics, config.metricsToken ? { token: config.metricsToken } : {}) });

  // Readiness gates traffic, so it fails only when answers cannot be given. The trend store is not among these
  // checks: without it answers are still served (the events are dropped and counted), so an outage shows in
  // /healthz and /metrics instead of taking every replica out of the load balancer.
  const readiness: ReadinessCheck[] = [
    {
      name: 'index',
      check: () =>
        retriever
          ? { ok: true, detail: { chunks: retriever.manifest.chunkCount, tiers: retriever.manifest.tiers } }
          : { ok: false, reason: indexProblem ?? 'index not loaded' },
    },
    {
      name: 'triage',
      check: () => (triage ? { ok: true } : { ok: false, reason: triageProblem ?? 'triage model not loaded' }),
    },
    {
      name: 'model',
      check: () => {
        if (!neural) return { ok: true, detail: { neural: 'not configured' } };
        return retriever?.manifest.tiers.includes('neural')
          ? { ok: true, detail: { model: retriever.manifest.neural?.modelId } }
          : { ok: false, reason: indexProblem ?? 'embedding model configured but not active in the index' };
      },
    },
  ];

  const running = await startServer({
    host: config.host,
    port: config.port,
    parts,
    readiness,
    health: { details: [{ name: 'trends', check: storeHealth }], dataDir, timeoutMs: STORE_CHECK_MS },
    log,
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    allowedHosts: allowedHostsFor(config),
    ...(retriever && triage ? {} : { unavailableReason: retriever ? 'the triage model could not be loaded; see /readyz' : 'the knowledge index could not be loaded; see /readyz' }),
  });

  return {
    running,
    core,
    store,
    metrics,
    async shutdown(graceMs = config.shutdownGraceMs, storeCloseMs = STORE_CLOSE_MS) {
      await running.close(() => core?.drained() ?? Promise.resolve(), graceMs);
      await quotas.close().catch((e: unknown) => log.warn({ event: 'limits-store-close-failed', err: errorSummary(e) }));
      if (!store) return;
      // A hung store (a write waiting on a lock, a server that stopped answering) must not keep the process from
      // stopping: its pending events are lost, which is what dropping them means anyway.
      const closing = store.settled().then(() => store.close());
      const done = await withDeadline(
        closing.then(() => true, () => true),
        storeCloseMs,
        () => false,
      );
      if (!done) log.warn({ event: 'trend-store-close-timeout', ms: storeCloseMs });
    },
  };
}

/** The core records through this, so a failing store shows up in /metrics as well as in the store's own count. */
function countingRecorder(store: TrendStore, metrics: Metrics) {
  return {
    record(event: Parameters<TrendStore['record']>[0]) {
      store.record(event);
      metrics.inc('integriteitsbot_trend_events_total', { kind: event.kind });
    },
  };
}

/** "First time?" as a quota of one point: taking it succeeds once per window. */
function onceFrom(quota: Quota): OnceStore {
  return { first: async (key) => (await quota.take(key)).ok, forget: (key) => quota.reset(key) };
}

/**
 * The Host names to answer: the configured ones, the public URL's, and HOST when it is one address (an address
 * typed by a user is not a rebinding attacker's name). Loopback names are always answered (bot/server/app.ts).
 */
export function allowedHostsFor(config: Pick<AppConfig, 'allowedHosts' | 'publicUrl' | 'host'>): string[] {
  const names = [...config.allowedHosts];
  if (config.publicUrl) names.push(urlHostname(config.publicUrl));
  if (config.host !== '0.0.0.0' && config.host !== '::' && config.host !== '') names.push(config.host);
  return names.filter(Boolean);
}

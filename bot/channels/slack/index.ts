/**
 * The Slack channel: a Bolt app that talks to the core. HTTP mode mounts `/slack/events` (events, slash command
 * and interactivity on one path) on the shared server; Socket Mode connects out with an app-level token.
 */
import { App, ExpressReceiver, SocketModeReceiver, type Receiver, type webApi } from '@slack/bolt';
import { Router } from 'express';
import type { Core, Lang } from '../../core/types.js';
import { errorSummary, type Logger } from '../../log.js';
import type { Mountable } from '../../server/types.js';
import { boltLogger } from './bolt-logger.js';
import { parseSlackConfig, type SlackConfig, type SlackConfigInput } from './config.js';
import { withDeadline } from '../../server/deadline.js';
import { createPgClaimStore } from './claims-pg.js';
import { memoryClaimStore } from './dedupe.js';
import { REPLAY_WINDOW_MS, slackRequestGuard } from './guard.js';
import { registerHandlers } from './handlers.js';
import { createInflight } from './inflight.js';

export { SlackConfig, parseSlackConfig } from './config.js';

/** Events, slash command and interactivity all arrive here (see slack/manifest.yml). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Web API retries: 429 responses are retried after the Retry-After the API asks for (the client pauses its queue
 * for that long); the policy below only adds a short back-off on top and bounds the number of attempts.
 */
export const RETRY_CONFIG: webApi.RetryOptions = { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 8_000, randomize: true };

export interface SlackChannelDeps {
  config: SlackConfig | SlackConfigInput;
  core: Core;
  log: Logger;
  /** Language of the App Home tab (default nl). */
  homeLang?: Lang;
  /**
   * DATABASE_URL: the processed-event dedupe and the replay guard are shared through PostgreSQL, so replicas agree;
   * without it they live in this process's memory.
   */
  databaseUrl?: string;
}

export interface SlackChannel extends Mountable {
  /** HTTP mode only: mount at the server root; it answers POST /slack/events. */
  router?: Router;
  /** Verifies the bot token (auth.test) and, in Socket Mode, connects. Rejects with a clear error. */
  start(): Promise<void>;
  /**
   * Shutdown: refuse new requests with 503 (Slack then delivers them again, to a replica that is up), and finish
   * what was acknowledged (queued answers, replies being posted) within `deadlineMs`. Logs counts only.
   */
  drain(deadlineMs: number): Promise<void>;
  stop(): Promise<void>;
}

function apiBase(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export function createSlackChannel(deps: SlackChannelDeps): SlackChannel {
  const config = parseSlackConfig(deps.config);
  const log = deps.log.child({ channel: 'slack' });
  const logger = boltLogger(log);
  const slackApiUrl = apiBase(config.apiUrl);
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: RETRY_CONFIG,
    timeout: 15_000,
    logger,
    ...(slackApiUrl ? { slackApiUrl } : {}),
  };

  const claims = deps.databaseUrl
    ? createPgClaimStore({ url: deps.databaseUrl, log, replayTtlMs: REPLAY_WINDOW_MS })
    : memoryClaimStore(REPLAY_WINDOW_MS);
  const inflight = createInflight();
  let draining = false;

  let receiver: Receiver;
  let router: Router | undefined;
  if (config.mode === 'http') {
    // Our guard goes on the router first; ExpressReceiver appends Bolt's own handlers to the same route.
    router = Router();
    router.post(SLACK_EVENTS_PATH, (_req, res, next) => {
      if (!draining) return next();
      // Before reading or verifying anything: a 503 makes Slack deliver the request again (another replica).
      res.status(503).set('Retry-After', '1').json({ ok: false, error: 'shutting_down' });
    });
    router.post(SLACK_EVENTS_PATH, ...slackRequestGuard({ signingSecret: config.signingSecret as string, log, replays: claims.replays }));
    receiver = new ExpressReceiver({
      signingSecret: config.signingSecret as string,
      endpoints: SLACK_EVENTS_PATH,
      router,
      processBeforeResponse: false,
      logger,
    });
  } else {
    receiver = new SocketModeReceiver({
      appToken: config.appToken as string,
      logger,
      installerOptions: { clientOptions },
    });
  }

  // Our own authorize: Bolt's built-in one calls auth.test from the constructor. This one calls it once, on
  // start() or the first event, and tries again after a failure instead of caching it.
  let identity: Promise<{ botUserId?: string; botId?: string; teamId?: string }> | undefined;
  const whoAmI = () => {
    identity ??= app.client.auth
      .test({ token: config.botToken })
      .then((r) => ({ botUserId: r.user_id, botId: r.bot_id, teamId: r.team_id }))
      .catch((e: unknown) => {
        identity = undefined;
        throw e;
      });
    return identity;
  };

  const app: App = new App({
    receiver,
    authorize: async () => ({ botToken: config.botToken, ...(await whoAmI()) }),
    logger,
    clientOptions,
    convoStore: false, // no conversation state anywhere
    ignoreSelf: true,
  });
  app.error(async (error) => {
    const data = (error as { original?: { data?: { error?: unknown } }; data?: { error?: unknown } });
    const apiError = data.data?.error ?? data.original?.data?.error;
    log.error({ event: 'slack.error', err: errorSummary(error), ...(typeof apiError === 'string' ? { apiError } : {}) });
  });

  // Both receivers hand every request to processEvent, which settles only when all listeners are done: the one
  // place that sees the whole life of an acknowledged question, whatever listener answers it.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inflight.track(processEvent(event));

  registerHandlers(app, { core: deps.core, log, seen: claims.events, ...(deps.homeLang ? { homeLang: deps.homeLang } : {}) });

  let started = false;
  const stopSocket = async () => {
    if (config.mode === 'socket' && started) {
      await app.stop();
      started = false;
    }
  };
  return {
    ...(router ? { router } : {}),
    async start() {
      try {
        await whoAmI();
      } catch (e) {
        const code = (e as { data?: { error?: unknown } }).data?.error;
        throw new Error(
          `Slack: the bot token was not accepted by auth.test (${typeof code === 'string' ? code : errorSummary(e).type}); check SLACK_BOT_TOKEN`,
        );
      }
      if (config.mode === 'socket' && !started) {
        await app.start();
        started = true;
      }
      log.info({ event: 'slack.started', mode: config.mode });
    },
    async drain(deadlineMs) {
      draining = true;
      const pending = inflight.pending;
      // Started before the first await, so this deadline falls before the server's own grace timer and the counts
      // are logged before the process ends.
      const finished = withDeadline(inflight.idle().then(() => true), deadlineMs, () => false);
      // Socket Mode: disconnecting stops new events; Slack resends those we did not acknowledge.
      await stopSocket().catch((e: unknown) => log.warn({ event: 'slack.stop_failed', err: errorSummary(e) }));
      const done = await finished;
      const unanswered = done ? 0 : inflight.pending;
      log[unanswered ? 'warn' : 'info']({ event: 'slack.drained', pending, answered: Math.max(0, pending - unanswered), unanswered, ms: deadlineMs });
    },
    async stop() {
      await stopSocket();
      await claims.close();
    },
  };
}

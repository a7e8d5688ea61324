/**
 * Microsoft Teams channel: the Bot Framework endpoint POST /api/messages on a real botbuilder CloudAdapter.
 * With Bot Framework credentials every request must carry a valid token (401 otherwise); without them the channel
 * runs in emulator mode for the Bot Framework Emulator and tests. Emulator mode answers anyone who can reach it and
 * posts its replies to the serviceUrl the request names, so it stays on this machine: it refuses to start on a
 * non-loopback address, answers only loopback clients, and refuses activities whose serviceUrl is not loopback.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createLogger, errorSummary, type Logger } from '../../log.js';
import type { Core } from '../../core/types.js';
import { isLoopbackHost, urlHostname } from '../../server/hosts.js';
import type { Mountable } from '../../server/types.js';
import { activityProblems } from './activity.js';
import { createTurnHandler } from './bot.js';
import { hasCredentials, parseTeamsConfig, type TeamsConfig, type TeamsConfigInput } from './config.js';
import { NOTICES } from './render.js';

export const TEAMS_PATH = '/api/messages';

export interface TeamsChannelOptions {
  /** Parsed `TeamsConfig` or its raw input (parsed here; errors name the field). */
  config: TeamsConfigInput | TeamsConfig;
  core: Core;
  log?: Logger;
  /** Bot Framework authentication settings on top of the credentials (another cloud's endpoints; tests). */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** The address the server listens on (HOST); emulator mode refuses anything but loopback. */
  listenHost?: string;
}

export function botFrameworkAuthOptions(config: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (!hasCredentials(config)) {
    // Empty app id = authentication disabled. MultiTenant because SingleTenant insists on a tenant id.
    return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  }
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
    CertificateThumbprint: config.certificateThumbprint,
    CertificatePrivateKey: config.certificatePrivateKey,
  };
}

/** The CloudAdapter with its protected processActivity opened up: authenticate, then run the turn. */
class RequestAdapter extends CloudAdapter {
  authenticateAndRun(authHeader: string, activity: Activity, logic: Parameters<CloudAdapter['processActivityDirect']>[2]) {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createTeamsChannel(options: TeamsChannelOptions): Mountable {
  const config = parseTeamsConfig(options.config);
  const log = options.log ?? createLogger();
  const emulator = !hasCredentials(config);
  if (emulator) {
    if (options.listenHost !== undefined && !isLoopbackHost(options.listenHost)) {
      throw new Error(
        `Teams emulator mode (no MICROSOFT_APP_ID) only listens on a loopback address, not on HOST=${options.listenHost}: ` +
          'set HOST=127.0.0.1, or configure the Bot Framework credentials (docs/teams.md)',
      );
    }
    log.warn({ event: 'teams.emulator-mode', authenticated: false }, 'Teams runs WITHOUT authentication (emulator mode): for local testing only');
  }
  const adapter = new RequestAdapter(new ConfigurationBotFrameworkAuthentication({ ...botFrameworkAuthOptions(config), ...options.authOverrides }));
  adapter.onTurnError = async (context, err) => {
    log.error({ event: 'teams.turn.error', err: errorSummary(err) });
    try {
      await context.sendActivity(NOTICES.nl.failed);
    } catch {
      // The connector itself may be what failed; the error is logged above.
    }
  };
  const onTurn = createTurnHandler({ core: options.core, log, adapter, appId: config.appId ?? '' });

  const router = express.Router();
  router.post(TEAMS_PATH, express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const problems = activityProblems(req.body);
    if (problems) {
      log.warn({ event: 'teams.activity.invalid' });
      res.status(400).json({ error: `invalid activity: ${problems}` });
      return;
    }
    if (emulator) {
      // Said on every request, so nobody runs this unnoticed where it matters.
      log.warn({ event: 'teams.emulator-mode', authenticated: false }, 'Teams request answered WITHOUT authentication (emulator mode)');
      // The socket, not req.ip: a forwarded-for header is the client's own claim here.
      if (!isLoopbackHost(req.socket.remoteAddress)) {
        res.status(403).json({ error: 'emulator mode answers this machine only' });
        return;
      }
      // The reply would be POSTed there: off this machine that is a request on the caller's behalf.
      if (!isLoopbackHost(urlHostname((req.body as { serviceUrl: string }).serviceUrl))) {
        res.status(400).json({ error: 'emulator mode replies to a loopback serviceUrl only' });
        return;
      }
    }
    // adapter.process() would print every failure, an unauthenticated request included, to the console as a raw
    // stack trace and answer 500 with the internal message; the same steps here answer with a generic body and
    // log one structured line.
    const activity = withDates(req.body as Activity);
    try {
      const invoke = await adapter.authenticateAndRun(req.headers.authorization ?? '', activity, onTurn);
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.send(invoke.body);
      res.end();
    } catch (err) {
      // What escapes processActivity is authentication: the turn's own errors end in onTurnError.
      const refusal = authRefusal(err);
      log.warn({ event: 'teams.refused', status: refusal.status, reason: refusal.reason, err: errorSummary(err) });
      res.status(refusal.status).json({ error: refusal.body });
    }
  });
  router.all(TEAMS_PATH, (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'use POST' });
  });
  // Body parser errors. Their messages can quote the request body, so only a fixed text goes out and nothing is logged but the kind.
  router.use(TEAMS_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: unknown }).type;
    log.warn({ event: 'teams.request.rejected', type: typeof type === 'string' ? type : errorSummary(err).type });
    if (type === 'entity.too.large') return void res.status(413).json({ error: 'activity too large' });
    if (type === 'entity.parse.failed') return void res.status(400).json({ error: 'request body is not valid JSON' });
    const status = (err as { status?: unknown }).status;
    res.status(typeof status === 'number' && status >= 400 && status < 500 ? status : 500).json({ error: 'request rejected' });
  });

  return { router };
}

/**
 * A token the Bot Framework checks rejected (botbuilder's AuthenticationError carries a 4xx statusCode) is 401;
 * anything else means the token could not be checked (e.g. the signing keys' endpoint is unreachable): 503, so
 * the Bot Connector tries again rather than the bot treating the request as refused for good.
 */
export function authRefusal(err: unknown): { status: 401 | 503; reason: string; body: string } {
  const code = (err as { statusCode?: unknown }).statusCode;
  if (typeof code === 'number' && code >= 400 && code < 500) return { status: 401, reason: 'invalid_token', body: 'unauthorized' };
  return { status: 503, reason: 'auth_unavailable', body: 'authentication unavailable' };
}

/** What botbuilder's own request handling does before processActivity: ISO date strings become Dates. */
function withDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a;
}

export { parseTeamsConfig, TeamsConfig } from './config.js';
export { renderCard } from './render.js';

/**
 * The one HTTP server: health endpoints plus whatever parts are configured (Slack, Teams, web chat, dashboard).
 * Parts bring their own routes and body parsers: Slack must see the raw body to verify signatures.
 */
import http from 'node:http';
import express from 'express';
import type { Logger } from '../log.js';
import { healthRoutes, type HealthOptions, type ReadinessCheck } from './health.js';
import { isLoopbackHost } from './hosts.js';
import type { Mountable } from './types.js';

export interface ServerOptions {
  parts: Mountable[];
  readiness: ReadinessCheck[];
  /** Shown in /healthz, never gating readiness (e.g. the trend store); also the data dir for path-free reasons. */
  health?: HealthOptions;
  log: Logger;
  /** Served instead of the parts when the bot cannot answer correctly (e.g. a corrupt index). */
  unavailableReason?: string;
  /** Express "trust proxy" setting (see AppConfig.trustProxy). */
  trustProxy?: string;
  /** Host names the server answers (421 otherwise); loopback names when absent (see allowedHostsFor). */
  allowedHosts?: string[];
}

export interface RunningServer {
  server: http.Server;
  url: string;
  state: { shuttingDown: boolean };
  /** Stop accepting, wait for in-flight work (`drain` and the parts' own) for at most `graceMs`, stop the parts. */
  close(drain?: () => Promise<void>, graceMs?: number): Promise<void>;
}

export function createApp(options: ServerOptions, state: { shuttingDown: boolean }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Path only: query strings and bodies may carry what a user typed.
      options.log.info({
        event: 'http',
        method: req.method,
        path: req.path.length > 64 ? `${req.path.slice(0, 64)}…` : req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
  // No response of ours is meant to be sniffed into another type (JSON as HTML, a CSS file as script).
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(assetGuard);
  // Orchestrators probe health on the pod address, so these stay open to any Host; they carry no user data.
  app.use(healthRoutes(options.readiness, state, options.health));
  app.use(hostGuard(options.allowedHosts ?? []));
  if (options.unavailableReason) {
    const reason = options.unavailableReason;
    app.use((_req, res) => {
      res.status(503).json({ error: 'unavailable', reason });
    });
  } else {
    for (const part of options.parts) if (part.router) app.use(part.router);
  }
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // A final error handler that never echoes the request.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    options.log.error({ event: 'http-error', err });
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
  return app;
}

/**
 * Asset routes look names up in tables and hand them to the file system. A name that is not a plain file name
 * (a property every object has, such as "__proto__" or "constructor"; "." or ".."; an encoded slash) is answered
 * 404 here, before any part's route sees it, so no lookup can reach a prototype or leave the asset folder.
 */
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isSafeAssetPath(pathname: string): boolean {
  const at = pathname.indexOf('/assets/');
  if (at < 0) return true;
  for (const raw of pathname.slice(at + '/assets/'.length).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return false;
    }
    if (segment === '.' || segment === '..' || /[\\/\0]/.test(segment) || PROTOTYPE_NAMES.has(segment)) return false;
  }
  return true;
}

function assetGuard(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (isSafeAssetPath(req.path)) return next();
  res.status(404).json({ error: 'not found' });
}

/**
 * Answers only requests for the names the server is meant for. A page on another site can point its own host name
 * at 127.0.0.1 (DNS rebinding) and then read this server as same-origin; the Host it sends is its own name, so it
 * gets 421 here. Loopback names are always allowed (the local default, the tests, a sidecar). /metrics has its
 * own token and is scraped by address, so it is left to that.
 */
export function hostGuard(allowed: string[]): express.RequestHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, res, next) => {
    if (req.path === '/metrics') return next();
    const raw = req.hostname;
    if (!raw) return void res.status(400).json({ error: 'Host header required' });
    const name = raw.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (isLoopbackHost(name) || names.has(name)) return next();
    res.status(421).json({ error: 'misdirected request: unknown host name' });
  };
}

export async function startServer(options: ServerOptions & { host: string; port: number }): Promise<RunningServer> {
  const state = { shuttingDown: false };
  const app = createApp(options, state);
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  for (const part of options.parts) await part.start?.();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  return {
    server,
    url,
    state,
    async close(drain, graceMs = 10_000) {
      state.shuttingDown = true;
      // Parts first: they start refusing new work (Slack: 503, so it is delivered again elsewhere) at once, on
      // connections a load balancer keeps open, while what they accepted is finished.
      const parts = Promise.all(options.parts.map((part) => part.drain?.(graceMs)));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.all([closed, parts, drain?.() ?? Promise.resolve()]), grace]);
      server.closeAllConnections();
      for (const part of options.parts) await part.stop?.();
    },
  };
}

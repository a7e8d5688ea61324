/**
 * The local web chat: one page in the Dutch government look plus a small JSON API on the same core.
 * Routes (relative to `basePath`, default ""): GET / (page), GET /assets/… (local CSS/JS, no CDN),
 * GET /api/welcome, POST /api/chat, POST /api/reroute, POST /api/feedback, POST /api/contact.
 */
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z, ZodTypeAny } from 'zod';
import { citationParts } from '../../core/compose/render.js';
import { citationLabel } from '../../core/citation.js';
import { DEFAULT_MAX_CHARS } from '../../core/guard.js';
import type { Citation, Core, Reply } from '../../core/types.js';
import { errorSummary, type Logger } from '../../log.js';
import { createQuotaStore, type QuotaStore } from '../../server/ratelimit.js';
import type { Mountable } from '../../server/types.js';
import { chatPage } from './page.js';
import { ChatRequest, ContactRequestBody, FeedbackRequest, RerouteRequestBody } from './schema.js';

const nodeModule = (p: string) => fileURLToPath(new URL(`../../../node_modules/${p}`, import.meta.url));
const ASSETS: Record<string, { file: string; type: string }> = {
  'rhc/components.css': { file: nodeModule('@rijkshuisstijl-community/components-css/dist/index.css'), type: 'text/css' },
  'rhc/tokens.css': { file: nodeModule('@rijkshuisstijl-community/design-tokens/dist/index.css'), type: 'text/css' },
  'webchat.css': { file: fileURLToPath(new URL('./static/webchat.css', import.meta.url)), type: 'text/css' },
  'webchat.js': { file: fileURLToPath(new URL('./static/webchat.js', import.meta.url)), type: 'text/javascript' },
};

/** Request bodies are small JSON; anything bigger is refused before parsing. */
export const BODY_LIMIT = '32kb';

/**
 * Per client address. A person asks for contact once or twice; a vote is one click per answer. Well above that is
 * a script: each contact request can reach a vertrouwenspersoon's inbox, and each vote becomes a trend event.
 */
export const CONTACT_LIMIT = { points: 5, durationSec: 10 * 60 };
export const FEEDBACK_LIMIT = { points: 30, durationSec: 10 * 60 };

/**
 * Another site's page can make a browser send a POST here (a form, or fetch without reading the answer). Browsers
 * say where a request comes from: Sec-Fetch-Site, and Origin on every POST. Only the page's own origin passes;
 * a request with neither header is not from a browser, so it cannot carry a visitor's browser along.
 */
export function isCrossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  try {
    // req.host: the Host the browser used, also behind a trusted proxy that forwards it (X-Forwarded-Host).
    return new URL(origin).host !== req.host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) and anything unparsable
  }
}

export interface WebChatOptions {
  core: Core;
  log?: Logger;
  basePath?: string;
  /** The core's length limit (MAX_MESSAGE_CHARS), shown by the page's character counter. */
  maxChars?: number;
  /** Whether a notifier is configured: with one the page offers the warm-handoff form, without it the direct routes. */
  contactRequests?: boolean;
  quotas?: QuotaStore;
}

export function createWebChat(opts: WebChatOptions): Mountable {
  const { core, log } = opts;
  const quotas = opts.quotas ?? createQuotaStore();
  const contactQuota = quotas.quota({ name: 'web-contact', ...CONTACT_LIMIT });
  const feedbackQuota = quotas.quota({ name: 'web-feedback', ...FEEDBACK_LIMIT });
  const base = (opts.basePath ?? '').replace(/\/$/, '');
  const router = express.Router();
  const parseJson = express.json({ limit: BODY_LIMIT, type: () => true });
  // JSON only: the page always sends application/json, and a form or text/plain post from another site (which a
  // browser sends without asking) is refused before anything is read.
  const jsonOnly = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/json')) return void res.status(415).json({ error: 'content type must be application/json' });
    next();
  };
  const sameOrigin = (req: Request, res: Response, next: NextFunction) => {
    if (isCrossSite(req)) return void res.status(403).json({ error: 'cross-site request refused' });
    next();
  };
  const json: RequestHandler[] = [sameOrigin, jsonOnly, parseJson];
  /** Counted before the core is asked; the address stays in memory or as an HMAC in the shared table. */
  const limit = (quota: typeof contactQuota): RequestHandler => (req, res, next) => {
    quota.take(req.ip ?? 'unknown').then((taken) => {
      if (taken.ok) return next();
      res.status(429).set('Retry-After', String(taken.retryAfterSec)).json({ error: 'too many requests' });
    }, next);
  };
  const security = (_req: Request, res: Response, next: NextFunction) => {
    res.set({
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    next();
  };

  router.get(`${base}/`, security, (_req, res) => {
    res.type('html').send(chatPage(`${base}/assets`, { maxChars: opts.maxChars ?? DEFAULT_MAX_CHARS, contactRequests: opts.contactRequests ?? false }));
  });
  router.get(`${base}/assets/*path`, (req, res) => {
    const rel = ([] as string[]).concat((req.params as { path: string | string[] }).path).join('/');
    const asset = ASSETS[rel];
    if (!asset) return void res.status(404).json({ error: 'not found' });
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600').sendFile(asset.file);
  });
  router.get(`${base}/api/welcome`, (req, res) => {
    res.json(withLabels(core.welcome(req.query.lang === 'en' ? 'en' : 'nl')));
  });
  router.post(`${base}/api/chat`, ...json, async (req, res, next) => {
    const parsed = body(ChatRequest, req, res);
    if (!parsed) return;
    try {
      // The rate limit counts per client address; the key stays in memory and is never logged.
      const reply = await core.handle({
        text: parsed.text,
        channel: 'web',
        conversation: 'personal',
        ...(req.ip ? { userKey: req.ip } : {}),
        ...(parsed.lang ? { lang: parsed.lang } : {}),
        ...(parsed.context ? { context: parsed.context } : {}),
      });
      res.json(withLabels(reply));
    } catch (e) {
      next(e);
    }
  });
  // A click on a reroute button: the same message once more, the other way. Same body rules and the same
  // rate-limit key as /api/chat (a click is a turn too); the token is opened by the core, never read here.
  router.post(`${base}/api/reroute`, ...json, async (req, res, next) => {
    const parsed = body(RerouteRequestBody, req, res);
    if (!parsed) return;
    try {
      const reply = await core.reroute({ token: parsed.token, target: parsed.target, channel: 'web', conversation: 'personal', ...(req.ip ? { userKey: req.ip } : {}) });
      res.json(withLabels(reply));
    } catch (e) {
      next(e);
    }
  });
  router.post(`${base}/api/feedback`, ...json, limit(feedbackQuota), async (req, res, next) => {
    const parsed = body(FeedbackRequest, req, res);
    if (!parsed) return;
    try {
      // Acknowledged alike whether counted or dropped (a repeat, a forged ref): nothing to learn from the answer.
      await core.feedback({ vote: parsed.vote, ref: parsed.ref, channel: 'web' });
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  router.post(`${base}/api/contact`, ...json, limit(contactQuota), async (req, res, next) => {
    const parsed = body(ContactRequestBody, req, res);
    if (!parsed) return;
    try {
      const { requester, ...rest } = parsed;
      const result = await core.requestContact({ ...rest, requester: requester.displayName || requester.email ? requester : { displayName: 'web chat' }, channel: 'web' });
      res.json({ ...result, reply: withLabels(result.reply) });
    } catch (e) {
      next(e);
    }
  });
  // Body parser errors carry the raw body in their message: answer with the type only, log the type only.
  router.use(`${base}/api`, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return void res.status(413).json({ error: 'request too large' });
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') return void res.status(400).json({ error: 'invalid JSON' });
    log?.error({ event: 'webchat-error', err: errorSummary(err) });
    if (res.headersSent) return next(err);
    res.status(500).json({ error: 'internal error' });
  });
  return { router };
}

/** The page shows each source by the same label every channel uses; the browser gets it ready-made. */
/**
 * Citations with their label, their marker number `n` and the part that lists them: the page shows `visible` ones
 * under the answer and `more` ones inside its "Meer" details.
 */
function withLabels(reply: Reply): Reply & { citations: Array<Citation & { label: string; n: number; part: 'visible' | 'more' }> } {
  const { more } = citationParts(reply);
  return { ...reply, citations: reply.citations.map((c, i) => ({ ...c, label: citationLabel(c), n: i + 1, part: more.includes(i + 1) ? 'more' : 'visible' })) };
}

/** The request body checked against its schema; a 400 naming the bad fields (never their values) otherwise. */
function body<S extends ZodTypeAny>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  res.status(400).json({ error: 'invalid request', fields: parsed.error.issues.map((i) => i.path.join('.') || '(root)') });
  return undefined;
}

/**
 * Express middleware in front of Bolt's own request handling on /slack/events.
 * Bolt verifies signatures too, but on a payload it cannot classify it silently never acknowledges (Slack then
 * sees a 404 after 3 s). This guard verifies the signature first (401; also for a timestamp in the future and for
 * a replayed signature), then checks the payload shape and refuses
 * clearly (400, or a polite ephemeral for a slash command) before Bolt sees it. The raw body it read is handed
 * to Bolt as `req.rawBody`, which Bolt's receiver uses instead of reading the stream again.
 */
import { createHash } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { verifySlackRequest } from '@slack/bolt';
import { errorSummary, type Logger } from '../../log.js';
import type { Claims } from './dedupe.js';
import {
  BlockActions,
  EventCallback,
  SlashCommand,
  UrlVerification,
  eventSchemaFor,
  problemOf,
  type PayloadProblem,
} from './payloads.js';
import { ACTION_IDS, REQUEST_CONTACT_ACTION, REROUTE_ACTION } from './render.js';
import { texts } from './texts.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Bolt's verifier refuses signatures older than 5 minutes; it accepts any date in the future. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;
/** How far ahead of our clock Slack's may be: NTP-synced clocks differ by far less. */
export const MAX_CLOCK_SKEW_MS = 60_000;
/** A signature stays valid from (at most) the skew ahead until 5 minutes after: remember it that long. */
export const REPLAY_WINDOW_MS = SIGNATURE_MAX_AGE_MS + MAX_CLOCK_SKEW_MS + 30_000;

type Verdict =
  | { pass: true }
  | { pass: false; status: number; body: unknown; reason: string; problem?: PayloadProblem };

const refuse = (reason: string, problem?: PayloadProblem): Verdict => ({
  pass: false,
  status: 400,
  reason,
  ...(problem ? { problem } : {}),
  body: { ok: false, error: reason, ...(problem ? { field: problem.field } : {}) },
});

const KNOWN_ACTION = (actionId: string) =>
  actionId === ACTION_IDS.feedbackUp || actionId === ACTION_IDS.feedbackDown || REQUEST_CONTACT_ACTION.test(actionId) || REROUTE_ACTION.test(actionId);

function classifyJson(raw: string): Verdict {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse('malformed_json');
  }
  const type = (body as { type?: unknown } | null)?.type;
  if (type === 'url_verification') {
    const r = UrlVerification.safeParse(body);
    return r.success ? { pass: true } : refuse('malformed_url_verification', problemOf(r.error));
  }
  if (type === 'event_callback') {
    const r = EventCallback.safeParse(body);
    if (!r.success) return refuse('malformed_event', problemOf(r.error));
    const schema = eventSchemaFor(r.data.event as { type: string; subtype?: unknown; bot_id?: unknown });
    if (schema) {
      const e = schema.safeParse(r.data.event);
      if (!e.success) {
        const p = problemOf(e.error);
        return refuse('malformed_event', { ...p, field: `event.${p.field}` });
      }
    }
    return { pass: true };
  }
  if (type === 'app_rate_limited') {
    // Slack tells us it is dropping events for a while; nothing to do but acknowledge.
    return { pass: false, status: 200, body: '', reason: 'app_rate_limited' };
  }
  return refuse('unsupported_payload_type');
}

function classifyForm(raw: string): Verdict {
  const form = parseQuery(raw);
  if (typeof form.payload === 'string') {
    let payload: unknown;
    try {
      payload = JSON.parse(form.payload);
    } catch {
      return refuse('malformed_json');
    }
    if ((payload as { type?: unknown } | null)?.type !== 'block_actions') return refuse('unsupported_payload_type');
    const r = BlockActions.safeParse(payload);
    if (!r.success) return refuse('malformed_interaction', problemOf(r.error));
    // Bolt would leave an unknown action unacknowledged; we render no other buttons, so just acknowledge it.
    if (!r.data.actions.some((a) => KNOWN_ACTION(a.action_id))) {
      return { pass: false, status: 200, body: '', reason: 'unknown_action' };
    }
    return { pass: true };
  }
  if (form.ssl_check !== undefined) return { pass: true };
  if (typeof form.command === 'string') {
    const r = SlashCommand.safeParse(form);
    if (r.success) return { pass: true };
    // Recognisably a slash command: answer the person politely (shown only to them) rather than with an error.
    return {
      pass: false,
      status: 200,
      reason: 'malformed_command',
      problem: problemOf(r.error),
      body: { response_type: 'ephemeral', text: texts('nl').unreadable },
    };
  }
  return refuse('unsupported_payload_type');
}

/** Shape check of a verified raw body; exported for unit tests. */
export function classifySlackBody(raw: string, contentType: string | undefined): Verdict {
  if (raw.length === 0) return refuse('empty_body');
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return classifyForm(raw);
  if (type === 'application/json') return classifyJson(raw);
  return refuse('unsupported_content_type');
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function slackRequestGuard(options: { signingSecret: string; log: Logger; replays: Claims; now?: () => number }): RequestHandler[] {
  const { signingSecret, log, replays } = options;
  const now = options.now ?? Date.now;
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    const text = raw.toString('utf8');
    const signature = header(req, 'x-slack-signature') as string;
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    const t = now();
    try {
      verifySlackRequest({ signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: t });
    } catch {
      log.warn({ event: 'slack.refused', reason: 'bad_signature', status: 401 });
      res.status(401).json({ ok: false, error: 'invalid_signature' });
      return;
    }
    // A request signed for later would stay replayable long after the 5-minute window the check above enforces.
    if (timestamp * 1000 > t + MAX_CLOCK_SKEW_MS) {
      log.warn({ event: 'slack.refused', reason: 'future_timestamp', status: 401 });
      res.status(401).json({ ok: false, error: 'invalid_signature' });
      return;
    }
    // Slack signs every delivery anew (a retry too), so the same signature twice is a copy of one request. Only a
    // hash of the signature is kept, for the signature's validity window; never the body.
    const replayKey = createHash('sha256').update(signature).digest('base64url');
    if (!(await replays.claim(replayKey))) {
      log.warn({ event: 'slack.refused', reason: 'replayed_request', status: 401 });
      res.status(401).json({ ok: false, error: 'replayed_request' });
      return;
    }
    const verdict = classifySlackBody(text, header(req, 'content-type'));
    if (verdict.pass) {
      next();
      return;
    }
    log.warn({ event: 'slack.refused', reason: verdict.reason, status: verdict.status, ...(verdict.problem ?? {}) });
    if (verdict.body === '') res.status(verdict.status).end();
    else res.status(verdict.status).json(verdict.body);
  };

  // Errors from reading the body (too large, aborted, bad encoding) become a plain refusal without details.
  const bodyErrors = (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
    log.warn({ event: 'slack.refused', reason: 'unreadable_body', status: code, err: errorSummary(err) });
    res.status(code).json({ ok: false, error: code === 413 ? 'payload_too_large' : 'unreadable_body' });
  };

  return [readRaw, guard, bodyErrors as unknown as RequestHandler];
}

/**
 * Test and benchmark support: a local stand-in for Slack's Web API (node:http on 127.0.0.1) and a request signer.
 * The fake speaks the documented protocol: form-encoded (or JSON) POST /api/<method>, bearer token, `{ ok: true }`
 * answers, HTTP 429 with Retry-After when asked to rate-limit. It also accepts response_url posts under /response/.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  token?: string;
  /** 1 for the first attempt at this method, 2 after one 429, ... (per method). */
  attempt: number;
  at: number;
}

export interface FakeSlackApi {
  /** Base URL for `SlackConfig.apiUrl` (ends in /api/). */
  url: string;
  /** Base for response_url values in test payloads. */
  responseUrl: string;
  calls: ApiCall[];
  /** Calls for one method, excluding attempts answered with 429. */
  callsTo(method: string): ApiCall[];
  /** Answers the next call to `method` with HTTP 429 and Retry-After `seconds`. */
  rateLimitOnce(method: string, seconds: number): void;
  /** Answers every call to `method` with `{ ok: false, error }`. */
  failWith(method: string, error: string): void;
  /** Answers every call to `method` with this body (e.g. apps.connections.open → a WebSocket URL). */
  answer(method: string, body: Record<string, unknown>): void;
  waitFor(predicate: (calls: ApiCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw.length === 0) return {};
  if ((contentType ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    // The Web API client JSON-encodes structured arguments (blocks, view) inside the form.
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep the string */
      }
    }
    out[k] = v;
  }
  return out;
}

function answerFor(method: string, params: Record<string, unknown>): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://example.slack.com/', team: 'Test', user: 'integriteitsbot', team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' };
    case 'chat.postMessage':
      return { ok: true, channel: params.channel, ts: `${Date.now() / 1000}`, message: { type: 'message' } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: `${Date.now() / 1000}` };
    case 'views.publish':
      return { ok: true, view: { id: 'V0TEST', type: 'home' } };
    default:
      return { ok: true };
  }
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: ApiCall[] = [];
  const limited = new Map<string, number>();
  const failures = new Map<string, string>();
  const answers = new Map<string, Record<string, unknown>>();
  const attempts = new Map<string, number>();
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());

  const server: Server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const params = decodeParams(raw, req.headers['content-type']);
      const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/response/') ? 'response_url' : path;
      const attempt = (attempts.get(method) ?? 0) + 1;
      attempts.set(method, attempt);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof params.token === 'string' ? params.token : undefined;
      const retryAfter = limited.get(method);
      if (retryAfter !== undefined) {
        limited.delete(method);
        calls.push({ method: `${method}#429`, params, ...(token ? { token } : {}), attempt, at: Date.now() });
        res.writeHead(429, { 'Retry-After': String(retryAfter), 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        notify();
        return;
      }
      calls.push({ method, params, ...(token ? { token } : {}), attempt, at: Date.now() });
      const failure = failures.get(method);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(failure ? { ok: false, error: failure } : (answers.get(method) ?? answerFor(method, params))));
      notify();
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    responseUrl: `${base}/response/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    rateLimitOnce: (method, seconds) => void limited.set(method, seconds),
    failWith: (method, error) => void failures.set(method, error),
    answer: (method, body) => void answers.set(method, body),
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        if (predicate(calls)) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Slack API: condition not met within ${timeoutMs} ms (${calls.length} calls: ${calls.map((c) => c.method).join(', ')})`));
        }, timeoutMs);
        const check = () => {
          if (predicate(calls)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret. */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${sig}` };
}

let counter = 0;
/** An Events API envelope as Slack delivers it. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++counter}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0TEST', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A direct message to the bot (message.im). */
export function imMessage(text: string, user = 'U0ASKER', channel = 'D0DM'): Record<string, unknown> {
  return { type: 'message', channel, user, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}`, channel_type: 'im' };
}

/** A mention of the bot in a channel (app_mention). */
export function appMention(text: string, user = 'U0ASKER', channel = 'C0GENERAL'): Record<string, unknown> {
  return { type: 'app_mention', user, text, ts: `${Date.now() / 1000}`, channel, event_ts: `${Date.now() / 1000}` };
}

/** A signed POST to the channel; returns status, body text and the time the response arrived. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  extraHeaders: Record<string, string> = {},
  timestamp?: number,
): Promise<{ status: number; text: string; at: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...signSlackRequest(secret, body, timestamp), ...extraHeaders },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, at: Date.now() };
}

/**
 * Test and benchmark support: a local stand-in for Slack's Web API (node:http on 127.0.0.1) and a request signer.
 * The fake speaks the documented protocol: form-encoded (or JSON) POST /api/<method>, bearer token, `{ ok: true }`
 * answers, HTTP 429 with Retry-After when asked to rate-limit. It also accepts response_url posts under /response/.
 * It keeps the messages posted with chat.postMessage (with their `metadata`, as the bot B0BOT) and those a test
 * seeds, and serves them on conversations.history (newest first) and conversations.replies (parent, then replies),
 * with `latest`/`inclusive`/`limit`, and the metadata only when asked with include_all_metadata — as Slack does.
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

/** A message as conversations.history / conversations.replies return it. */
export interface StoredMessage {
  type: 'message';
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  thread_ts?: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
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
  /** The messages of each channel, oldest first: the bot's posts and what tests seeded. */
  messages: Map<string, StoredMessage[]>;
  /** Adds a message (e.g. the user's own) to a channel's history. */
  seedMessage(channel: string, message: Omit<StoredMessage, 'type'>): void;
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

let lastTs = 0;
/** A message ts like Slack's ("1700000000.000100"), strictly increasing. */
function nextTs(): string {
  lastTs = Math.max(Date.now() * 1000, lastTs + 1); // microseconds
  return `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, '0')}`;
}

const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;

function visible(m: StoredMessage, params: Record<string, unknown>): StoredMessage {
  if (truthy(params.include_all_metadata) || !m.metadata) return m;
  const { metadata: _hidden, ...rest } = m;
  return rest;
}

/** `latest`/`oldest` bounds of conversations.history and .replies (`inclusive` false by default). */
function inWindow(m: StoredMessage, params: Record<string, unknown>): boolean {
  const ts = Number(m.ts);
  const inclusive = truthy(params.inclusive);
  if (params.latest !== undefined && (inclusive ? ts > Number(params.latest) : ts >= Number(params.latest))) return false;
  if (params.oldest !== undefined && (inclusive ? ts < Number(params.oldest) : ts <= Number(params.oldest))) return false;
  return true;
}

function answerFor(method: string, params: Record<string, unknown>, messages: Map<string, StoredMessage[]>): Record<string, unknown> {
  const limit = Number(params.limit ?? 100) || 100;
  const stored = messages.get(String(params.channel)) ?? [];
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://example.slack.com/', team: 'Test', user: 'integriteitsbot', team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' };
    case 'chat.postMessage': {
      const message: StoredMessage = {
        type: 'message',
        ts: nextTs(),
        bot_id: 'B0BOT',
        app_id: 'A0TEST',
        ...(typeof params.text === 'string' ? { text: params.text } : {}),
        ...(params.blocks !== undefined ? { blocks: params.blocks } : {}),
        ...(typeof params.thread_ts === 'string' ? { thread_ts: params.thread_ts } : {}),
        ...(params.metadata !== undefined ? { metadata: params.metadata as StoredMessage['metadata'] } : {}),
      };
      messages.set(String(params.channel), [...stored, message]);
      return { ok: true, channel: params.channel, ts: message.ts, message };
    }
    case 'conversations.history': {
      const top = stored.filter((m) => (m.thread_ts === undefined || m.thread_ts === m.ts) && inWindow(m, params)).reverse();
      return { ok: true, messages: top.slice(0, limit).map((m) => visible(m, params)), has_more: top.length > limit };
    }
    case 'conversations.replies': {
      const thread = stored.filter((m) => (m.ts === params.ts || m.thread_ts === params.ts) && inWindow(m, params));
      return { ok: true, messages: thread.slice(0, limit).map((m) => visible(m, params)), has_more: thread.length > limit };
    }
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
  const messages = new Map<string, StoredMessage[]>();
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
      res.end(JSON.stringify(failure ? { ok: false, error: failure } : (answers.get(method) ?? answerFor(method, params, messages))));
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
    messages,
    seedMessage: (channel, message) => {
      const list = [...(messages.get(channel) ?? []), { type: 'message' as const, ...message }];
      messages.set(channel, list.sort((a, b) => Number(a.ts) - Number(b.ts)));
    },
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

/**
 * Follow-ups in Slack without keeping anything on the server. The bot's reply in a one-to-one conversation (the
 * DM, an assistant thread) carries the answer's sealed context token (Reply.context: the lead card's id, never
 * text) in its message metadata; when the user writes again, the adapter reads the latest such reply back from
 * Slack (conversations.history for a plain DM, conversations.replies in a thread) and hands the token to the core.
 * Every reply there is marked, with the token or without one, so a follow-up continues the *previous* reply only:
 * after a handoff or a refusal the older answer's context is not picked up again (as in the web chat).
 *
 * Ephemeral messages cannot carry metadata, and replies in shared channels get none: reading them back would need
 * channels:history / groups:history, the right to read every message of every channel the bot is in.
 * What comes back from Slack holds the users' messages too: only the bot's own marked messages are looked at,
 * and nothing of the response is logged or kept.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Reply } from '../../core/types.js';

type WebClient = webApi.WebClient;

export const CONTEXT_EVENT_TYPE = 'integriteitsbot_context';
/** Recent top-level messages a plain DM looks back through: the user's own messages and the bot's last reply. */
export const HISTORY_LIMIT = 6;
/** Thread pages read at most (200 messages each); longer threads hardly happen and their first reply is long expired. */
const MAX_REPLY_PAGES = 3;
/** A follow-up without context is better than an answer that waits on a slow Slack API. */
export const LOOKUP_TIMEOUT_MS = 2500;

export interface ContextMetadata {
  event_type: typeof CONTEXT_EVENT_TYPE;
  event_payload: { token: string } | { none: true };
}

/** The metadata of a reply posted where a follow-up can be read back: its context token, or the mark that it has none. */
export function contextMetadata(reply: Reply | null): ContextMetadata {
  return { event_type: CONTEXT_EVENT_TYPE, event_payload: reply?.context ? { token: reply.context } : { none: true } };
}

const Marked = z.object({
  bot_id: z.string().min(1),
  metadata: z.object({ event_type: z.literal(CONTEXT_EVENT_TYPE), event_payload: z.object({ token: z.string().min(1).max(4000) }).partial().passthrough() }).passthrough(),
});

/**
 * The token of the latest marked bot reply among `messages` (oldest first): undefined when there is none or the
 * latest carries no token. Anything not posted by a bot (a user cannot post as the bot) is ignored.
 */
export function latestContext(messages: unknown[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = Marked.safeParse(messages[i]);
    if (m.success) return m.data.metadata.event_payload.token;
  }
  return undefined;
}

export type ContextLookup = { token?: string; failed?: string };

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { data: { error: 'timeout' } })), ms);
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

function errorCode(e: unknown): string {
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : 'request_failed';
}

/**
 * The context of the bot's reply before the message `before` (a Slack ts): in the thread `thread` when given
 * (conversations.replies), else among the conversation's latest top-level messages (conversations.history).
 * Never throws: a refused or slow lookup gives no context, and `failed` names the API error code only.
 */
export async function lookUpContext(client: WebClient, where: { channel: string; thread?: string; before: string }, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<ContextLookup> {
  try {
    const token = await withTimeout(where.thread ? fromThread(client, where.channel, where.thread, where.before) : fromHistory(client, where.channel, where.before), timeoutMs);
    return token ? { token } : {};
  } catch (e) {
    return { failed: errorCode(e) };
  }
}

async function fromHistory(client: WebClient, channel: string, before: string): Promise<string | undefined> {
  const res = await client.conversations.history({ channel, latest: before, inclusive: false, limit: HISTORY_LIMIT, include_all_metadata: true });
  // Newest first.
  return latestContext([...(res.messages ?? [])].reverse());
}

async function fromThread(client: WebClient, channel: string, thread: string, before: string): Promise<string | undefined> {
  const messages: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_REPLY_PAGES; page++) {
    const res = await client.conversations.replies({ channel, ts: thread, latest: before, inclusive: false, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    messages.push(...(res.messages ?? []));
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) break;
  }
  // Oldest first (the thread's parent, then its replies).
  return latestContext(messages);
}

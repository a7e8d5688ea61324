/**
 * zod schemas for the Slack payloads this adapter reads (Events API, slash command, block_actions).
 * Only the fields we use are checked; Slack may add fields at any time, so objects are not strict.
 * Issues are reported by field path and zod code only: messages may quote the offending value.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const UrlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1000) });

/** A plain user message (no subtype, not from a bot). Other message events are ignored, not refused. */
export const UserMessageEvent = z.object({
  type: z.literal('message'),
  channel: id,
  user: id,
  text: z.string().max(40_000),
  ts: id,
  thread_ts: id.optional(),
  channel_type: z.string().optional(),
});
export type UserMessageEvent = z.infer<typeof UserMessageEvent>;

export const AppMentionEvent = z.object({
  type: z.literal('app_mention'),
  channel: id,
  user: id,
  text: z.string().max(40_000),
  ts: id,
  thread_ts: id.optional(),
});
export type AppMentionEvent = z.infer<typeof AppMentionEvent>;

export const AppHomeOpenedEvent = z.object({ type: z.literal('app_home_opened'), user: id, tab: z.string().optional() });

export const EventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: id,
  team_id: id.optional(),
  event: z.object({ type: z.string().min(1) }).passthrough(),
});

export const SlashCommand = z.object({
  command: z.string().startsWith('/').max(64),
  text: z.string().max(40_000).default(''),
  user_id: id,
  channel_id: id,
  team_id: id.optional(),
  response_url: z.string().url().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommand>;

export const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id }),
  channel: z.object({ id }).optional(),
  container: z.object({ thread_ts: id.optional(), message_ts: id.optional(), is_ephemeral: z.boolean().optional() }).passthrough().optional(),
  response_url: z.string().url().optional(),
  /** The message the button was on; Slack sends it for ordinary messages, not for ephemeral ones. */
  message: z.object({ ts: id.optional(), thread_ts: id.optional(), blocks: z.array(z.unknown()).max(100).optional() }).passthrough().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1).max(255),
        block_id: z.string().max(255).optional(),
        value: z.string().max(2000).optional(),
        text: z.object({ text: z.string().max(300) }).passthrough().optional(),
      }),
    )
    .min(1),
});
export type BlockActions = z.infer<typeof BlockActions>;

/** Schema for an event type we act on; undefined for types we ignore (Bolt acknowledges them). */
export function eventSchemaFor(event: { type: string; subtype?: unknown; bot_id?: unknown }): z.ZodTypeAny | undefined {
  if (event.type === 'app_mention') return AppMentionEvent;
  if (event.type === 'app_home_opened') return AppHomeOpenedEvent;
  if (event.type === 'message' && event.subtype === undefined && event.bot_id === undefined) return UserMessageEvent;
  return undefined;
}

export interface PayloadProblem {
  field: string;
  code: string;
}

export function problemOf(error: z.ZodError): PayloadProblem {
  const issue = error.issues[0];
  return { field: issue?.path.join('.') || '(root)', code: issue?.code ?? 'invalid' };
}

/** Conversation kind from a channel id: D = direct message with the bot; C/G = others can read along. */
export function conversationOf(channelId: string): 'personal' | 'group' | 'channel' {
  if (channelId.startsWith('D')) return 'personal';
  if (channelId.startsWith('G')) return 'group';
  return 'channel';
}

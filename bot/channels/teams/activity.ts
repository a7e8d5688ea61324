/**
 * Inbound Bot Framework activities: the shape check done before the adapter sees a request, and the small pure
 * helpers that turn a Teams activity into what the core needs (text without mentions, conversation kind, language).
 */
import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { ConversationKind, Lang } from '../../core/types.js';

const Account = z.object({ id: z.string().min(1), name: z.string().optional() }).passthrough();

/**
 * What every activity we act on must carry. Passthrough: botbuilder needs the rest of the activity as sent.
 * Anything more specific (a submit payload) is checked where it is used.
 */
export const InboundActivity = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    conversation: z
      .object({
        id: z.string().min(1),
        conversationType: z.string().optional(),
        tenantId: z.string().optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    from: Account,
    recipient: Account,
    text: z.string().optional(),
    locale: z.string().optional(),
    entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
    membersAdded: z.array(Account).optional(),
  })
  .passthrough();

/**
 * Names the fields that are wrong, never their values (a value may be what a user wrote).
 * Returns null when the activity is acceptable.
 */
export function activityProblems(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not a JSON object';
  const result = InboundActivity.safeParse(body);
  if (result.success) return null;
  return result.error.issues
    .map((i) => {
      const missing = i.code === z.ZodIssueCode.invalid_type && i.received === 'undefined';
      return `${i.path.join('.') || '(root)'} ${missing ? 'is missing' : 'is invalid'}`;
    })
    .join('; ');
}

export function conversationKind(activity: Pick<Activity, 'conversation'>): ConversationKind {
  switch (activity.conversation?.conversationType) {
    case 'personal':
      return 'personal';
    case 'groupChat':
      return 'group';
    case 'channel':
      return 'channel';
    default:
      // The Emulator and other channels leave conversationType out; isGroup is the next best signal.
      return activity.conversation?.isGroup ? 'group' : 'personal';
  }
}

export function localeLang(locale: string | undefined): Lang {
  return locale && /^en\b/i.test(locale) ? 'en' : 'nl';
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The user's words without the bot's @mention. Teams puts "<at>Bot</at>" in the text and a mention entity beside
 * it; the bot's own mention is removed, other people's mentions keep only the name.
 */
export function messageText(activity: Partial<Activity>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  if (!text) return '';
  const botId = activity.recipient?.id;
  const mentionsAreWellFormed = (activity.entities ?? []).every(
    (e) => e.type !== 'mention' || (typeof e.text === 'string' && typeof e.mentioned?.id === 'string'),
  );
  if (botId && mentionsAreWellFormed) {
    // Works on a copy: removeRecipientMention rewrites activity.text in place.
    text = TurnContext.removeRecipientMention({ ...activity, text }) ?? text;
  }
  const botName = activity.recipient?.name?.trim().toLowerCase();
  text = text.replace(/<at>(.*?)<\/at>/gis, (_m, name: string) => (botName && name.trim().toLowerCase() === botName ? '' : name));
  text = text.replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
  return text.replace(/\s+/g, ' ').trim();
}

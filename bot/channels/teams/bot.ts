/**
 * The turn logic: one function per kind of activity. Talks to the core and to the adapter; renders with render.ts.
 * Privacy: only event kinds, conversation kinds, reply kinds and timings are logged.
 */
import {
  ActivityTypes,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  TurnContext,
} from 'botbuilder';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errorSummary, type Logger } from '../../log.js';
import type { Core, Reply } from '../../core/types.js';
import { conversationKind, localeLang, messageText } from './activity.js';
import { cardAttachment, NOTICES, renderCard, renderFeedbackCard, renderFeedbackDone, renderWelcomeCard } from './render.js';
import { FOLLOWUP_TEXT, withFollowup } from './followup.js';
import { SubmitData } from './submit.js';

export interface TurnDeps {
  core: Core;
  log: Logger;
  adapter: CloudAdapter;
  /** Our Microsoft App Id; '' in local mode. */
  appId: string;
  oneShots?: OneShots;
}

/** Default outbound audience of the public Bot Framework cloud. */
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const WELCOME_TTL_MS = 10 * 60_000;
const WELCOME_MAX = 10_000;

/**
 * One vote per reply, one request per contact and reply: the first claim of a key wins for an hour. After the vote
 * its buttons are gone from the conversation, so what is left to catch is a double click or a client that has not
 * refreshed yet. Keys are hashes of the reply's sealed ref (or of the user id where a card has none), never text.
 */
export interface OneShots {
  claim(...parts: string[]): Promise<boolean>;
  release(...parts: string[]): Promise<void>;
}

export function createOneShots(ttlSeconds = 3600): OneShots {
  // A limiter with one point per key is exactly "the first one wins until it expires", with expiry built in.
  const limiter = new RateLimiterMemory({ points: 1, duration: ttlSeconds, keyPrefix: 'teams-once' });
  const key = (parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
  return {
    claim: (...parts) =>
      limiter.consume(key(parts)).then(
        () => true,
        (e: unknown) => {
          if (e instanceof RateLimiterRes) return false;
          throw e;
        },
      ),
    release: async (...parts) => void (await limiter.delete(key(parts))),
  };
}

export function createTurnHandler(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const once = deps.oneShots ?? createOneShots();
  // Teams announces an install twice (conversationUpdate and installationUpdate); greet once per conversation.
  // Holds conversation ids only, for a few minutes.
  const welcomed = new Map<string, number>();

  async function welcome(context: TurnContext): Promise<void> {
    const id = context.activity.conversation.id;
    const now = Date.now();
    for (const [key, at] of welcomed) if (now - at > WELCOME_TTL_MS) welcomed.delete(key);
    if (welcomed.has(id)) return;
    // Bounded: a burst of installs must not grow memory without limit (oldest first, Map keeps insertion order).
    if (welcomed.size >= WELCOME_MAX) welcomed.delete(welcomed.keys().next().value as string);
    welcomed.set(id, now);
    const reply = deps.core.welcome(localeLang(context.activity.locale));
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(renderWelcomeCard(reply))] });
    deps.log.info({ event: 'teams.welcome', conversation: conversationKind(context.activity) });
  }

  return async (context) => {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        if (activity.value !== undefined && activity.value !== null && !activity.text) return onSubmit(context, deps, once);
        return onMessage(context, deps, welcome);
      case ActivityTypes.ConversationUpdate:
        if (activity.membersAdded?.some((m) => m.id === activity.recipient.id)) return welcome(context);
        return;
      case ActivityTypes.InstallationUpdate:
        if (activity.action === 'add' || activity.action === 'add-upgrade') return welcome(context);
        return;
      default:
        // Typing, reactions, other invokes: nothing to do. Unhandled invokes get 501 from the adapter.
        return;
    }
  };
}

async function onMessage(context: TurnContext, deps: TurnDeps, welcome: (c: TurnContext) => Promise<void>) {
  const started = Date.now();
  const kind = conversationKind(context.activity);
  const text = messageText(context.activity);
  if (!text) return welcome(context);
  const from = context.activity.from;
  const userKey = from?.aadObjectId ?? from?.id;
  const reply = await deps.core.handle({ text, channel: 'teams', conversation: kind, ...(userKey ? { userKey } : {}) });
  const delivered = await deliver(context, deps, reply);
  deps.log.info({ event: 'teams.message', conversation: kind, reply: reply.kind, delivered, ms: Date.now() - started });
}

async function onSubmit(context: TurnContext, deps: TurnDeps, once: OneShots) {
  const lang = localeLang(context.activity.locale);
  const parsed = SubmitData.safeParse(context.activity.value);
  if (!parsed.success) {
    deps.log.warn({ event: 'teams.submit.invalid' });
    await context.sendActivity(NOTICES[lang].submitInvalid);
    return;
  }
  const data = parsed.data;
  const from = context.activity.from;
  const userKey = from?.aadObjectId ?? from?.id ?? '';
  if (data.action === 'feedback') {
    // Whichever thumb: one vote per reply. A repeat is dropped without a word.
    if (data.ref && !(await once.claim('vote', data.ref))) {
      deps.log.info({ event: 'teams.feedback', vote: data.vote, repeated: true });
      return;
    }
    deps.core.feedback({ vote: data.vote, meta: data.meta, channel: 'teams' });
    deps.log.info({ event: 'teams.feedback', vote: data.vote });
    const replyLang = data.lang ?? lang;
    const cardId = context.activity.replyToId;
    if (cardId) {
      try {
        await context.updateActivity({ id: cardId, type: ActivityTypes.Message, attachments: [cardAttachment(renderFeedbackDone(replyLang))] });
        return;
      } catch (e) {
        deps.log.warn({ event: 'teams.feedback.update_failed', err: errorSummary(e) });
      }
    }
    await context.sendActivity(NOTICES[replyLang].feedbackThanks);
    return;
  }
  if (data.action === 'reroute') {
    const started = Date.now();
    const conversation = conversationKind(context.activity);
    const reply = await deps.core.reroute({ token: data.token, target: data.target, channel: 'teams', conversation, ...(userKey ? { userKey } : {}) });
    // The same path as a message: a handoff or a clarifying question clicked in a group chat or channel goes to
    // the person's personal chat, the shared conversation gets only the neutral line.
    const delivered = await deliver(context, deps, reply);
    deps.log.info({ event: 'teams.reroute', target: data.target, conversation, reply: reply.kind, delivered, ms: Date.now() - started });
    return;
  }
  if (data.action === 'followup') {
    // "Ask a follow-up" on an answer card: the typed question with the previous answer's sealed context.
    const started = Date.now();
    const conversation = conversationKind(context.activity);
    const text = data.followup.replace(/\s+/g, ' ').trim();
    if (!text) {
      await context.sendActivity(FOLLOWUP_TEXT[data.lang].empty);
      return;
    }
    const reply = await deps.core.handle({ text, channel: 'teams', conversation, ...(userKey ? { userKey } : {}), context: data.context });
    const delivered = await deliver(context, deps, reply);
    deps.log.info({ event: 'teams.followup', conversation, reply: reply.kind, delivered, ms: Date.now() - started });
    return;
  }
  // One request per contact and reply: the vertrouwenspersoon hears once however often the button is pressed.
  const key = ['contact', data.contactId, data.ref ?? `user:${userKey}`];
  if (!(await once.claim(...key))) {
    deps.log.info({ event: 'teams.contact-request', repeated: true });
    await context.sendActivity(NOTICES[data.lang].contactAlready);
    return;
  }
  let result: Awaited<ReturnType<Core['requestContact']>>;
  try {
    result = await deps.core.requestContact({
      contactId: data.contactId,
      channel: 'teams',
      requester: { displayName: from.name, teamsUserId: from.aadObjectId ?? from.id },
      lang: data.lang,
    });
  } catch (e) {
    await once.release(...key);
    throw e;
  }
  // Nothing went out: the same button may be tried again.
  if (!result.ok) await once.release(...key);
  deps.log.info({ event: 'teams.contact-request', ok: result.ok });
  await deliver(context, deps, result.reply);
}

/**
 * Sends a reply where it belongs. A private reply that arrives in a group chat or channel goes to the person's
 * one-to-one chat; the shared conversation gets at most a neutral line that repeats nothing.
 */
async function deliver(context: TurnContext, deps: TurnDeps, reply: Reply): Promise<'here' | 'private' | 'private-failed'> {
  const vote = renderFeedbackCard(reply);
  // A follow-up field only where the card is for this person alone (followup.ts).
  const alone = conversationKind(context.activity) === 'personal' || reply.private === true;
  const card = alone ? withFollowup(renderCard(reply), reply) : renderCard(reply);
  const cards: Partial<Activity>[] = [card, ...(vote ? [vote] : [])].map((card) => ({
    type: ActivityTypes.Message,
    attachments: [cardAttachment(card)],
  }));
  if (!reply.private || conversationKind(context.activity) === 'personal') {
    await context.sendActivities(cards);
    return 'here';
  }
  const ok = await sendToPersonalChat(context, deps, cards);
  await context.sendActivity(NOTICES[reply.lang][ok ? 'privateSent' : 'privateFailed']);
  return ok ? 'private' : 'private-failed';
}

async function sendToPersonalChat(context: TurnContext, deps: TurnDeps, messages: Partial<Activity>[]): Promise<boolean> {
  const a = context.activity;
  const tenantId: string | undefined = a.conversation.tenantId ?? a.channelData?.tenant?.id;
  const params: ConversationParameters = {
    isGroup: false,
    bot: { id: a.recipient.id, name: a.recipient.name ?? '' },
    members: [{ id: a.from.id, name: a.from.name ?? '' }],
    tenantId,
    channelData: tenantId ? { tenant: { id: tenantId } } : {},
  };
  const audience: string =
    (context.turnState.get(deps.adapter.OAuthScopeKey) as string | undefined) ?? BOT_FRAMEWORK_SCOPE;
  try {
    await deps.adapter.createConversationAsync(deps.appId, a.channelId, a.serviceUrl, audience, params, async (ctx) => {
      // The activity in this context is synthetic (its id is the new conversation's id): post to the
      // conversation rather than "reply" to it.
      ctx.activity.id = undefined as unknown as string;
      await ctx.sendActivities(messages);
    });
    return true;
  } catch (err) {
    // Typically 403 when the user has not installed the app personally.
    deps.log.warn({ event: 'teams.private.failed', err });
    return false;
  }
}

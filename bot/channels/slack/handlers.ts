/**
 * Bolt listeners: turn Slack events into core calls and post the rendered reply back.
 * Every listener acknowledges first (Events API events are acknowledged by Bolt before listeners run) and only
 * then asks the core, so Slack's 3-second limit never depends on answer time.
 * Logs carry event kinds, reply kinds and timings only; the message text goes to the core and nowhere else.
 */
import { createHash } from 'node:crypto';
import type { App, RespondFn, webApi } from '@slack/bolt';
import { detectLang } from '../../core/lang.js';
import type { Core, Lang, Message, Reply } from '../../core/types.js';
import { errorSummary, type Logger } from '../../log.js';
import { createAssistant } from './assistant.js';
import { contextMetadata, lookUpContext, type ContextMetadata } from './context.js';
import { createSeenIds, type Claims, type SeenIds } from './dedupe.js';
import { createWorkQueue, QueueFullError, type WorkQueue } from './work-queue.js';
import {
  AppHomeOpenedEvent,
  AppMentionEvent,
  BlockActions,
  SlashCommand,
  UserMessageEvent,
  conversationOf,
  problemOf,
} from './payloads.js';
import {
  ACTION_IDS,
  REQUEST_CONTACT_ACTION,
  REROUTE_ACTION,
  REROUTE_BLOCK_PREFIX,
  isFeedbackAction,
  parseContactValue,
  parseFeedbackValue,
  parseRerouteValue,
  withButtonsDone,
  withChoiceMade,
  renderHome,
  renderNotice,
  renderReply,
  type RenderedMessage,
} from './render.js';
import { texts } from './texts.js';

type WebClient = webApi.WebClient;

export interface HandlerDeps {
  core: Core;
  log: Logger;
  /** Event ids being processed or processed (by this replica or, with PostgreSQL, by any). */
  seen: Claims;
  /** Home tab language; Slack does not tell us the user's language without an extra API call. */
  homeLang?: Lang;
  /** Where core calls wait their turn (default: 4 at a time, one start per event-loop turn). */
  queue?: WorkQueue;
  /** Reroute clicks already handled (hashes of token and target), so a second click on the same button is harmless. */
  choices?: SeenIds;
  /** One-shot clicks already handled (hashes of the reply's ref and what was done): one vote, one request per contact. */
  oneShots?: SeenIds;
}

const MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

/** Removes user mentions (the bot's own and any other): ids are no part of the question. */
export function stripMentions(text: string): string {
  return text.replace(MENTION, ' ').replace(/\s+/g, ' ').trim();
}

/** A handoff where others can read along is answered privately, whatever the core decided about `private`. */
function mustBePrivate(reply: Reply, conversation: Message['conversation']): boolean {
  return conversation !== 'personal' && (reply.private === true || reply.kind === 'handoff');
}

/** The idempotency key of a one-shot click: a hash, so neither the ref nor an id is kept as it came. */
function oneShotKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

function apiErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { core, log, seen } = deps;
  const queue = deps.queue ?? createWorkQueue(4);
  // A token opens for 30 minutes: remembering a click a little longer covers every click that could still work.
  const choices = deps.choices ?? createSeenIds({ ttlMs: 31 * 60_000 });
  // After the first click the buttons are gone from the message; what is left to catch is a double click or a
  // client that has not refreshed yet, which an hour covers many times over.
  const oneShots = deps.oneShots ?? createSeenIds({ ttlMs: 60 * 60_000 });

  /** Replaces the message a button was on (ordinary messages only: Slack does not echo ephemeral ones). */
  async function replaceOriginal(b: BlockActions, respond: RespondFn, blocks: (original: unknown[]) => RenderedMessage['blocks'], text: string): Promise<boolean> {
    if (!b.message?.blocks || !b.response_url) return false;
    try {
      await respond({ replace_original: true, text, blocks: blocks(b.message.blocks) });
      return true;
    } catch (e) {
      log.warn({ event: 'slack.replace_failed', err: errorSummary(e) });
      return false;
    }
  }

  async function ask(message: Message): Promise<Reply | null> {
    try {
      return await queue.run(() => core.handle(message));
    } catch (e) {
      // Shed load: the asker gets the "try again later" notice instead of an answer that would come far too late.
      if (e instanceof QueueFullError) log.warn({ event: 'slack.shed', waiting: queue.waiting });
      else log.error({ event: 'slack.core_failed', err: errorSummary(e) });
      return null;
    }
  }

  /**
   * chat.postEphemeral reaches the writer only; it fails where the bot is not a member (e.g. a slash command in
   * someone else's DM), and there the command's response_url still works.
   */
  async function sendEphemeral(
    client: WebClient,
    target: { channel: string; user: string; thread_ts?: string },
    message: RenderedMessage,
    respond?: RespondFn,
  ): Promise<void> {
    // An ephemeral message cannot have a thread: its "Meer" part follows as a second ephemeral message.
    for (const part of message.more ? [message, message.more] : [message]) {
      try {
        await client.chat.postEphemeral({ ...target, text: part.text, blocks: part.blocks });
      } catch (e) {
        if (!respond) throw e;
        log.warn({ event: 'slack.ephemeral_fallback', apiError: apiErrorCode(e) });
        await respond({ response_type: 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks });
      }
    }
  }

  /**
   * Posts a reply; its "Meer" part goes into the reply's thread, where Slack shows it collapsed. `metadata` (the
   * reply's context mark, context.ts) goes on the reply itself, never on its "Meer" part.
   */
  async function post(client: WebClient, target: { channel: string; thread_ts?: string }, message: RenderedMessage, metadata?: ContextMetadata): Promise<void> {
    const posted = await client.chat.postMessage({ ...target, text: message.text, blocks: message.blocks, ...(metadata ? { metadata } : {}) });
    const thread = target.thread_ts ?? posted.ts;
    if (message.more && thread) await client.chat.postMessage({ channel: target.channel, thread_ts: thread, text: message.more.text, blocks: message.more.blocks });
  }

  // Runs before every listener. Slack redelivers an event when its first delivery failed (a replica stopping
  // answered 503) or when it thinks our ack was lost. Only the second is a duplicate, so an event is dropped when
  // its id was claimed by a replica that processes it, never merely because it carries a retry number.
  app.use(async ({ context, body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seen.claim(eventId))) {
      log.info({ event: 'slack.duplicate_ignored', ...(typeof context.retryNum === 'number' ? { retryNum: context.retryNum } : {}) });
      return;
    }
    await next();
  });

  // The AI-app container: its thread messages are answered there (with status and title) and go no further.
  app.assistant(createAssistant({ ask, log, stripMentions }));

  app.event('message', async ({ event, client }) => {
    const raw = event as { subtype?: unknown; bot_id?: unknown; channel_type?: unknown; channel?: unknown };
    if (raw.subtype !== undefined || raw.bot_id !== undefined) return; // edits, joins, bot posts
    const parsed = UserMessageEvent.safeParse(event);
    if (!parsed.success) {
      log.warn({ event: 'slack.refused', reason: 'malformed_event', ...problemOf(parsed.error) });
      return;
    }
    const e = parsed.data;
    if (e.channel_type !== 'im' && !e.channel.startsWith('D')) return; // only DMs; channels go through mentions
    const started = performance.now();
    const question = stripMentions(e.text);
    // The previous reply's context, read back from its metadata: in the thread the message is in, else in the DM.
    const found = question ? await lookUpContext(client, { channel: e.channel, before: e.ts, ...(e.thread_ts ? { thread: e.thread_ts } : {}) }) : {};
    if (found.failed) log.warn({ event: 'slack.context_lookup_failed', apiError: found.failed });
    const message: Message = { text: question, channel: 'slack', conversation: 'personal', userKey: e.user, ...(found.token ? { context: found.token } : {}) };
    const reply = question ? await ask(message) : core.welcome('nl');
    const rendered = reply ? renderReply(reply) : renderNotice(texts(detectLang(question)).failed);
    await post(client, { channel: e.channel, ...(e.thread_ts ? { thread_ts: e.thread_ts } : {}) }, rendered, contextMetadata(reply));
    log.info({ event: 'slack.answered', kind: 'message.im', reply: reply?.kind ?? 'error', context: found.token !== undefined, ms: Math.round(performance.now() - started) });
  });

  app.event('app_mention', async ({ event, client }) => {
    const parsed = AppMentionEvent.safeParse(event);
    if (!parsed.success) {
      log.warn({ event: 'slack.refused', reason: 'malformed_event', ...problemOf(parsed.error) });
      return;
    }
    const e = parsed.data;
    // A mention inside the bot's own DM also arrives as message.im, which answers it.
    if (e.channel.startsWith('D')) return;
    const started = performance.now();
    const conversation = conversationOf(e.channel);
    const question = stripMentions(e.text);
    const reply = question ? await ask({ text: question, channel: 'slack', conversation, userKey: e.user }) : core.welcome('nl');
    if (!reply) {
      await sendEphemeral(client, { channel: e.channel, user: e.user }, renderNotice(texts(detectLang(question)).failed));
      return;
    }
    if (!question || mustBePrivate(reply, conversation)) {
      const rendered = renderReply(reply, { privateHint: question !== '' && conversation !== 'personal' });
      await sendEphemeral(client, { channel: e.channel, user: e.user, ...(e.thread_ts ? { thread_ts: e.thread_ts } : {}) }, rendered);
    } else {
      const rendered = renderReply(reply);
      await post(client, { channel: e.channel, thread_ts: e.thread_ts ?? e.ts }, rendered);
    }
    log.info({ event: 'slack.answered', kind: 'app_mention', reply: reply.kind, private: mustBePrivate(reply, conversation), ms: Math.round(performance.now() - started) });
  });

  // Any command name: an organisation may rename /integriteit in its manifest.
  app.command(/^\/.+/, async ({ command, ack, client, respond }) => {
    const parsed = SlashCommand.safeParse(command);
    if (!parsed.success) {
      log.warn({ event: 'slack.refused', reason: 'malformed_command', ...problemOf(parsed.error) });
      await ack({ response_type: 'ephemeral', text: texts('nl').unreadable });
      return;
    }
    const c = parsed.data;
    const question = c.text.trim();
    if (!question) {
      await ack({ response_type: 'ephemeral', text: texts('nl').emptyQuestion });
      return;
    }
    await ack();
    const started = performance.now();
    const conversation = conversationOf(c.channel_id);
    const reply = await ask({ text: question, channel: 'slack', conversation, userKey: c.user_id });
    const rendered = reply
      ? renderReply(reply, { privateHint: mustBePrivate(reply, conversation) })
      : renderNotice(texts(detectLang(question)).failed);
    await sendEphemeral(client, { channel: c.channel_id, user: c.user_id }, rendered, c.response_url ? respond : undefined);
    log.info({ event: 'slack.answered', kind: 'command', reply: reply?.kind ?? 'error', ms: Math.round(performance.now() - started) });
  });

  /** A button click's payload, validated; a malformed one is logged (labels only) and dropped. */
  function blockAction(body: unknown): BlockActions | null {
    const parsed = BlockActions.safeParse(body);
    if (parsed.success) return parsed.data;
    log.warn({ event: 'slack.refused', reason: 'malformed_interaction', ...problemOf(parsed.error) });
    return null;
  }
  async function feedback(vote: 'up' | 'down', args: { ack: () => Promise<void>; body: unknown; client: WebClient; respond: RespondFn }) {
    await args.ack();
    const b = blockAction(args.body);
    if (!b) return;
    const action = b.actions.find((a) => a.action_id === (vote === 'up' ? ACTION_IDS.feedbackUp : ACTION_IDS.feedbackDown));
    const value = parseFeedbackValue(action?.value);
    // The button label is our own text, echoed back by Slack: it tells which language the answer was in.
    const label = (args.body as { actions?: Array<{ text?: { text?: unknown } }> }).actions?.[0]?.text?.text;
    const lang: Lang = label === texts('en').feedbackUp || label === texts('en').feedbackDown ? 'en' : 'nl';
    // One vote per reply, whichever thumb: a repeated or second vote is dropped without a word.
    if (value?.ref && oneShots.checkAndAdd(oneShotKey('vote', value.ref))) {
      log.info({ event: 'slack.feedback', vote, ok: true, repeated: true });
      return;
    }
    if (value) core.feedback({ vote, meta: value.meta, channel: 'slack' });
    else log.warn({ event: 'slack.refused', reason: 'bad_action_value', action: 'feedback' });
    log.info({ event: 'slack.feedback', vote, ok: value !== null });
    const thanks = texts(lang).feedbackThanks;
    if (value && (await replaceOriginal(b, args.respond, (blocks) => withButtonsDone(blocks, isFeedbackAction, thanks), thanks))) return;
    if (b.channel) {
      await sendEphemeral(
        args.client,
        { channel: b.channel.id, user: b.user.id, ...(b.container?.thread_ts ? { thread_ts: b.container.thread_ts } : {}) },
        renderNotice(value ? thanks : texts(lang).unreadable),
        b.response_url ? args.respond : undefined,
      );
    }
  }

  app.action(ACTION_IDS.feedbackUp, async ({ ack, body, client, respond }) => feedback('up', { ack, body, client, respond }));
  app.action(ACTION_IDS.feedbackDown, async ({ ack, body, client, respond }) => feedback('down', { ack, body, client, respond }));

  app.action(REQUEST_CONTACT_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const b = blockAction(body);
    if (!b) return;
    const action = b.actions.find((a) => REQUEST_CONTACT_ACTION.test(a.action_id));
    const value = parseContactValue(action?.value);
    let rendered: RenderedMessage;
    if (!value) {
      log.warn({ event: 'slack.refused', reason: 'bad_action_value', action: 'request_contact' });
      rendered = renderNotice(texts('nl').unreadable);
    } else {
      // One request per contact per reply; the App Home tab's buttons belong to no reply, so there per user.
      const key = oneShotKey('contact', value.contactId, value.ref ?? `home:${b.user.id}`);
      if (oneShots.checkAndAdd(key)) {
        log.info({ event: 'slack.contact_repeated' });
        rendered = renderNotice(texts(value.lang).contactAlready);
      } else {
        try {
          const result = await core.requestContact({
            contactId: value.contactId,
            channel: 'slack',
            requester: { slackUserId: b.user.id },
            lang: value.lang,
          });
          log.info({ event: 'slack.contact_requested', ok: result.ok });
          // Nothing went out: the same button may be tried again.
          if (!result.ok) oneShots.forget(key);
          rendered = renderReply({ ...result.reply, actions: result.reply.actions.filter((a) => a.type !== 'feedback') });
          if (result.ok) {
            const note = texts(value.lang).chosen(action?.text?.text ?? texts(value.lang).requestContact);
            await replaceOriginal(b, respond, (blocks) => withButtonsDone(blocks, (id) => id === action?.action_id, note), note);
          }
        } catch (e) {
          oneShots.forget(key);
          log.error({ event: 'slack.contact_request_failed', err: errorSummary(e) });
          rendered = renderNotice(texts(value.lang).contactFailed);
        }
      }
    }
    if (b.channel) {
      await sendEphemeral(
        client,
        { channel: b.channel.id, user: b.user.id, ...(b.container?.thread_ts ? { thread_ts: b.container.thread_ts } : {}) },
        rendered,
        b.response_url ? respond : undefined,
      );
    } else {
      // Clicked on the App Home tab: there is no conversation to be ephemeral in, so confirm in the bot's DM.
      await client.chat.postMessage({ channel: b.user.id, text: rendered.text, blocks: rendered.blocks });
    }
  });

  // A reroute button: the same message once more, the other way (clarify choices, "only the rules", confidential
  // talk). The value holds only the sealed token; the core opens it. Where the answer goes follows the original:
  // privately where it was private (or the new reply is), in its thread, as an ordinary message in a DM.
  app.action(REROUTE_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const b = blockAction(body);
    if (!b) return;
    const action = b.actions.find((a) => REROUTE_ACTION.test(a.action_id));
    const value = parseRerouteValue(action?.value);
    const channelId = b.channel?.id;
    const conversation = channelId ? conversationOf(channelId) : 'personal';
    const wasEphemeral = b.container?.is_ephemeral === true;
    const threadTs = b.container?.thread_ts ?? b.message?.thread_ts;
    const privately = async (rendered: RenderedMessage) => {
      if (!channelId) return void (await client.chat.postMessage({ channel: b.user.id, text: rendered.text, blocks: rendered.blocks }));
      await sendEphemeral(client, { channel: channelId, user: b.user.id, ...(threadTs ? { thread_ts: threadTs } : {}) }, rendered, b.response_url ? respond : undefined);
    };
    if (!value) {
      log.warn({ event: 'slack.refused', reason: 'bad_action_value', action: 'reroute' });
      await privately(renderNotice(texts('nl').unreadable));
      return;
    }
    const started = performance.now();
    const choice = `${createHash('sha256').update(value.token).digest('base64url').slice(0, 22)}:${value.target}`;
    if (choices.checkAndAdd(choice)) {
      log.info({ event: 'slack.reroute_repeated', target: value.target });
      await privately(renderNotice(texts(value.lang).alreadyChosen));
      return;
    }
    // Take the buttons off the original first, so nobody sends the same choice twice while the answer is made.
    // Slack echoes an ordinary message's blocks; an ephemeral clarifying question is only the question, so it is
    // replaced by what was chosen. Other ephemeral messages keep their buttons: the check above makes a second
    // click harmless.
    const label = action?.text?.text ?? '';
    const kind = action?.block_id?.startsWith(REROUTE_BLOCK_PREFIX) ? action.block_id.slice(REROUTE_BLOCK_PREFIX.length) : undefined;
    const replacement = b.message?.blocks
      ? withChoiceMade(b.message.blocks, label, value.lang)
      : wasEphemeral && kind === 'clarify'
        ? withChoiceMade([], label, value.lang)
        : undefined;
    if (replacement && b.response_url) {
      try {
        await respond({ replace_original: true, text: texts(value.lang).chosen(label), blocks: replacement });
      } catch (e) {
        log.warn({ event: 'slack.reroute_replace_failed', err: errorSummary(e) });
      }
    }
    let reply: Reply | null;
    try {
      reply = await queue.run(() => core.reroute({ token: value.token, target: value.target, channel: 'slack', conversation, userKey: b.user.id }));
    } catch (e) {
      if (e instanceof QueueFullError) log.warn({ event: 'slack.shed', waiting: queue.waiting });
      else log.error({ event: 'slack.core_failed', err: errorSummary(e) });
      reply = null;
    }
    if (!reply) {
      choices.forget(choice); // nothing was answered: the same button may be tried again
      await privately(renderNotice(texts(value.lang).failed));
      return;
    }
    const isPrivate = conversation !== 'personal' && (wasEphemeral || mustBePrivate(reply, conversation));
    if (isPrivate || !channelId) {
      await privately(renderReply(reply, { privateHint: conversation !== 'personal' && mustBePrivate(reply, conversation) }));
    } else {
      const rendered = renderReply(reply);
      const thread = threadTs ?? (conversation === 'personal' ? undefined : b.container?.message_ts);
      // In a DM the rerouted answer is the reply a follow-up continues; in a channel nothing is read back.
      await post(client, { channel: channelId, ...(thread ? { thread_ts: thread } : {}) }, rendered, conversation === 'personal' ? contextMetadata(reply) : undefined);
    }
    log.info({ event: 'slack.rerouted', target: value.target, reply: reply.kind, private: isPrivate, ms: Math.round(performance.now() - started) });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = AppHomeOpenedEvent.safeParse(event);
    if (!parsed.success) {
      log.warn({ event: 'slack.refused', reason: 'malformed_event', ...problemOf(parsed.error) });
      return;
    }
    if (parsed.data.tab !== undefined && parsed.data.tab !== 'home') return;
    await client.views.publish({ user_id: parsed.data.user, view: renderHome(core.welcome(deps.homeLang ?? 'nl')) });
    log.info({ event: 'slack.home_published' });
  });
}

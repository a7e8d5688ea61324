/**
 * Slack's AI-app surface (the assistant container) through Bolt's `Assistant`: suggested prompts when a thread
 * opens, a status while the core answers, and a thread title from the topic label the core returns — never from
 * what the user wrote. Workspaces without AI apps never send these events; DMs, mentions and the slash command
 * keep their own listeners (handlers.ts), and a DM thread reply outside the container is answered here the same
 * way, only without status and title (Slack refuses those there, which is harmless). A follow-up in the thread
 * continues the thread's previous answer: its sealed context travels in the answer's message metadata (context.ts).
 */
import { Assistant, type webApi } from '@slack/bolt';
import { detectLang } from '../../core/lang.js';
import type { Lang, Message, Reply } from '../../core/types.js';
import { errorSummary, type Logger } from '../../log.js';
import { SUGGESTED_PROMPTS } from '../prompts.js';
import { contextMetadata, lookUpContext } from './context.js';
import { UserMessageEvent, problemOf } from './payloads.js';
import { renderNotice, renderReply } from './render.js';
import { texts, topicTitle } from './texts.js';

export interface AssistantDeps {
  /** The core behind the adapter's work queue; null when it failed or shed the question. */
  ask(message: Message): Promise<Reply | null>;
  log: Logger;
  stripMentions(text: string): string;
}

/** Slack shows at most four prompts. At the start we do not know the language: Dutch first, one in English. */
export function startPrompts(): { title: string; prompts: { title: string; message: string }[] } {
  const pick = ({ title, message }: { title: string; message: string }) => ({ title, message });
  return { title: texts('nl').promptsTitle, prompts: [...SUGGESTED_PROMPTS.nl.slice(0, 3).map(pick), pick(SUGGESTED_PROMPTS.en[0]!)] };
}

/** The title of a thread after a reply: the topic's name, "confidential talk" for a handoff, else none. */
export function threadTitle(reply: Reply): string | null {
  if (reply.kind === 'handoff') return texts(reply.lang).confidentialTitle;
  if (reply.kind === 'answer' || reply.kind === 'abstain') return reply.meta.topic ? topicTitle(reply.meta.topic, reply.lang) : null;
  return null;
}

export function createAssistant(deps: AssistantDeps): Assistant {
  const { log } = deps;

  /** Status, title and prompts decorate the answer; a refusal by Slack must never cost the answer itself. */
  async function decorate(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (e) {
      log.warn({ event: 'slack.assistant_decoration_failed', what, err: errorSummary(e) });
    }
  }

  return new Assistant({
    // The thread context (which channel the user is looking at) is of no use to an integrity answer, and Bolt's
    // default store would read the thread's messages to find it: keep nothing, read nothing.
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ setSuggestedPrompts }) => {
      await decorate('prompts', () => setSuggestedPrompts(startPrompts()));
      log.info({ event: 'slack.assistant_thread_started' });
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, client, setStatus, setTitle, setSuggestedPrompts }) => {
      const raw = message as { subtype?: unknown; bot_id?: unknown };
      if (raw.subtype !== undefined || raw.bot_id !== undefined) return;
      const parsed = UserMessageEvent.safeParse(message);
      if (!parsed.success || !parsed.data.thread_ts) {
        if (!parsed.success) log.warn({ event: 'slack.refused', reason: 'malformed_event', ...problemOf(parsed.error) });
        return;
      }
      const e = parsed.data;
      const started = performance.now();
      const question = deps.stripMentions(e.text);
      if (!question) return;
      const lang: Lang = detectLang(question);
      await decorate('status', () => setStatus(texts(lang).thinking));
      const web = client as webApi.WebClient;
      const found = await lookUpContext(web, { channel: e.channel, thread: e.thread_ts, before: e.ts });
      if (found.failed) log.warn({ event: 'slack.context_lookup_failed', apiError: found.failed });
      const reply = await deps.ask({ text: question, channel: 'slack', conversation: 'personal', userKey: e.user, ...(found.token ? { context: found.token } : {}) });
      const rendered = reply ? renderReply(reply) : renderNotice(texts(lang).failed);
      // Posting in the thread clears the status. The answer carries its context for the next message in the thread.
      await web.chat.postMessage({ channel: e.channel, thread_ts: e.thread_ts, text: rendered.text, blocks: rendered.blocks, metadata: contextMetadata(reply) });
      // The assistant pane is a thread already: the answer's "Meer" part follows as the next message.
      if (rendered.more) await web.chat.postMessage({ channel: e.channel, thread_ts: e.thread_ts, text: rendered.more.text, blocks: rendered.more.blocks });
      if (reply) {
        const title = threadTitle(reply);
        if (title) await decorate('title', () => setTitle(title));
        const prompts = SUGGESTED_PROMPTS[reply.lang].map(({ title: t, message: m }) => ({ title: t, message: m }));
        await decorate('prompts', () => setSuggestedPrompts({ title: texts(reply.lang).moreTitle, prompts }));
      }
      log.info({ event: 'slack.answered', kind: 'assistant', reply: reply?.kind ?? 'error', context: found.token !== undefined, ms: Math.round(performance.now() - started) });
    },
  });
}

/**
 * The plain shapes that cross the boundary between channel adapters and the core.
 * Adapters turn platform payloads into a `Message` and render a `Reply`; they never see retrieval.
 */
import type { Audience, Topic } from '../../knowledge/taxonomy.js';

export type Lang = 'nl' | 'en';
export type ChannelKind = 'slack' | 'teams' | 'web' | 'cli';
/** personal = one-to-one with the bot; group/channel = other people can read along. */
export type ConversationKind = 'personal' | 'group' | 'channel';

export interface Message {
  text: string;
  channel: ChannelKind;
  conversation: ConversationKind;
  /**
   * Opaque per-user key (e.g. a platform user id) used only to rate-limit in memory for a minute. Never logged,
   * stored or recorded.
   */
  userKey?: string;
  /** The user's chosen language (e.g. the web chat's language switch); detected from the text when absent. */
  lang?: Lang;
  /**
   * Reply.context of the previous answer, handed back unchanged by the channel: the cards that answer cited,
   * sealed (never text). With it a follow-up ("en als het 60 euro is?") is answered against those cards.
   */
  context?: string;
}

export type Intent = 'advice' | 'handoff' | 'out-of-scope' | 'smalltalk';
/** `clarify`: the bot was unsure between rules and a confidential talk and asks which the user wants. */
export type ReplyKind = 'answer' | 'abstain' | 'handoff' | 'refusal' | 'help' | 'clarify';
export type Outcome = 'answered' | 'abstained' | 'handed-off' | 'refused' | 'clarified';
/** Where a button sends the same message again: the cited rules, or the vertrouwenspersoon. */
export type RerouteTarget = 'advice' | 'handoff';

export interface Citation {
  doc: string;
  docTitle: string;
  section: string;
  sectionTitle: string;
  url: string;
  /** The date from which the cited law text is in force ("2023-02-18"), or a year when known only roughly. */
  geldendVanaf?: string;
  /** One line in the project's own words (the card's Kern) or a short passage excerpt. */
  summary?: string;
}

export interface ReplySection {
  heading?: string;
  text?: string;
  bullets?: string[];
  /**
   * What the section is for, where a renderer may show it its own way: `contacts` lists `Reply.contacts` as text
   * (a channel with contact blocks shows those instead); `private-notice` says the reply is private (a channel
   * with its own "only you can see this" line shows that instead).
   */
  role?: 'contacts' | 'private-notice';
  /**
   * The language of the section's text and bullets (not its heading) when it differs from the reply's: a Dutch
   * source text quoted in an English reply. The web marks it (`lang="nl"`) so screen readers pronounce it as Dutch;
   * channels that cannot mark a language ignore it.
   */
  lang?: Lang;
}

export type ContactRole = 'internal-vp' | 'external-vp' | 'coordinator' | 'huis-klokkenluiders';

export interface Contact {
  id: string;
  role: ContactRole;
  name: string;
  email?: string;
  phone?: string;
  url?: string;
  slackUserId?: string;
  teamsUserId?: string;
  languages?: string[];
}

export type ReplyAction =
  | { type: 'feedback' }
  /** Warm handoff: the user may ask one of these contacts to reach out. */
  | { type: 'request-contact'; contactIds: string[] }
  /**
   * The same message once more, to the other route: the clarifying question's two choices, "I only wanted the
   * rules" under a handoff, confidential talk under a sensitive answer. `token` is the message sealed (bot/core/
   * seal.ts): opaque, authenticated, expiring; channels carry it in the button and hand it back unchanged.
   */
  | { type: 'reroute'; target: RerouteTarget; label: string; token: string };

/** Labels only, never text: safe to put in button payloads and trend events. */
export interface ReplyMeta {
  intent: Intent;
  topic: Topic | null;
  audience: Audience | null;
  outcome: Outcome;
  /** What triage decided (manager-steps is advice for the trend counts); absent for rule-based replies. */
  route?: 'advice' | 'manager-steps' | 'handoff' | 'out-of-scope' | 'clarify';
}

export interface Reply {
  kind: ReplyKind;
  lang: Lang;
  /** The visible part as plain text, with the sources it cites (Slack `text` fallback, terminal, eval). */
  text: string;
  /** What the reader sees at once. */
  sections: ReplySection[];
  /**
   * The rest of an answer, shown on request: a `<details>` on the web, a ShowCard in Teams, a thread reply in
   * Slack, `--full` in the CLI. Citation markers [n] in both parts index the one `citations` list.
   */
  more?: ReplySection[];
  citations: Citation[];
  contacts: Contact[];
  actions: ReplyAction[];
  meta: ReplyMeta;
  /** Set on a handoff that arrived in a group or channel: answer privately, do not quote the message. */
  private?: boolean;
  /**
   * This reply, sealed (its labels only, never text): a vote or contact request hands it back, so each reply gets
   * one vote and one contact notification however often a button is pressed (channels use its hash as the
   * idempotency key), and a vote's labels are the reply's, not the caller's. Set on replies that offer feedback or
   * a contact request.
   */
  ref?: string;
  /**
   * The cards this answer cited (doc and section only), sealed: the channel keeps it with the reply and sends it
   * with the next message as Message.context, so a follow-up can be answered without the server keeping
   * anything. Set on answers only; a channel's "new question" drops it.
   */
  context?: string;
}

export interface FeedbackInput {
  vote: 'up' | 'down';
  /** The labels from the button payload (Slack, Teams); with `ref` the labels come from the ref instead. */
  meta?: ReplyMeta;
  /** Reply.ref: one vote per reply; a forged or expired ref records nothing. */
  ref?: string;
  channel: ChannelKind;
}

export interface ContactRequest {
  contactId: string;
  channel: ChannelKind;
  /** How the vertrouwenspersoon can reach the requester (a platform user id or display name). Never message text. */
  requester: { displayName?: string; slackUserId?: string; teamsUserId?: string; email?: string };
  lang: Lang;
  /** Reply.ref of the reply with the contact button: one notification per reply; a forged or expired ref sends nothing. */
  ref?: string;
}

export interface RerouteRequest {
  token: string;
  target: RerouteTarget;
  channel: ChannelKind;
  conversation: ConversationKind;
  /** As in Message: an opaque key for the in-memory rate limit, never stored. */
  userKey?: string;
}

/** The one object channel adapters talk to. */
export interface Core {
  handle(message: Message): Promise<Reply>;
  /** Resolves once the vote is recorded or dropped (a repeated or forged ref). */
  feedback(input: FeedbackInput): void | Promise<void>;
  requestContact(request: ContactRequest): Promise<{ ok: boolean; reply: Reply }>;
  /** A click on a reroute button: the sealed message answered on the chosen route (or "this button has expired"). */
  reroute(request: RerouteRequest): Promise<Reply>;
  /** The welcome / App Home text: what the bot does, topics, privacy statement, contacts. */
  welcome(lang: Lang): Reply;
}

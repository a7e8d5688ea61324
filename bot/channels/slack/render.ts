/**
 * Reply → Block Kit. Pure functions: no Slack client, no I/O. Keeps within Block Kit limits
 * (section text ≤ 3000 chars, ≤ 50 blocks per message, ≤ 10 context elements, button text ≤ 75, value ≤ 2000).
 * Button values carry labels and ids of our own making only, never anything a user wrote.
 */
import { z } from 'zod';
import type { types } from '@slack/bolt';
import { Audience, Topic } from '../../../knowledge/taxonomy.js';
import type { Citation, Contact, Lang, Reply, ReplyMeta, ReplySection, RerouteTarget } from '../../core/types.js';
import { texts } from './texts.js';
import { shortCitationLabel } from '../../core/citation.js';
import { citationParts, moreText } from '../../core/compose/render.js';
import { OUTCOMES } from '../../trends/event.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;
type HomeView = types.HomeView;

export const LIMITS = {
  sectionText: 3000,
  blocks: 50,
  contextElements: 10,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 40_000,
} as const;

export const ACTION_IDS = {
  feedbackUp: 'feedback_up',
  feedbackDown: 'feedback_down',
  /** Suffixed with the button index (`request_contact_0`): action ids must be unique within a block. */
  requestContactPrefix: 'request_contact_',
  /** Suffixed with the target (`reroute_advice`, `reroute_handoff`): the same message once more, the other way. */
  reroutePrefix: 'reroute_',
} as const;
export const REQUEST_CONTACT_ACTION = /^request_contact_\d+$/;
export const REROUTE_ACTION = /^reroute_(advice|handoff)$/;
/** The block that holds a reply's reroute buttons; its id names the reply kind (`reroute_clarify`, …). */
export const REROUTE_BLOCK_PREFIX = 'reroute_';

export interface RenderedMessage {
  /** Notification / accessibility fallback: the reply's plain text. */
  text: string;
  blocks: KnownBlock[];
  /** The answer's "Meer" part: posted as a reply in the answer's thread, where Slack shows it collapsed. */
  more?: RenderedMessage;
}

export interface RenderOptions {
  /** Prepend the "only you can see this, continue in a DM" hint (handoff answered ephemerally in a channel). */
  privateHint?: boolean;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '/');
  if (!url || !/^(https?:|mailto:|tel:)/i.test(url) || /[\s<>|]/.test(url)) return safeLabel;
  return `<${url}|${safeLabel}>`;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Splits text into pieces of at most `max` chars, preferring line breaks, then spaces. */
export function splitText(text: string, max: number = LIMITS.sectionText): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest.trim().length > 0) out.push(rest.trimEnd());
  return out;
}

function sectionText(section: ReplySection): string {
  const parts: string[] = [];
  if (section.heading) parts.push(`*${escapeMrkdwn(section.heading)}*`);
  if (section.text) parts.push(escapeMrkdwn(section.text));
  if (section.bullets?.length) parts.push(section.bullets.map((b) => `• ${escapeMrkdwn(b)}`).join('\n'));
  return parts.join('\n');
}

/**
 * Sections as Block Kit (the reply's visible part unless others are given, e.g. its "Meer" part). The contacts get
 * blocks of their own (with a Slack mention and buttons), so the section that lists them as text is left out; so is
 * the core's "this is private" line where the Slack hint says the same and how to go on.
 */
function sectionBlocks(reply: Reply, options: RenderOptions = {}, from: ReplySection[] = reply.sections): KnownBlock[] {
  const shown = from.filter(
    (s) => !(s.role === 'contacts' && reply.contacts.length > 0) && !(s.role === 'private-notice' && options.privateHint),
  );
  const sections = shown.length > 0 ? shown : [{ text: reply.text }];
  return sections
    .map(sectionText)
    .filter((t) => t.trim().length > 0)
    .flatMap((t) => splitText(t))
    .map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }) as KnownBlock);
}

/** `[n]` matches the marker in the answer text, so the reader finds the source a sentence rests on. */
export function citationText(c: Citation, n?: number): string {
  const title = c.sectionTitle ? `${c.docTitle}: ${c.sectionTitle}` : c.docTitle;
  return truncate(`${n ? `[${n}] ` : ''}*${escapeMrkdwn(shortCitationLabel(c))}* · ${link(c.url, truncate(title, 200))}`, LIMITS.sectionText);
}

/** The listed citations (by number; all when absent), each once. */
function citationBlocks(citations: Citation[], lang: Lang, numbers: number[] = citations.map((_, i) => i + 1)): KnownBlock[] {
  const seen = new Set<string>();
  const unique = numbers.filter((n) => {
    const c = citations[n - 1];
    if (!c) return false;
    const key = `${c.doc}\u0000${c.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return [];
  const blocks: KnownBlock[] = [];
  const perBlock = LIMITS.contextElements - 1; // first element of the first block is the "Bronnen" label
  for (let i = 0; i < unique.length; i += perBlock) {
    const elements = unique.slice(i, i + perBlock).map((n) => ({ type: 'mrkdwn' as const, text: citationText(citations[n - 1]!, n) }));
    if (i === 0) elements.unshift({ type: 'mrkdwn', text: `*${texts(lang).sources}:*` });
    blocks.push({ type: 'context', elements });
  }
  return blocks;
}

export function contactText(c: Contact, lang: Lang): string {
  const lines = [`*${escapeMrkdwn(c.name)}* — ${texts(lang).roles[c.role]}`];
  const ways: string[] = [];
  if (c.slackUserId && /^[UW][A-Z0-9]+$/.test(c.slackUserId)) ways.push(`<@${c.slackUserId}>`);
  if (c.email) ways.push(link(`mailto:${c.email}`, c.email));
  if (c.phone) ways.push(escapeMrkdwn(c.phone));
  if (c.url) ways.push(link(c.url, c.url.replace(/^https?:\/\//, '')));
  if (ways.length) lines.push(ways.join(' · '));
  return truncate(lines.join('\n'), LIMITS.sectionText);
}

function contactBlocks(reply: Reply): KnownBlock[] {
  if (reply.contacts.length === 0) return [];
  const heading = reply.sections.find((s) => s.role === 'contacts')?.heading;
  const head: KnownBlock[] = heading ? [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*` } }] : [];
  return [...head, ...reply.contacts.map((c) => ({ type: 'section', text: { type: 'mrkdwn', text: contactText(c, reply.lang) } }) as KnownBlock)];
}

function requestContactBlocks(reply: Reply): KnownBlock[] {
  const ids = reply.actions.flatMap((a) => (a.type === 'request-contact' ? a.contactIds : []));
  const unique = [...new Set(ids)].slice(0, LIMITS.actionElements);
  if (unique.length === 0) return [];
  const t = texts(reply.lang);
  const buttons: Button[] = unique.map((id, i) => {
    const name = reply.contacts.find((c) => c.id === id)?.name;
    const label = unique.length === 1 || !name ? t.requestContact : t.requestContactNamed(name);
    return {
      type: 'button',
      action_id: `${ACTION_IDS.requestContactPrefix}${i}`,
      text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
      value: contactValue(id, reply.lang, reply.ref),
      ...(i === 0 ? { style: 'primary' as const } : {}),
    };
  });
  return [{ type: 'actions', elements: buttons }];
}

/**
 * The reply's reroute buttons (clarify: both choices; handoff: "only the rules"; sensitive answer: confidential
 * talk). The value holds the target, the language and the sealed token: never the message itself.
 */
function rerouteBlocks(reply: Reply): KnownBlock[] {
  const buttons: Button[] = [];
  for (const a of reply.actions) {
    if (a.type !== 'reroute') continue;
    const value = rerouteValue(a.target, reply.lang, a.token);
    // A token that does not fit Slack's value limit would be refused with the whole message: leave the button out.
    if (value.length > LIMITS.buttonValue || buttons.some((b) => b.action_id === `${ACTION_IDS.reroutePrefix}${a.target}`)) continue;
    buttons.push({
      type: 'button',
      action_id: `${ACTION_IDS.reroutePrefix}${a.target}`,
      text: { type: 'plain_text', text: truncate(a.label, LIMITS.buttonText), emoji: true },
      value,
      ...(reply.kind === 'clarify' && buttons.length === 0 ? { style: 'primary' as const } : {}),
    });
  }
  return buttons.length ? [{ type: 'actions', block_id: `${REROUTE_BLOCK_PREFIX}${reply.kind}`, elements: buttons }] : [];
}

function feedbackBlocks(reply: Reply): KnownBlock[] {
  if (!reply.actions.some((a) => a.type === 'feedback')) return [];
  const t = texts(reply.lang);
  const value = feedbackValue(reply.meta, reply.ref);
  return [
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: ACTION_IDS.feedbackUp, text: { type: 'plain_text', text: t.feedbackUp, emoji: true }, value },
        { type: 'button', action_id: ACTION_IDS.feedbackDown, text: { type: 'plain_text', text: t.feedbackDown, emoji: true }, value },
      ],
    },
  ];
}

/** Fits the answer sections into what is left after the blocks that must stay (sources, contacts, buttons). */
function assemble(head: KnownBlock[], body: KnownBlock[], tail: KnownBlock[], lang: Lang, max: number): KnownBlock[] {
  const room = max - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, Math.max(0, room - 1));
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: texts(lang).truncated }] };
  return [...head, ...kept, note, ...tail].slice(0, max);
}

export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const head: KnownBlock[] = options.privateHint
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `🔒 ${texts(reply.lang).privateHint}` }] }]
    : [];
  const parts = citationParts(reply);
  const tail = [
    ...citationBlocks(reply.citations, reply.lang, parts.visible),
    ...contactBlocks(reply),
    ...requestContactBlocks(reply),
    ...rerouteBlocks(reply),
    ...feedbackBlocks(reply),
  ];
  const more: RenderedMessage | undefined = reply.more?.length
    ? {
        text: truncate(moreText(reply), LIMITS.fallbackText),
        blocks: assemble(
          [{ type: 'context', elements: [{ type: 'mrkdwn', text: `*${texts(reply.lang).more}*` }] }],
          sectionBlocks(reply, {}, reply.more),
          citationBlocks(reply.citations, reply.lang, parts.more),
          reply.lang,
          LIMITS.blocks,
        ),
      }
    : undefined;
  return {
    text: truncate(reply.text, LIMITS.fallbackText),
    blocks: assemble(head, sectionBlocks(reply, options), tail, reply.lang, LIMITS.blocks),
    ...(more ? { more } : {}),
  };
}

/**
 * The message a reroute button was on, after the click: the same blocks with the reroute buttons replaced by a
 * line saying what was chosen, so the same choice cannot be sent twice. `blocks` are the message's own blocks as
 * Slack echoes them back (our rendering, no user text).
 */
export function withChoiceMade(blocks: unknown[], label: string, lang: Lang): KnownBlock[] {
  const chosen: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`✓ ${texts(lang).chosen(escapeMrkdwn(label))}`, LIMITS.sectionText) }] };
  const kept = blocks.filter((b) => !String((b as { block_id?: unknown }).block_id ?? '').startsWith(REROUTE_BLOCK_PREFIX)) as KnownBlock[];
  return [...kept, chosen].slice(-LIMITS.blocks);
}

type EchoedBlock = { type?: unknown; elements?: Array<{ action_id?: unknown }> };

/**
 * The message a one-shot button (vote, contact request) was on, after the click: the same blocks without the
 * buttons that `gone` picks (an actions block left empty goes too), plus a line saying what happened. `blocks` are
 * the message's own blocks as Slack echoes them back (our rendering, no user text).
 */
export function withButtonsDone(blocks: unknown[], gone: (actionId: string) => boolean, note: string): KnownBlock[] {
  const kept = (blocks as EchoedBlock[]).flatMap((b) => {
    if (b.type !== 'actions' || !Array.isArray(b.elements)) return [b];
    const elements = b.elements.filter((e) => typeof e.action_id !== 'string' || !gone(e.action_id));
    return elements.length > 0 ? [{ ...b, elements }] : [];
  }) as KnownBlock[];
  const done: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`✓ ${escapeMrkdwn(note)}`, LIMITS.sectionText) }] };
  return [...kept, done].slice(-LIMITS.blocks);
}

export const isFeedbackAction = (actionId: string) => actionId === ACTION_IDS.feedbackUp || actionId === ACTION_IDS.feedbackDown;

/** A short message of the adapter's own (confirmations, refusals) in the same shape. */
export function renderNotice(text: string): RenderedMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }] };
}

/** App Home tab: what the bot does, topics, privacy statement and contacts, all from `core.welcome(lang)`. */
export function renderHome(welcome: Reply): HomeView {
  const t = texts(welcome.lang);
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t.homeTitle, emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t.homeEnglish }] },
  ];
  const tail = [
    ...citationBlocks(welcome.citations, welcome.lang),
    ...(welcome.contacts.length ? [{ type: 'divider' } as KnownBlock] : []),
    ...contactBlocks(welcome),
    ...requestContactBlocks(welcome),
  ];
  return { type: 'home', blocks: assemble(head, sectionBlocks(welcome), tail, welcome.lang, LIMITS.blocks) };
}

// ---- button values -------------------------------------------------------------------------------------------

const INTENTS = ['advice', 'handoff', 'out-of-scope', 'smalltalk'] as const;

/** The reply's sealed ref (`Reply.ref`); absent on buttons rendered before refs existed. */
const Ref = z.string().min(1).max(500).optional();

const FeedbackValue = z.object({
  i: z.enum(INTENTS),
  t: Topic.nullable(),
  a: Audience.nullable(),
  o: z.enum(OUTCOMES),
  k: Ref,
});

export function feedbackValue(meta: ReplyMeta, ref?: string): string {
  return JSON.stringify({ i: meta.intent, t: meta.topic, a: meta.audience, o: meta.outcome, ...(ref ? { k: ref } : {}) });
}

/** Null for anything that is not a value we rendered (tampered or truncated payloads). */
export function parseFeedbackValue(value: unknown): { meta: ReplyMeta; ref?: string } | null {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return null;
  try {
    const v = FeedbackValue.parse(JSON.parse(value));
    return { meta: { intent: v.i, topic: v.t, audience: v.a, outcome: v.o }, ...(v.k ? { ref: v.k } : {}) };
  } catch {
    return null;
  }
}

const RerouteValue = z.object({ r: z.enum(['advice', 'handoff']), l: z.enum(['nl', 'en']), s: z.string().min(1).max(LIMITS.buttonValue) }).strict();

/** `{"r":target,"l":lang,"s":token}`: about 35 characters around the token, which the core keeps ≤ 1,900. */
export function rerouteValue(target: RerouteTarget, lang: Lang, token: string): string {
  return JSON.stringify({ r: target, l: lang, s: token });
}

export function parseRerouteValue(value: unknown): { target: RerouteTarget; lang: Lang; token: string } | null {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return null;
  try {
    const v = RerouteValue.parse(JSON.parse(value));
    return { target: v.r, lang: v.l, token: v.s };
  } catch {
    return null;
  }
}

const ContactValue = z.object({ c: z.string().min(1).max(200), l: z.enum(['nl', 'en']), k: Ref });

export function contactValue(contactId: string, lang: Lang, ref?: string): string {
  return JSON.stringify({ c: contactId, l: lang, ...(ref ? { k: ref } : {}) });
}

export function parseContactValue(value: unknown): { contactId: string; lang: Lang; ref?: string } | null {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return null;
  try {
    const v = ContactValue.parse(JSON.parse(value));
    return { contactId: v.c, lang: v.l, ...(v.k ? { ref: v.k } : {}) };
  } catch {
    return null;
  }
}

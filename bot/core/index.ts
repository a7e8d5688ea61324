/**
 * The answer engine: guard → triage → retrieve → compose → record. Channel adapters call `createCore(...)` once
 * and talk only to the returned `Core`. Nothing a user writes is logged, stored or put into an error: logs carry
 * labels and timings only, and trend events have no text field at all.
 */
import { createHash } from 'node:crypto';
import type { Audience, Topic } from '../../knowledge/taxonomy.js';
import type { Retriever, SearchHit } from '../../knowledge/search/types.js';
import { coordinatorContact, handoffContacts, type Directory } from '../directory/index.js';
import { errorSummary, type Logger } from '../log.js';
import type { TrendEvent, TrendRecorder } from '../trends/types.js';
import { isoWeek } from '../trends/week.js';
import type { ComposerConfig } from './config.js';
import { groupByCard, type CardHit } from './compose/card.js';
import { createAnswerability, type Answerability } from './answerable/index.js';
import { composeExtractive, composeMeldingSteps, type Draft } from './compose/extractive.js';
import { composeHandoff, HANDOFF_SOURCE_QUERY } from './compose/handoff.js';
import { composeLlm } from './compose/llm.js';
import { contactLine, renderText, visibleText } from './compose/render.js';
import { guard, DEFAULT_MAX_CHARS } from './guard.js';
import { t, TOPIC_LABELS } from './messages.js';
import { createNoopNotifier, type Notifier } from './notify.js';
import { createMemoryOnce, type OnceStore } from './once.js';
import { createSealer, type Sealer } from './seal.js';
import { CONTEXT_MARK, citedCards, continuesPrevious, followupQuery, openContext, sealContext, type CardRef } from './followup.js';
import { answerRoute, audienceHint, createTriage, mentionsIntegrity, searchAudience, topicFromKeywords, type Triage } from './triage/index.js';
import type { Contact, Core, Intent, Lang, Message, Reply, ReplyAction, ReplyMeta, ReplySection } from './types.js';

export type { ComposerConfig } from './config.js';
export { createNoopNotifier, createWebhookNotifier, type Notifier } from './notify.js';
export { createSealer, parseSealKeys, type Sealer } from './seal.js';

export interface CoreDeps {
  retriever: Retriever;
  directory: Directory;
  recorder?: TrendRecorder;
  composer?: ComposerConfig;
  log?: Logger;
  now?: () => Date;
  notifier?: Notifier;
  /** The trained triage model; loaded from bot/core/triage/model when absent. */
  triage?: Triage;
  /** Seals the message into reroute buttons; a per-process random key when absent. */
  sealer?: Sealer;
  /** One vote and one contact notification per reply; in process memory when absent. */
  once?: OnceStore;
  /** Decides between answering and abstaining; the trained model (answerable/) when absent. */
  answerability?: Answerability;
}

/** Retrieval depth: enough for a lead card, two related cards and their extra chunks. */
const K = 8;
/** The cards that carry the leidinggevende's steps for handling a melding. */
const MELDING_DOCS = ['GIR', 'AW', 'WHK', 'BIPO', 'KADER-VP', 'CAO-RIJK'];
const MELDING_QUERY = 'leidinggevende melding ontvangen hoogste leidinggevende doorgeven serieus luisteren vertrouwelijk integriteitscoördinator onderzoek registratie bescherming melder betrokkene';
/** Starts the sealed text of a reply's ref; a user's message cannot start with a NUL character past the guard. */
const REF_MARK = '\u0000ref:';
/** Topics where an answer about the rules may hide something going on: the answer offers confidential talk. */
const SENSITIVE_TOPICS: Topic[] = ['melden', 'omgangsvormen', 'klokkenluiders', 'belangenverstrengeling', 'informatie', 'vertrouwenspersoon', 'onderzoek'];

export function createCore(deps: CoreDeps): Core {
  const { retriever, directory, recorder, log } = deps;
  const now = deps.now ?? (() => new Date());
  const composer = deps.composer ?? {};
  // Loaded once per core, like the triage model: does the best card answer the question, or abstain?
  const answerability = deps.answerability ?? createAnswerability();
  const threshold = (followup: boolean) => composer.abstainThreshold ?? (followup ? answerability.followupThreshold : answerability.threshold);
  const maxChars = composer.maxMessageChars ?? DEFAULT_MAX_CHARS;
  const notifier = deps.notifier ?? createNoopNotifier();
  // Loaded once per core: the trained model is read from disk and checked against its hash here, not per message.
  const triage = deps.triage ?? createTriage();
  const sealer = deps.sealer ?? createSealer();
  const once = deps.once ?? createMemoryOnce();

  /** A reply's ref: its four labels sealed, marked so that a reroute never takes it for a sealed message. */
  function sealRef(r: Reply): string {
    const { intent, topic, audience, outcome } = r.meta;
    return sealer.seal({ text: `${REF_MARK}${JSON.stringify({ intent, topic, audience, outcome })}`, lang: r.lang });
  }

  /** The labels a ref carries, or null when it is forged, expired or not a ref. */
  function openRef(ref: string): ReplyMeta | null {
    const opened = sealer.open(ref);
    if (!opened?.text.startsWith(REF_MARK)) return null;
    try {
      return JSON.parse(opened.text.slice(REF_MARK.length)) as ReplyMeta;
    } catch {
      return null;
    }
  }

  /** The idempotency key of a ref: a hash, so the store never holds the token itself. */
  const onceKey = (kind: 'vote' | 'contact', ref: string) => `${kind}:${createHash('sha256').update(ref).digest('base64url')}`;

  function record(event: Omit<TrendEvent, 'week'>): void {
    if (!recorder) return;
    try {
      recorder.record({ week: isoWeek(now()), ...event });
    } catch (e) {
      log?.warn({ event: 'record-failed', err: errorSummary(e) });
    }
  }

  function reply(lang: Lang, kind: Reply['kind'], meta: ReplyMeta, draft: Partial<Draft> & { contacts?: Contact[] }, extra: Partial<Reply> = {}): Reply {
    const sections = draft.sections ?? [];
    const citations = draft.citations ?? [];
    const more = draft.more?.length ? { more: draft.more } : {};
    const r: Reply = {
      kind,
      lang,
      text: visibleText({ sections, ...more, citations, lang }),
      sections,
      ...more,
      citations,
      contacts: draft.contacts ?? [],
      actions: kind === 'answer' || kind === 'abstain' ? [{ type: 'feedback' }] : [],
      meta,
      ...extra,
    };
    return ensureCited(r, () => abstain(lang, meta.topic, meta.audience));
  }

  function abstain(lang: Lang, topic: Topic | null, audience: Audience | null, key: 'abstain' | 'error' = 'abstain'): Reply {
    const coordinator = coordinatorContact(directory);
    const sections: ReplySection[] = [{ text: t(key, lang) }, { heading: t('coordinator', lang), bullets: [contactLine(coordinator)] }];
    return {
      kind: 'abstain',
      lang,
      text: renderText(sections, [], lang),
      sections,
      citations: [],
      contacts: [coordinator],
      actions: [{ type: 'feedback' }],
      meta: { intent: 'advice', topic, audience, outcome: 'abstained' },
    };
  }

  function refusal(lang: Lang, text: string): Reply {
    const sections = [{ text }];
    return {
      kind: 'refusal',
      lang,
      text,
      sections,
      citations: [],
      contacts: [],
      // A wrong refusal is among the worst errors: it must be possible to flag it.
      actions: [{ type: 'feedback' }],
      meta: { intent: 'out-of-scope', topic: null, audience: null, outcome: 'refused' },
    };
  }

  function welcome(lang: Lang): Reply {
    const contacts = handoffContacts(directory);
    const sections: ReplySection[] = [
      { text: t('welcomeIntro', lang) },
      { heading: t('welcomeTopics', lang), bullets: TOPIC_LABELS[lang] },
      { text: t('welcomeHandoff', lang) },
      { heading: t('contacts', lang), bullets: contacts.map(contactLine), role: 'contacts' },
      { text: t('welcomePrivacy', lang) },
    ];
    return {
      kind: 'help',
      lang,
      text: renderText(sections, [], lang),
      sections,
      citations: [],
      contacts,
      actions: [],
      meta: { intent: 'smalltalk', topic: null, audience: null, outcome: 'answered' },
    };
  }

  /** One fixed sentence in the welcome's frame (thanks, an expired button). */
  function notice(lang: Lang, key: 'thanks' | 'rerouteExpired'): Reply {
    const text = t(key, lang);
    return { ...welcome(lang), text, sections: [{ text }], contacts: [] };
  }

  async function handoff(message: Message, lang: Lang, topic: Topic | null, audience: Audience | null, token: string): Promise<Reply> {
    let sourceCards: CardHit[] = [];
    try {
      sourceCards = groupByCard(await retriever.search(HANDOFF_SOURCE_QUERY, { k: 8, docs: ['GIR', 'WHK', 'KADER-VP', 'AW'] }));
    } catch (e) {
      // The contacts matter more than the citations: hand off without sources rather than fail.
      log?.warn({ event: 'handoff-sources-failed', err: errorSummary(e) });
    }
    const isPrivate = message.conversation !== 'personal';
    const draft = composeHandoff({ directory, lang, sourceCards, private: isPrivate });
    return reply(lang, 'handoff', { intent: 'handoff', topic, audience, outcome: 'handed-off', route: 'handoff' }, draft, {
      actions: [
        { type: 'request-contact', contactIds: draft.requestableIds },
        // One click back when the bot misread a rule question as a personal situation.
        { type: 'reroute', target: 'advice', label: t('onlyRules', lang), token },
        // A handoff that should not have been one (or missed the point) must be possible to flag.
        { type: 'feedback' },
      ],
      private: isPrivate,
    });
  }

  function clarify(message: Message, lang: Lang, topic: Topic | null, token: string): Reply {
    const sections: ReplySection[] = [{ text: t('clarifyQuestion', lang) }, { text: t('clarifyPrivacy', lang) }];
    const actions: ReplyAction[] = [
      { type: 'reroute', target: 'advice', label: t('clarifyRules', lang), token },
      { type: 'reroute', target: 'handoff', label: t('clarifyTalk', lang), token },
    ];
    return {
      kind: 'clarify',
      lang,
      text: `${renderText(sections, [], lang)}\n1. ${t('clarifyRules', lang)}\n2. ${t('clarifyTalk', lang)}`,
      sections,
      citations: [],
      contacts: [],
      actions,
      meta: { intent: 'advice', topic, audience: null, outcome: 'clarified', route: 'clarify' },
      // The message may be about something personal: in a shared conversation the question goes to the writer only.
      private: message.conversation !== 'personal',
    };
  }

  /**
   * The answer routes: the leidinggevende's steps, or the cited rules (abstain or refuse when none answer). With
   * `previous` (a follow-up) the question is searched, judged and composed together with the previous answer's
   * card titles, so "en als het 60 euro is?" lands on the gift rules; the audience still comes from the new words.
   */
  async function answer(text: string, lang: Lang, route: 'advice' | 'manager-steps', token: string, previous?: CardRef[]): Promise<Reply> {
    const audience = audienceHint(text);
    const titles = (previous ?? []).flatMap((c) => retriever.card?.(c.doc, c.section)?.sectionTitle ?? []);
    const query = titles.length > 0 ? followupQuery(text, titles) : text;
    let hits: SearchHit[];
    try {
      hits = await retriever.search(text, { k: K, ...searchAudience(audience), ...(previous?.length ? { previous } : {}) });
    } catch (e) {
      log?.error({ event: 'search-failed', err: errorSummary(e) });
      return abstain(lang, topicFromKeywords(text), audience, 'error');
    }
    const topic = pickTopic('advice', query, hits);
    if (route === 'manager-steps') {
      const steps = await meldingSteps(text, hits, lang, topic);
      if (steps) return steps;
    }
    const result = await advise(query, lang, hits, topic, audience, titles.length > 0);
    if (result.kind !== 'answer' || !result.meta.topic || !SENSITIVE_TOPICS.includes(result.meta.topic)) return result;
    const sections = [...result.sections, { text: t('sensitiveOffer', lang) }];
    return {
      ...result,
      sections,
      text: visibleText({ ...result, sections }),
      actions: [...result.actions, { type: 'reroute', target: 'handoff', label: t('sensitiveButton', lang), token }],
    };
  }

  /** Cited steps for a leidinggevende with a melding, plus who to involve and who the employee can turn to. */
  async function meldingSteps(question: string, hits: SearchHit[], lang: Lang, topic: Topic | null): Promise<Reply | null> {
    const extra = await retriever.search(MELDING_QUERY, { k: K, docs: MELDING_DOCS, audience: 'leidinggevende' });
    // The question's own best card answers its narrow part; the steps answer the rest.
    const score = retriever.scorer ? { score: retriever.scorer(question) } : {};
    const steps = composeMeldingSteps({ cards: groupByCard([...hits, ...extra]), lang, focus: groupByCard(hits)[0], question, ...score });
    if (!steps) return null;
    // The leidinggevende involves the integriteitscoördinator (a step): that contact is in sight. The
    // vertrouwenspersonen are for the reporter, so the manager finds them under "Meer" to pass on.
    const coordinator = coordinatorContact(directory);
    const forReporter = handoffContacts(directory).filter((c) => c.role !== 'huis-klokkenluiders' && c.role !== 'coordinator');
    const sections: ReplySection[] = [
      ...steps.sections,
      { heading: t('contacts', lang), bullets: [contactLine(coordinator)], role: 'contacts' },
      ...(forReporter.length ? [{ text: t('reporterContactsHint', lang) }] : []),
    ];
    const more: ReplySection[] = [...(steps.more ?? []), ...(forReporter.length ? [{ heading: t('reporterContacts', lang), bullets: forReporter.map(contactLine) }] : [])];
    const meta: ReplyMeta = { intent: 'advice', topic: topic ?? 'melden', audience: 'leidinggevende', outcome: 'answered', route: 'manager-steps' };
    return reply(lang, 'answer', meta, { ...steps, sections, more, contacts: [coordinator] });
  }

  async function advise(text: string, lang: Lang, hits: SearchHit[], topic: Topic | null, audience: Audience | null, followup: boolean): Promise<Reply> {
    const meta: ReplyMeta = { intent: 'advice', topic, audience, outcome: 'answered', route: 'advice' };
    if (hits.length === 0 || answerability.probability(text, hits, lang, followup) < threshold(followup)) {
      // Nothing in the sources and no integrity vocabulary either: not "I don't know" but "not my subject".
      return mentionsIntegrity(text) ? abstain(lang, topic, audience) : refusal(lang, t('refusal', lang));
    }
    const cards = groupByCard(hits);
    const extractive = composeExtractive({ cards, question: text, lang, audience, ...(retriever.scorer ? { score: retriever.scorer(text) } : {}) });
    if (composer.llm && !cards[0]?.titleOnly) {
      const llm = await composeLlm({ config: composer.llm, question: text, lang, cards, log });
      if (llm) return reply(lang, 'answer', meta, llm);
    }
    return reply(lang, 'answer', meta, extractive);
  }

  /** Runs one turn: any fault becomes the error reply; every reply is recorded (labels only) and logged (labels only). */
  async function respond(message: Message, produce: () => Promise<Reply>, route: () => string | undefined): Promise<Reply> {
    const started = Date.now();
    let result: Reply;
    try {
      result = await produce();
    } catch (e) {
      log?.error({ event: 'handle-failed', err: errorSummary(e) });
      result = abstain(message.lang ?? 'nl', null, null, 'error');
    }
    if (result.actions.some((a) => a.type === 'feedback' || a.type === 'request-contact')) result = { ...result, ref: sealRef(result) };
    // Only an answer's cards are worth following up on (a handoff's sources are about melden in general).
    const context = result.kind === 'answer' ? sealContext(sealer, citedCards(result.citations), result.lang) : undefined;
    if (context) result = { ...result, context };
    record({
      kind: 'question',
      topic: result.meta.topic ?? 'geen',
      intent: result.meta.intent,
      outcome: result.meta.outcome,
      channel: message.channel,
      audience: result.meta.audience ?? 'onbekend',
    });
    log?.info({
      event: 'handled',
      channel: message.channel,
      kind: result.kind,
      intent: result.meta.intent,
      topic: result.meta.topic,
      outcome: result.meta.outcome,
      citations: result.citations.length,
      triage: route(),
      ms: Date.now() - started,
    });
    return result;
  }

  function handle(message: Message): Promise<Reply> {
    let route: string | undefined;
    return respond(
      message,
      async () => {
        const g = guard(message, maxChars);
        if (!g.ok) return g.reason === 'empty' ? welcome(g.lang) : refusal(g.lang, t('tooLong', g.lang, { max: maxChars }));
        const triaged = triage.classify(g.text);
        route = triaged.route;
        if (triaged.route === 'smalltalk') {
          return triaged.smalltalk === 'thanks' ? notice(g.lang, 'thanks') : welcome(g.lang);
        }
        const refuse = () => {
          const refused = refusal(g.lang, t('refusal', g.lang));
          return { ...refused, meta: { ...refused.meta, route: 'out-of-scope' as const } };
        };
        if (triaged.route === 'injection') return refuse();
        const token = sealer.seal({ text: g.text, lang: g.lang });
        // A handoff always wins, follow-up or not: someone in trouble never gets the previous answer's rules.
        if (triaged.route === 'handoff') return handoff(message, g.lang, pickTopic('handoff', g.text, []), audienceHint(g.text), token);
        // Rule in followup.ts: with the previous answer's cards, a message that leans on it or that triage cannot
        // place with confidence is answered against them (never refused as out of scope or asked to clarify).
        const previous = message.context ? openContext(sealer, message.context) : null;
        if (previous && continuesPrevious(g.text, triaged.route, triaged.probabilities)) {
          route = `followup:${triaged.route}`;
          return answer(g.text, g.lang, triaged.route === 'manager-steps' ? 'manager-steps' : 'advice', token, previous);
        }
        if (triaged.route === 'out-of-scope') {
          if (!previous) return refuse();
          // "hoe bereik ik ze?" after an answer about the Huis voor klokkenluiders reads as admin on its own: with the
          // previous card the answerability model decides, and anything it does not answer is still refused.
          const followed = await answer(g.text, g.lang, 'advice', token, previous);
          if (followed.kind !== 'answer') return refuse();
          route = 'followup-after-refusal:out-of-scope';
          return followed;
        }
        if (triaged.route === 'clarify') return clarify(message, g.lang, topicFromKeywords(g.text), token);
        const alone = await answer(g.text, g.lang, triaged.route, token);
        if (!previous || alone.kind === 'answer') return alone;
        // A confident rule question can still lean on the previous answer ("heeft de betrokkene dan ook rechten?"):
        // rather than say no card answers it, try it against the previous card, and keep that only if it answers.
        const followed = await answer(g.text, g.lang, triaged.route, token, previous);
        if (followed.kind !== 'answer') return alone;
        route = `followup-after-decline:${triaged.route}`;
        return followed;
      },
      () => route,
    );
  }

  function reroute(request: Parameters<Core['reroute']>[0]): Promise<Reply> {
    const sealed = sealer.open(request.token);
    // A reply's ref and a context token open too, but they hold labels and card ids, not a message to answer.
    const opened = sealed && !sealed.text.startsWith(REF_MARK) && !sealed.text.startsWith(CONTEXT_MARK) ? sealed : null;
    // Only labels: the opened text goes to triage and retrieval, never into this message that respond() logs from.
    const message: Message = { text: '', channel: request.channel, conversation: request.conversation, ...(opened ? { lang: opened.lang } : {}) };
    return respond(
      message,
      async () => {
        if (!opened) return notice('nl', 'rerouteExpired');
        // Sealed again so the reply's own buttons work for another half hour.
        const token = sealer.seal(opened);
        if (request.target === 'handoff') return handoff(message, opened.lang, pickTopic('handoff', opened.text, []), audienceHint(opened.text), token);
        return answer(opened.text, opened.lang, answerRoute(triage.probabilities(opened.text)), token);
      },
      () => (opened ? `reroute:${request.target}` : 'reroute:expired'),
    );
  }

  return {
    handle,
    reroute,
    welcome,
    async feedback(input) {
      const meta = input.ref === undefined ? input.meta : openRef(input.ref);
      if (!meta) return void log?.info({ event: 'feedback-dropped', channel: input.channel, reason: 'invalid-ref' });
      if (input.ref !== undefined && !(await once.first(onceKey('vote', input.ref)))) {
        return void log?.info({ event: 'feedback-dropped', channel: input.channel, reason: 'repeat' });
      }
      record({
        kind: 'feedback',
        topic: meta.topic ?? 'geen',
        intent: meta.intent,
        outcome: meta.outcome,
        channel: input.channel,
        audience: meta.audience ?? 'onbekend',
        vote: input.vote,
      });
      log?.info({ event: 'feedback', channel: input.channel, vote: input.vote });
    },
    async requestContact(request) {
      const lang = request.lang;
      const meta: ReplyMeta = { intent: 'handoff', topic: null, audience: null, outcome: 'handed-off' };
      const contact = handoffContacts(directory).find((c) => c.id === request.contactId && (c.role === 'internal-vp' || c.role === 'external-vp'));
      const help = (text: string, contacts: Contact[]): Reply => ({
        kind: 'help',
        lang,
        text,
        sections: [{ text }],
        citations: [],
        contacts,
        actions: [],
        meta,
      });
      if (!contact) return { ok: false, reply: help(t('contactUnknown', lang), handoffContacts(directory).filter((c) => c.role === 'internal-vp')) };
      const sent = () => ({ ok: true, reply: help(t('contactSent', lang, { name: contact.name, channel: channelName(request.channel, lang) }), [contact]) });
      if (request.ref !== undefined) {
        if (!openRef(request.ref)) return { ok: false, reply: help(t('rerouteExpired', lang), []) };
        // Taken before notifying, so parallel repeats cannot all pass; a repeat is told it was sent (it was).
        if (!(await once.first(onceKey('contact', request.ref)))) {
          log?.info({ event: 'contact-request', channel: request.channel, repeat: true });
          return sent();
        }
      }
      let result: { ok: boolean } = { ok: false };
      try {
        result = await notifier.notify({ contact, requester: request.requester, channel: request.channel, lang });
      } catch (e) {
        log?.warn({ event: 'notify-failed', err: errorSummary(e) });
      }
      log?.info({ event: 'contact-request', channel: request.channel, ok: result.ok, configured: notifier.configured });
      // Nothing went out, so the person may try again with the same reply.
      if (!result.ok && request.ref !== undefined) await once.forget(onceKey('contact', request.ref));
      if (result.ok) return sent();
      const routes = [contact.email, contact.phone, contact.url].filter(Boolean).join(', ');
      return { ok: false, reply: help(t('contactNotConfigured', lang, { name: contact.name, routes }), [contact]) };
    },
  };
}

/** Hard rule: an answer without a source is never returned; it becomes the abstain reply. */
export function ensureCited(reply: Reply, abstain: () => Reply): Reply {
  return reply.kind === 'answer' && reply.citations.length === 0 ? abstain() : reply;
}

function channelName(channel: Message['channel'], lang: Lang): string {
  const names = { slack: 'Slack', teams: 'Teams', web: lang === 'en' ? 'e-mail or phone' : 'e-mail of telefoon', cli: lang === 'en' ? 'e-mail or phone' : 'e-mail of telefoon' };
  return names[channel];
}

function pickTopic(intent: Intent, text: string, hits: SearchHit[]): Topic | null {
  // For a handoff the words of the message say more than the passages (which are about melden in general).
  if (intent === 'handoff') return topicFromKeywords(text) ?? 'melden';
  const fromHits = hits[0]?.chunk.topics.find((x) => x !== 'algemeen') ?? hits[0]?.chunk.topics[0];
  return fromHits ?? topicFromKeywords(text);
}

/**
 * Guards around the core that every channel shares: a per-user rate limit and a deadline on every answer.
 * The rate limit counts an HMAC of the user key for a minute (bot/server/ratelimit.ts): in PostgreSQL when the
 * replicas share one, so a user gets one quota and not one per replica; in memory otherwise.
 */
import type { Core, Lang, Message, Reply } from '../core/types.js';
import type { Logger } from '../log.js';
import { withDeadline } from './deadline.js';
import type { Metrics } from './metrics.js';
import { createQuotaStore, type QuotaStore } from './ratelimit.js';

export interface LimitOptions {
  questionsPerMinute: number;
  answerTimeoutMs: number;
  /** Language guess for the fallback replies (the core's own detector). */
  detectLang: (text: string) => Lang;
  log?: Logger;
  metrics?: Metrics;
  /** Where the counters live; a memory store of its own when absent. */
  quotas?: QuotaStore;
}

export interface LimitedCore extends Core {
  /** Answers being computed right now (graceful shutdown waits for them). */
  inFlight(): number;
  /** Resolves when no answer is in flight. */
  drained(): Promise<void>;
}

export function withLimits(core: Core, options: LimitOptions): LimitedCore {
  const quota = (options.quotas ?? createQuotaStore()).quota({ name: 'chat', points: options.questionsPerMinute, durationSec: 60 });
  let inFlight = 0;
  let waiters: Array<() => void> = [];

  async function allow(userKey: string | undefined): Promise<boolean> {
    if (!userKey) return true;
    return (await quota.take(userKey)).ok;
  }

  /** A question and a click on a reroute button are both a turn: the same quota and the same deadline. */
  async function limited(message: Pick<Message, 'channel' | 'userKey'>, lang: Lang, run: () => Promise<Reply>): Promise<Reply> {
    // In flight from the first moment, so a shutdown also waits for a turn whose quota is still being counted.
    inFlight++;
    let started: bigint | undefined;
    try {
      if (!(await allow(message.userKey))) {
        options.log?.info({ event: 'rate-limited', channel: message.channel });
        options.metrics?.inc('integriteitsbot_rate_limited_total', { channel: message.channel });
        return fallback(lang, 'rate');
      }
      started = process.hrtime.bigint();
      const reply = await withDeadline(run(), options.answerTimeoutMs, () => {
        options.log?.warn({ event: 'answer-timeout', channel: message.channel, ms: options.answerTimeoutMs });
        options.metrics?.inc('integriteitsbot_answer_timeouts_total', { channel: message.channel });
        return fallback(lang, 'timeout');
      });
      options.metrics?.inc('integriteitsbot_replies_total', { channel: message.channel, kind: reply.kind });
      return reply;
    } catch (e) {
      options.log?.error({ event: 'answer-failed', channel: message.channel, err: e });
      options.metrics?.inc('integriteitsbot_answer_errors_total', { channel: message.channel });
      return fallback(lang, 'error');
    } finally {
      if (started !== undefined) options.metrics?.observeAnswer(message.channel, Number(process.hrtime.bigint() - started) / 1e9);
      inFlight--;
      if (inFlight === 0) {
        for (const w of waiters) w();
        waiters = [];
      }
    }
  }

  return {
    handle: (message) => limited(message, options.detectLang(message.text), () => core.handle(message)),
    // The language is inside the sealed token; the fallback replies of a click use Dutch.
    reroute: (request) => limited(request, 'nl', () => core.reroute(request)),
    feedback: (input) => core.feedback(input),
    requestContact: (request) => core.requestContact(request),
    welcome: (lang) => core.welcome(lang),
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

const TEXTS = {
  rate: {
    nl: 'Je hebt in korte tijd veel vragen gesteld. Wacht even en probeer het over een minuut opnieuw.',
    en: 'You have asked many questions in a short time. Please wait a minute and try again.',
  },
  timeout: {
    nl: 'Het lukt me nu niet om op tijd een antwoord te geven. Probeer het zo opnieuw, of neem contact op met de integriteitscoördinator van je organisatie.',
    en: 'I could not answer in time. Please try again shortly, or contact the integrity coordinator of your organisation.',
  },
  error: {
    nl: 'Er ging iets mis bij het maken van een antwoord. Probeer het opnieuw, of neem contact op met de integriteitscoördinator van je organisatie.',
    en: 'Something went wrong while preparing an answer. Please try again, or contact the integrity coordinator of your organisation.',
  },
} as const;

/** A reply without a rule in it, so it needs no citation: it only says the bot cannot answer now. */
export function fallback(lang: Lang, reason: keyof typeof TEXTS): Reply {
  const text = TEXTS[reason][lang];
  return {
    kind: 'refusal',
    lang,
    text,
    sections: [{ text }],
    citations: [],
    contacts: [],
    actions: [],
    meta: { intent: 'advice', topic: null, audience: null, outcome: 'refused' },
  };
}

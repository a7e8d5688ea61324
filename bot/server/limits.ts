/**
 * Guards around the core that every channel shares: a per-user rate limit and a deadline on every answer.
 * Both live in memory only; the rate limiter keeps a salted hash of the user key for at most a minute.
 */
import crypto from 'node:crypto';
import type { Core, Lang, Message, Reply } from '../core/types.js';
import type { Logger } from '../log.js';
import { withDeadline } from './deadline.js';
import type { Metrics } from './metrics.js';

export interface LimitOptions {
  questionsPerMinute: number;
  answerTimeoutMs: number;
  /** Language guess for the fallback replies (the core's own detector). */
  detectLang: (text: string) => Lang;
  log?: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export interface LimitedCore extends Core {
  /** Answers being computed right now (graceful shutdown waits for them). */
  inFlight(): number;
  /** Resolves when no answer is in flight. */
  drained(): Promise<void>;
}

export function withLimits(core: Core, options: LimitOptions): LimitedCore {
  const now = options.now ?? Date.now;
  const salt = crypto.randomBytes(16);
  const windows = new Map<string, number[]>();
  let inFlight = 0;
  let waiters: Array<() => void> = [];

  function allow(userKey: string | undefined): boolean {
    if (!userKey) return true;
    const key = crypto.createHmac('sha256', salt).update(userKey).digest('base64url');
    const t = now();
    const recent = (windows.get(key) ?? []).filter((at) => t - at < 60_000);
    if (recent.length >= options.questionsPerMinute) {
      windows.set(key, recent);
      return false;
    }
    recent.push(t);
    windows.set(key, recent);
    if (windows.size > 10_000) prune(t);
    return true;
  }

  function prune(t: number): void {
    for (const [key, times] of windows) if (times.every((at) => t - at >= 60_000)) windows.delete(key);
  }

  /** A question and a click on a reroute button are both a turn: the same quota and the same deadline. */
  async function limited(message: Pick<Message, 'channel' | 'userKey'>, lang: Lang, run: () => Promise<Reply>): Promise<Reply> {
    if (!allow(message.userKey)) {
      options.log?.info({ event: 'rate-limited', channel: message.channel });
      options.metrics?.inc('integriteitsbot_rate_limited_total', { channel: message.channel });
      return fallback(lang, 'rate');
    }
    inFlight++;
    const started = process.hrtime.bigint();
    try {
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
      options.metrics?.observeAnswer(message.channel, Number(process.hrtime.bigint() - started) / 1e9);
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

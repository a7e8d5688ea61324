/**
 * Metrics for operators through prom-client (Prometheus text format): the bot's own counters, answer latency per
 * channel, the trend-store gauges, and the Node.js process metrics. Labels are our own enums (channel, kind,
 * outcome), never anything a user wrote. `/metrics` can be put behind a bearer token (METRICS_TOKEN).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The counters the server increments, with their help text and labels (names are part of the operators' API). */
const COUNTERS: Record<string, { help: string; labels: string[] }> = {
  integriteitsbot_replies_total: { help: 'Replies given, by channel and reply kind', labels: ['channel', 'kind'] },
  integriteitsbot_rate_limited_total: { help: 'Questions refused by the per-user rate limit', labels: ['channel'] },
  integriteitsbot_answer_timeouts_total: { help: 'Answers past their deadline (a fallback reply was sent)', labels: ['channel'] },
  integriteitsbot_answer_errors_total: { help: 'Answers that failed with an error', labels: ['channel'] },
  integriteitsbot_trend_events_total: { help: 'Trend events handed to the trend store, by event kind', labels: ['kind'] },
  integriteitsbot_trend_events_dropped_total: { help: 'Trend events dropped because no trend store is open', labels: [] },
};

/** Answer latencies range from a few milliseconds (extractive) to the answer deadline (LLM). */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter<string>>();
  /** Our own copy of the counter values, for synchronous reads (prom-client's are asynchronous). */
  private readonly values = new Map<string, number>();
  private readonly answerDuration: Histogram<'channel'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    for (const [name, { help, labels }] of Object.entries(COUNTERS)) this.counter(name, help, labels);
    this.answerDuration = new Histogram({
      name: 'integriteitsbot_answer_duration_seconds',
      help: 'Time from a question reaching the core to its reply, by channel',
      labelNames: ['channel'],
      buckets: ANSWER_BUCKETS,
      registers: [this.registry],
    });
  }

  private counter(name: string, help: string, labels: string[]): Counter<string> {
    let c = this.counters.get(name);
    if (!c) {
      c = new Counter({ name, help, labelNames: labels, registers: [this.registry] });
      this.counters.set(name, c);
    }
    return c;
  }

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    this.counter(name, name, Object.keys(labels).sort()).inc(labels, by);
    const key = valueKey(name, labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(name: string, labels: Record<string, string> = {}): number {
    return this.values.get(valueKey(name, labels)) ?? 0;
  }

  /** One answer's latency for its channel. */
  observeAnswer(channel: string, seconds: number): void {
    this.answerDuration.observe({ channel }, seconds);
  }

  /** A gauge whose value is read at every scrape (it may be asynchronous, e.g. a store health check). */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

function valueKey(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

/** `GET /metrics`; with a token, only for `Authorization: Bearer <token>` (compared in constant time). */
export function metricsRoute(metrics: Metrics, options: { token?: string } = {}): Router {
  const router = Router();
  const expected = options.token ? digest(options.token) : undefined;
  router.get('/metrics', async (req, res, next) => {
    if (expected) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').json({ error: 'unauthorized' });
        return;
      }
    }
    try {
      const text = await metrics.render();
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    } catch (e) {
      next(e);
    }
  });
  return router;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * Counters for operators, in the Prometheus text format. Labels are our own enums (channel, outcome), never
 * anything a user wrote.
 */
import { Router } from 'express';

export class Metrics {
  private readonly counters = new Map<string, number>();

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = `${name}${formatLabels(labels)}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  get(name: string, labels: Record<string, string> = {}): number {
    return this.counters.get(`${name}${formatLabels(labels)}`) ?? 0;
  }

  render(gauges: Record<string, number> = {}): string {
    const lines = [...this.counters.entries()].map(([key, value]) => `${key} ${value}`);
    for (const [name, value] of Object.entries(gauges)) lines.push(`${name} ${value}`);
    return `${lines.sort().join('\n')}\n`;
  }
}

function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}

export function metricsRoute(metrics: Metrics, gauges: () => Record<string, number>): Router {
  const router = Router();
  router.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render(gauges()));
  });
  return router;
}

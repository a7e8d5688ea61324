/** Shared by both stores: validation on the way in, the count shape on the way out. */
import type { Logger } from '../../log.js';
import { validateTrendEvent } from '../event.js';
import type { TrendEvent } from '../types.js';
import type { TrendCount, TrendFilters, TrendStoreMetrics } from './types.js';

/**
 * Why a trend event was dropped, as a class and a code a log reader can act on. A driver error keeps its own code
 * (SQLSTATE such as 57014 for a cancelled statement, ECONNREFUSED, SQLITE_BUSY); its message is never kept.
 */
export class TrendStoreError extends Error {
  override readonly name = 'TrendStoreError';
  constructor(readonly code: string) {
    super(`trend store: ${code}`);
  }
}

export function storeFailure(e: unknown): TrendStoreError {
  if (e instanceof TrendStoreError) return e;
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return new TrendStoreError(typeof code === 'string' && code ? code : 'TRENDS_WRITE_FAILED');
}

export function eventParams(event: TrendEvent): string[] {
  return [event.week, event.kind, event.topic, event.intent, event.outcome, event.channel, event.audience, event.vote ?? ''];
}

/** Validates; on refusal counts it and logs the field names only. */
export function accept(
  input: unknown,
  metrics: TrendStoreMetrics,
  log: Logger | undefined,
  store: string,
): TrendEvent | undefined {
  const checked = validateTrendEvent(input);
  if (checked.ok) return checked.event;
  metrics.rejected += 1;
  log?.warn({ event: 'trends.rejected', store, fields: checked.fields }, 'trend event refused');
  return undefined;
}

export function filterSql(filters: TrendFilters, param: (i: number) => string): { where: string; params: string[] } {
  const params: string[] = [filters.fromWeek, filters.toWeek];
  const clauses = [`week >= ${param(1)}`, `week <= ${param(2)}`];
  if (filters.channel) {
    params.push(filters.channel);
    clauses.push(`channel = ${param(params.length)}`);
  }
  if (filters.audience) {
    params.push(filters.audience);
    clauses.push(`audience = ${param(params.length)}`);
  }
  return { where: clauses.join(' AND '), params };
}

export const SELECT_COUNTS = 'SELECT week, kind, topic, intent, outcome, channel, audience, vote, count FROM trend_counts';

export function toCount(row: Record<string, unknown>): TrendCount {
  return {
    week: String(row.week),
    kind: row.kind as TrendCount['kind'],
    topic: row.topic as TrendCount['topic'],
    intent: row.intent as TrendCount['intent'],
    outcome: row.outcome as TrendCount['outcome'],
    channel: row.channel as TrendCount['channel'],
    audience: row.audience as TrendCount['audience'],
    vote: row.vote === 'up' || row.vote === 'down' ? row.vote : null,
    count: Number(row.count),
  };
}

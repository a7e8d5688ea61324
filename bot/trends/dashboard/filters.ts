/** The dashboard's filter form, parsed with zod. The same parsed filters drive the page and the CSV. */
import { z } from 'zod';
import { CHANNELS, TREND_AUDIENCES } from '../event.js';
import type { TrendFilters } from '../store/types.js';
import { lastWeeks, PERIODS, type ReportView } from '../report.js';

export const WEEK_CHOICES = PERIODS;
const ALL = 'alle';

export const DashboardQuery = z.object({
  weeks: z.coerce
    .number()
    .refine((n) => (WEEK_CHOICES as readonly number[]).includes(n), `must be one of ${WEEK_CHOICES.join(', ')}`)
    .default(12),
  channel: z.enum([ALL, ...CHANNELS]).default(ALL),
  audience: z.enum([ALL, ...TREND_AUDIENCES]).default(ALL),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export function parseDashboardQuery(query: unknown): { ok: true; value: DashboardQuery } | { ok: false; fields: string[] } {
  const flat = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, v]) => [key, Array.isArray(v) ? v[0] : v]),
  );
  const result = DashboardQuery.safeParse(flat);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fields: result.error.issues.map((i) => i.path.join('.')) };
}

/**
 * What to read from the store: always the whole release (52 weeks, every channel and audience), because the
 * suppression is computed over every view at once; the view picks its cells from that afterwards.
 */
export function toStoreFilters(q: DashboardQuery, now: Date): { weeks: string[]; filters: TrendFilters; view: ReportView } {
  const all = lastWeeks(now, PERIODS.at(-1)!);
  return {
    weeks: all.slice(all.length - q.weeks),
    filters: { fromWeek: all[0]!, toWeek: all.at(-1)! },
    view: { weeks: q.weeks as ReportView['weeks'], channel: q.channel, audience: q.audience },
  };
}

export function toSearchParams(q: DashboardQuery): string {
  return new URLSearchParams({ weeks: String(q.weeks), channel: q.channel, audience: q.audience }).toString();
}

/** The dashboard's filter form, parsed with zod. The same parsed filters drive the page and the CSV. */
import { z } from 'zod';
import { CHANNELS, TREND_AUDIENCES } from '../event.js';
import type { TrendFilters } from '../store/types.js';
import { lastWeeks } from '../report.js';

export const WEEK_CHOICES = [4, 8, 12, 26, 52] as const;
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

export function toStoreFilters(q: DashboardQuery, now: Date): { weeks: string[]; filters: TrendFilters } {
  const weeks = lastWeeks(now, q.weeks);
  return {
    weeks,
    filters: {
      fromWeek: weeks[0]!,
      toWeek: weeks.at(-1)!,
      ...(q.channel !== ALL ? { channel: q.channel } : {}),
      ...(q.audience !== ALL ? { audience: q.audience } : {}),
    },
  };
}

export function toSearchParams(q: DashboardQuery): string {
  return new URLSearchParams({ weeks: String(q.weeks), channel: q.channel, audience: q.audience }).toString();
}

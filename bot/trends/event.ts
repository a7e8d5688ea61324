/**
 * Runtime guard for the record path. Every field is an enum or a week label and unknown fields are rejected, so a
 * caller cannot smuggle free text (a question, a name, an id) into the trend store even by mistake.
 */
import { z } from 'zod';
import { AUDIENCES, TOPICS } from '../../knowledge/taxonomy.js';
import type { TrendEvent } from './types.js';

export const WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export const INTENTS = ['advice', 'handoff', 'out-of-scope', 'smalltalk'] as const;
export const OUTCOMES = ['answered', 'abstained', 'handed-off', 'refused', 'clarified'] as const;
export const CHANNELS = ['slack', 'teams', 'web', 'cli'] as const;
export const TREND_TOPICS = [...TOPICS, 'geen'] as const;
export const TREND_AUDIENCES = [...AUDIENCES, 'onbekend'] as const;
export const VOTES = ['up', 'down'] as const;

const common = {
  week: z.string().regex(WEEK_PATTERN, 'must be an ISO week like 2026-W48'),
  topic: z.enum(TREND_TOPICS),
  intent: z.enum(INTENTS),
  outcome: z.enum(OUTCOMES),
  channel: z.enum(CHANNELS),
  audience: z.enum(TREND_AUDIENCES),
};

export const TrendEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('question'), ...common }).strict(),
  z.object({ kind: z.literal('feedback'), ...common, vote: z.enum(VOTES) }).strict(),
]);

export type ParsedTrendEvent = z.infer<typeof TrendEventSchema>;

/**
 * Returns the validated event, or the names of the offending fields. Never the offending values: they could be
 * exactly the text we refuse to keep.
 */
export function validateTrendEvent(
  input: unknown,
): { ok: true; event: TrendEvent } | { ok: false; fields: string[] } {
  const result = TrendEventSchema.safeParse(input);
  if (result.success) return { ok: true, event: result.data };
  const fields = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields.add(key);
    else fields.add(issue.path.join('.') || '(event)');
  }
  return { ok: false, fields: [...fields] };
}

/**
 * Follow-up eval (`npm run eval -- --followups <file.jsonl>`; eval/followups/dev.jsonl by default when present).
 * A pair is a first question and a follow-up that only makes sense after its answer, with the sources that answer
 * the follow-up given the first question. Each follow-up is asked twice: with the first answer's context token, as
 * a channel would send it, and alone, as the bot answered before follow-ups existed. The figure that matters is
 * "follow-up answered from the right card": the reply is an answer whose first citation is an expected source.
 * A pair with `expect_abstain` is an uncovered follow-up: it leans on the first answer but asks something no card
 * answers ("en wordt dat dan belast?"); the right reply is anything but an answer, and it counts only towards
 * "uncovered follow-ups declined", never towards the right-card figures.
 * The files live in eval/followups/, not eval/, because every eval/*.jsonl reader expects single questions.
 */
import { z } from 'zod';
import { parseJsonl } from './jsonl.js';
import type { Core, Reply } from '../bot/core/types.js';

export const FollowupItem = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['nl', 'en']),
    first: z.string().min(1),
    followup: z.string().min(1),
    expected_sources: z.array(z.object({ doc: z.string().min(1), section: z.string().min(1) })),
    expect_abstain: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict()
  .refine((i) => (i.expect_abstain ? i.expected_sources.length === 0 : i.expected_sources.length > 0), {
    message: 'a covered pair needs expected_sources; an uncovered one (expect_abstain) has none',
  });
export type FollowupItem = z.infer<typeof FollowupItem>;

/** Parse a JSONL follow-up file; a bad line is an error naming file:line and the field. */
export function parseFollowupFile(file: string, text: string): FollowupItem[] {
  return parseJsonl(file, text, FollowupItem);
}

export interface FollowupRecord {
  id: string;
  /** An uncovered follow-up: right when it is not answered. */
  expect_abstain: boolean;
  /** The first question got an answer, so there was a context to carry. */
  first_answered: boolean;
  /** The first answer's lead card: tells a follow-up that stays on it from one that needs another card. */
  first_citation: string | null;
  with_context: { kind: Reply['kind']; first_citation: string | null; right: boolean };
  without_context: { kind: Reply['kind']; first_citation: string | null; right: boolean };
}

export interface FollowupSummary {
  /** Covered pairs (the figures below are over these). */
  items: number;
  first_answered: number;
  /** Share of follow-ups whose reply is an answer with an expected source as first citation. */
  right_with_context: number;
  right_without_context: number;
  refused_with_context: number;
  refused_without_context: number;
  /** Uncovered pairs, and the share of them not answered when asked with the first answer's context. */
  uncovered_items: number;
  uncovered_declined_with_context: number | null;
}

const cite = (r: Reply) => (r.kind === 'answer' && r.citations[0] ? `${r.citations[0].doc} ${r.citations[0].section}` : null);

function outcome(r: Reply, item: FollowupItem): FollowupRecord['with_context'] {
  const first = r.kind === 'answer' ? r.citations[0] : undefined;
  const right = item.expect_abstain ? r.kind !== 'answer' : !!first && item.expected_sources.some((s) => s.doc === first.doc && s.section === first.section);
  return { kind: r.kind, first_citation: cite(r), right };
}

export async function runFollowups(core: Core, items: FollowupItem[]): Promise<{ summary: FollowupSummary; items: FollowupRecord[] }> {
  const records: FollowupRecord[] = [];
  for (const item of items) {
    const base = { channel: 'cli' as const, conversation: 'personal' as const };
    const first = await core.handle({ ...base, text: item.first });
    const withContext = await core.handle({ ...base, text: item.followup, ...(first.context ? { context: first.context } : {}) });
    const alone = await core.handle({ ...base, text: item.followup });
    records.push({
      id: item.id,
      expect_abstain: !!item.expect_abstain,
      first_answered: !!first.context,
      first_citation: cite(first),
      with_context: outcome(withContext, item),
      without_context: outcome(alone, item),
    });
  }
  const covered = records.filter((r) => !r.expect_abstain);
  const uncovered = records.filter((r) => r.expect_abstain);
  const share = (f: (r: FollowupRecord) => boolean) => (covered.length === 0 ? 0 : covered.filter(f).length / covered.length);
  return {
    summary: {
      items: covered.length,
      first_answered: share((r) => r.first_answered),
      right_with_context: share((r) => r.with_context.right),
      right_without_context: share((r) => r.without_context.right),
      refused_with_context: share((r) => r.with_context.kind === 'refusal'),
      refused_without_context: share((r) => r.without_context.kind === 'refusal'),
      uncovered_items: uncovered.length,
      uncovered_declined_with_context: uncovered.length === 0 ? null : uncovered.filter((r) => r.with_context.right).length / uncovered.length,
    },
    items: records,
  };
}

export interface AfterAnswerSummary {
  /** Out-of-scope messages sent right after an answer (first questions whose answer carried a context). */
  items: number;
  /** Answered from a card anyway: the previous card stretched over a payroll or password question. */
  answered: number;
  answered_ids: string[];
}

/**
 * Each out-of-scope eval message sent with the context of a covered first question (the i-th message after the
 * (7919·i)-th first question, so the pairing is fixed): with a context a refusal is no longer final (the core tries
 * the previous card first), so this counts how often that reads a payroll or password question as a follow-up.
 */
export async function runOutOfScopeAfterAnswer(core: Core, messages: { id: string; text: string }[], firsts: string[]): Promise<AfterAnswerSummary> {
  const answered: string[] = [];
  let items = 0;
  if (firsts.length === 0) return { items: 0, answered: 0, answered_ids: [] };
  for (const [i, m] of messages.entries()) {
    const base = { channel: 'cli' as const, conversation: 'personal' as const };
    const first = await core.handle({ ...base, text: firsts[(i * 7919) % firsts.length]! });
    if (!first.context) continue;
    items++;
    const r = await core.handle({ ...base, text: m.text, context: first.context });
    if (r.kind === 'answer') answered.push(m.id);
  }
  return { items, answered: items === 0 ? 0 : answered.length / items, answered_ids: answered };
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

export function formatFollowups(file: string, result: { summary: FollowupSummary; items: FollowupRecord[] }): string {
  const s = result.summary;
  const rows = [
    `follow-ups (${file}, ${s.items} pairs; first question answered ${pct(s.first_answered)}):`,
    `  follow-up answered from the right card   with context ${pct(s.right_with_context).padStart(8)}   without ${pct(s.right_without_context).padStart(8)}`,
    `  follow-up refused as out of scope        with context ${pct(s.refused_with_context).padStart(8)}   without ${pct(s.refused_without_context).padStart(8)}`,
    ...(s.uncovered_declined_with_context === null
      ? []
      : [`  uncovered follow-ups not answered        with context ${pct(s.uncovered_declined_with_context).padStart(8)}   (${s.uncovered_items} pairs)`]),
  ];
  const misses = result.items.filter((r) => !r.with_context.right);
  if (misses.length > 0) {
    rows.push(`  wrong with context (${misses.length}):`);
    for (const m of misses) rows.push(`    ${m.id}${m.expect_abstain ? ' (uncovered)' : ''}: ${m.with_context.kind}${m.with_context.first_citation ? ` ${m.with_context.first_citation}` : ''}${m.first_answered ? '' : ' (first not answered)'}`);
  }
  return rows.join('\n');
}

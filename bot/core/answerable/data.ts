/**
 * What the answerability model learns from. Positives: the routing tier's labelled questions (each answered by a
 * known card) and its follow-up examples (a short message after an answer, answered by a known card). Negatives:
 * `data/uncovered-*.jsonl`, integrity-flavoured work questions no card answers (dress code, leave, pay, tattoos, …),
 * and `data/followups-*.jsonl`, follow-ups that lean on an answer but drift to something no card answers ("en wordt
 * dat dan belast?"), written fresh by writers who never saw an eval file; tests reject near copies of eval items
 * both ways. The writer travels along so cross-validation can hold out whole writers.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readWriterFiles } from '../../../knowledge/writer-files.js';
import { loadRoutingData, ROUTING_DATA_DIR } from '../../../knowledge/search/routing/data.js';
import { FollowupExample, loadFollowupData } from '../../../knowledge/search/routing/followups.js';
import { loadTrainingData, type TrainingExample } from '../triage/data.js';

export const ANSWERABLE_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export const UncoveredExample = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  lang: z.enum(['nl', 'en', 'mixed']),
  topic: z.string().min(1),
});

/** A follow-up example's shape (the previous card and the follow-up), without an answering card: none answers it. */
export const UncoveredFollowup = FollowupExample.omit({ doc: true, section: true }).extend({ topic: z.string().min(1) });

export interface AnswerableExample {
  id: string;
  /** The message as typed (for a follow-up: the follow-up alone; the previous card is in `context`). */
  text: string;
  lang: 'nl' | 'en' | 'mixed';
  writer: string;
  answerable: boolean;
  /** For a follow-up: the card the previous answer led with. */
  context?: { doc: string; section: string };
  /** A triage writer's out-of-scope message read as a follow-up (outOfScopeFollowups): only the follow-up model learns from it. */
  outOfScope?: true;
}

export function loadUncovered(dir = ANSWERABLE_DATA_DIR): { examples: AnswerableExample[]; hash: string } {
  const { rows, hash } = readWriterFiles(dir, 'uncovered', UncoveredExample);
  return { examples: rows.map((r) => ({ id: r.id, text: r.text, lang: r.lang, writer: r.writer, answerable: false })), hash };
}

export function loadUncoveredFollowups(dir = ANSWERABLE_DATA_DIR): { examples: (AnswerableExample & { first: string; context: { doc: string; section: string } })[]; hash: string } {
  const { rows, hash } = readWriterFiles(dir, 'followups', UncoveredFollowup);
  const examples = rows.map((r) => ({
    id: r.id,
    text: r.followup,
    first: r.first,
    lang: r.lang,
    writer: r.writer,
    answerable: false,
    context: { doc: r.context_doc, section: r.context_section },
  }));
  return { examples, hash };
}

/**
 * The triage writers' out-of-scope messages (payroll, IT, write-me-a-text, manipulation), each read as if it came
 * right after an answer: no card answers "hoe reset ik mijn wachtwoord?" whatever was asked before. Without them the
 * model only knew follow-ups that drift from a topic, and answered about a quarter of such messages from the previous card
 * when triage's refusal was no longer final with a context (bot/core/index.ts). The previous card is drawn from the
 * follow-up writers' contexts by the message id, so it is the same at every training run.
 */
export function outOfScopeFollowups(triage: TrainingExample[], contexts: { doc: string; section: string }[]): AnswerableExample[] {
  if (contexts.length === 0) return [];
  const pick = (id: string) => contexts[createHash('sha256').update(id).digest().readUInt32BE(0) % contexts.length]!;
  return triage
    .filter((e) => e.label === 'out-of-scope')
    .map((e) => ({ id: `oos:${e.id}`, text: e.text, lang: e.lang, writer: e.writer, answerable: false, context: pick(e.id), outOfScope: true as const }));
}

/** All five kinds, with one hash over their sources: the trained model records it and a test fails on drift. */
export function loadAnswerableData(routingDir = ROUTING_DATA_DIR, uncoveredDir = ANSWERABLE_DATA_DIR) {
  const routing = loadRoutingData(routingDir);
  const followups = loadFollowupData(routingDir);
  const uncovered = loadUncovered(uncoveredDir);
  const uncoveredFollowups = loadUncoveredFollowups(uncoveredDir);
  const positives: AnswerableExample[] = routing.examples.map((e) => ({ id: e.id, text: e.text, lang: e.lang, writer: e.writer, answerable: true }));
  const followupPositives: AnswerableExample[] = followups.examples.map((e) => ({
    id: e.id,
    text: e.followup,
    lang: e.lang,
    writer: e.writer,
    answerable: true,
    context: { doc: e.context_doc, section: e.context_section },
  }));
  const triage = loadTrainingData();
  const outOfScope = outOfScopeFollowups(triage.examples, followups.examples.map((e) => ({ doc: e.context_doc, section: e.context_section })));
  const negatives: AnswerableExample[] = [...uncovered.examples, ...uncoveredFollowups.examples.map(({ first: _first, ...e }) => e), ...outOfScope];
  const hash = createHash('sha256')
    .update(routing.hash)
    .update(followups.hash)
    .update(uncovered.hash)
    .update(uncoveredFollowups.hash)
    .update(triage.hash)
    .digest('hex');
  return { examples: [...positives, ...followupPositives, ...negatives], routing: routing.examples, followups: followups.examples, hash };
}

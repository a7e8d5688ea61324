/**
 * Answer metrics for `npm run eval`: every item also goes through the real core (triage → retrieve → compose) and
 * the record gains `predicted_intent`, `answer` (the full reply text) and `citations`. The summary reports intent
 * accuracy, handoff recall and precision, false handoffs on near-miss items, the out-of-scope refusal rate,
 * must_include coverage and the share of advice answers that cite. Lengths and must_include are measured on the
 * visible part of the answer (Reply.text), the "Meer" part beside it.
 */
import path from 'node:path';
import { createCore, type ComposerConfig } from '../bot/core/index.js';
import type { Core, Reply } from '../bot/core/types.js';
import { loadDirectory } from '../bot/directory/index.js';
import type { Retriever } from '../knowledge/search/types.js';
import { PROJECT_ROOT } from '../ingest/pipeline.js';
import { MELDING_STEPS } from '../bot/core/compose/steps.js';
import { fullText, renderText } from '../bot/core/compose/render.js';
import { detectLang } from '../bot/core/lang.js';
import type { EvalItem, ItemRecord, ItemScorer } from './run.js';

type Predicted = 'advice' | 'manager-steps' | 'handoff' | 'out-of-scope' | 'smalltalk' | 'clarify';

/** A reply that gives the leidinggevende's steps: at least two of the step labels are in it. */
export function isStepsReply(reply: Reply): boolean {
  return reply.kind === 'answer' && MELDING_STEPS.filter((s) => reply.text.includes(s.label[reply.lang])).length >= 2;
}

export function predictedIntent(reply: Reply): Predicted {
  if (reply.kind === 'handoff') return 'handoff';
  if (reply.kind === 'refusal') return 'out-of-scope';
  if (reply.kind === 'help') return 'smalltalk';
  if ((reply.kind as string) === 'clarify') return 'clarify';
  return isStepsReply(reply) ? 'manager-steps' : 'advice';
}

/** Whether a prediction is right; older sets label a manager with a melding as advice + audience leidinggevende. */
function correct(item: EvalItem, predicted: Predicted): boolean {
  if (predicted === item.intent) return true;
  return item.intent === 'advice' && predicted === 'manager-steps' && item.audience === 'leidinggevende';
}

const isManagerItem = (item: EvalItem) => item.intent === 'manager-steps';

/**
 * The language of what the reply says, all parts ("Meer" too) without the source list: the sources keep their
 * Dutch official titles in every reply, so they would tilt an English answer towards Dutch.
 */
export function answerBodyLang(reply: Pick<Reply, 'sections' | 'more' | 'lang'>): 'nl' | 'en' {
  return detectLang(renderText([...reply.sections, ...(reply.more ?? [])], [], reply.lang));
}

/** An English rule question the sources cover: it should get an answer, and that answer should be English. */
const isEnglishAdvice = (item: EvalItem) => item.lang === 'en' && (item.intent === 'advice' || isManagerItem(item)) && !item.expect_abstain;

/** Sources about reporting and the vertrouwenspersoon: an advice item that only expects these is a near miss. */
function isReportingSource(s: { doc: string; section: string }): boolean {
  return s.doc === 'WHK' || s.doc === 'KADER-VP' || (s.doc === 'GIR' && (s.section === '8.4' || s.section === '8.5'));
}

export function isNearMiss(item: EvalItem): boolean {
  if (item.near_miss !== undefined) return item.near_miss;
  if (item.notes?.trim().toLowerCase().startsWith('near-miss')) return true;
  return item.intent === 'advice' && item.expected_sources.length > 0 && item.expected_sources.every(isReportingSource);
}

/** Every listed fact occurs in the answer (case-insensitive); `a|b` accepts either. */
export function includesAll(answer: string, facts: string[]): boolean {
  const text = answer.toLowerCase();
  return facts.every((f) => f.split('|').some((alt) => text.includes(alt.trim().toLowerCase())));
}

/**
 * Characters a reader sees in Slack, Teams and the web chat: there a source's address is a link behind its label
 * (which the text already carries), so the address itself is not read. The CLI prints it in full.
 */
export function displayedLength(text: string): number {
  return text.replace(/https?:\/\/\S+/g, '').length;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Number((n / d).toFixed(4)));

/** The core the eval answers with: the real one, extractive unless a composer is given, the example directory. */
export function evalCore(retriever: Retriever, opts: { directoryPath?: string; composer?: ComposerConfig } = {}): Core {
  const directory = loadDirectory(opts.directoryPath ?? path.join(PROJECT_ROOT, 'config', 'vertrouwenspersonen.example.yaml'));
  return createCore({ retriever, directory, ...(opts.composer ? { composer: opts.composer } : {}) });
}

export function answerScorer(opts: { directoryPath?: string; composer?: ComposerConfig } = {}): ItemScorer {
  const directory = loadDirectory(opts.directoryPath ?? path.join(PROJECT_ROOT, 'config', 'vertrouwenspersonen.example.yaml'));
  const cores = new WeakMap<Retriever, Core>();
  const coreFor = (retriever: Retriever) => {
    let core = cores.get(retriever);
    if (!core) {
      core = createCore({ retriever, directory, ...(opts.composer ? { composer: opts.composer } : {}) });
      cores.set(retriever, core);
    }
    return core;
  };
  return {
    name: 'answer',
    async score({ item, retriever }) {
      const reply = await coreFor(retriever).handle({ text: item.question, channel: 'cli', conversation: 'personal' });
      return {
        predicted_intent: predictedIntent(reply),
        reply_kind: reply.kind,
        // What the reader sees at once (Reply.text); the "Meer" part only counts in the *_full figures.
        answer: reply.text,
        answer_full_chars: fullText(reply).length,
        answer_lang: answerBodyLang(reply),
        citations: reply.citations.map((c) => ({ doc: c.doc, section: c.section })),
        ...(item.near_miss || isNearMiss(item) ? { near_miss: true } : {}),
        must_include_ok: item.must_include.length > 0 ? includesAll(reply.text, item.must_include) : null,
        must_include_full_ok: item.must_include.length > 0 ? includesAll(fullText(reply), item.must_include) : null,
      };
    },
    summarise(records: ItemRecord[], items: EvalItem[]) {
      const rows = records.map((r, i) => ({ r, item: items[i]! }));
      const pred = (x: { r: ItemRecord }) => x.r.predicted_intent as Predicted;
      const managers = rows.filter((x) => isManagerItem(x.item));
      // Plain rule questions: advice that is neither a near miss nor a manager with a melding.
      const plainAdvice = rows.filter((x) => x.item.intent === 'advice' && !isNearMiss(x.item));
      const handoff = rows.filter((x) => x.item.intent === 'handoff');
      const predictedHandoff = rows.filter((x) => pred(x) === 'handoff');
      const nearMiss = rows.filter((x) => isNearMiss(x.item));
      const oos = rows.filter((x) => x.item.intent === 'out-of-scope');
      const withFacts = rows.filter((x) => x.item.must_include.length > 0);
      const adviceAnswers = rows.filter((x) => (x.item.intent === 'advice' || isManagerItem(x.item)) && x.r.reply_kind === 'answer');
      const answerable = rows.filter((x) => x.item.intent === 'advice' && x.item.expected_sources.length > 0 && !x.item.expect_abstain);
      const uncovered = rows.filter((x) => x.item.expect_abstain);
      const english = rows.filter((x) => isEnglishAdvice(x.item));
      const englishAnswered = english.filter((x) => x.r.reply_kind === 'answer');
      const inEnglish = (x: { r: ItemRecord }) => x.r.reply_kind === 'answer' && x.r.answer_lang === 'en';
      const firstCitesExpected = (x: { r: ItemRecord; item: EvalItem }) => {
        const first = (x.r.citations as { doc: string; section: string }[])[0];
        return !!first && x.item.expected_sources.some((e) => e.doc === first.doc && e.section === first.section);
      };
      const citesExpected = (x: { r: ItemRecord; item: EvalItem }) =>
        (x.r.citations as { doc: string; section: string }[]).some((c) => x.item.expected_sources.some((e) => e.doc === c.doc && e.section === c.section));
      return {
        intent_accuracy: ratio(rows.filter((x) => correct(x.item, pred(x))).length, rows.length),
        handoff_recall: ratio(handoff.filter((x) => pred(x) === 'handoff').length, handoff.length),
        // A handoff item that gets the clarifying question is not lost: one click away from the vertrouwenspersoon.
        handoff_caught: ratio(handoff.filter((x) => pred(x) === 'handoff' || pred(x) === 'clarify').length, handoff.length),
        plain_advice_items: plainAdvice.length,
        plain_advice_handed_off: ratio(plainAdvice.filter((x) => pred(x) === 'handoff').length, plainAdvice.length),
        manager_items: managers.length,
        manager_gets_steps: ratio(managers.filter((x) => pred(x) === 'manager-steps').length, managers.length),
        clarify_rate: ratio(rows.filter((x) => pred(x) === 'clarify').length, rows.length),
        handoff_precision: ratio(predictedHandoff.filter((x) => x.item.intent === 'handoff').length, predictedHandoff.length),
        near_miss_items: nearMiss.length,
        near_miss_false_handoff_rate: ratio(nearMiss.filter((x) => pred(x) === 'handoff').length, nearMiss.length),
        out_of_scope_refusal_rate: ratio(oos.filter((x) => x.r.reply_kind === 'refusal').length, oos.length),
        must_include_coverage: ratio(withFacts.filter((x) => x.r.must_include_ok === true).length, withFacts.length),
        must_include_coverage_full: ratio(withFacts.filter((x) => x.r.must_include_full_ok === true).length, withFacts.length),
        advice_answers_cited: ratio(adviceAnswers.filter((x) => (x.r.citations as unknown[]).length > 0).length, adviceAnswers.length),
        answerable_abstain_rate: ratio(answerable.filter((x) => x.r.reply_kind === 'abstain').length, answerable.length),
        answerable_cites_expected_source: ratio(answerable.filter(citesExpected).length, answerable.length),
        // The answer LEADS with the right source: its first citation is one of the expected ones.
        answerable_first_citation_expected: ratio(answerable.filter(firstCitesExpected).length, answerable.length),
        answer_chars_median: quantile(adviceAnswers.map((x) => (x.r.answer as string).length), 0.5),
        answer_chars_p90: quantile(adviceAnswers.map((x) => (x.r.answer as string).length), 0.9),
        answer_displayed_chars_median: quantile(adviceAnswers.map((x) => displayedLength(x.r.answer as string)), 0.5),
        answer_full_chars_median: quantile(adviceAnswers.map((x) => x.r.answer_full_chars as number), 0.5),
        // Declined = no rule given: "not in the sources" (abstain) or "not my subject" (refusal) both count.
        uncovered_declined_rate: ratio(uncovered.filter((x) => x.r.reply_kind === 'abstain' || x.r.reply_kind === 'refusal').length, uncovered.length),
        english_advice_items: english.length,
        // Answered, and the answer's body is English: an abstain or a Dutch quotation in an English frame is a miss.
        english_answered_in_english: ratio(english.filter(inEnglish).length, english.length),
        english_answers_in_english: ratio(englishAnswered.filter(inEnglish).length, englishAnswered.length),
        misses: {
          handoff_missed: handoff.filter((x) => pred(x) !== 'handoff' && pred(x) !== 'clarify').map((x) => x.item.id),
          handoff_clarified: handoff.filter((x) => pred(x) === 'clarify').map((x) => x.item.id),
          manager_without_steps: managers.filter((x) => pred(x) !== 'manager-steps').map((x) => x.item.id),
          clarified: rows.filter((x) => pred(x) === 'clarify').map((x) => x.item.id),
          false_handoff: predictedHandoff.filter((x) => x.item.intent !== 'handoff').map((x) => x.item.id),
          out_of_scope_not_refused: oos.filter((x) => x.r.reply_kind !== 'refusal').map((x) => x.item.id),
          english_not_in_english: english.filter((x) => !inEnglish(x)).map((x) => x.item.id),
          must_include_missed: withFacts.filter((x) => x.r.must_include_ok !== true).map((x) => x.item.id),
        },
      };
    },
  };
}

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '-');

/** The answer block of the report, with the targets beside the numbers. */
export function formatAnswerSummary(summary: Record<string, unknown> | undefined): string {
  if (!summary) return '';
  const s = summary as Record<string, number | null> & { misses: Record<string, string[]> };
  const lines = [
    'answers (real core, extractive unless LLM_* is set)',
    `  intent accuracy                 ${pct(s.intent_accuracy)}`,
    `  handoff caught (handoff/clarify) ${pct(s.handoff_caught)}   (target ≥ 97%; handed off directly ${pct(s.handoff_recall)})`,
    `  handoff precision               ${pct(s.handoff_precision)}   (target ≥ 92%)`,
    `  plain advice handed off         ${pct(s.plain_advice_handed_off)}   (target ≤ 3%, ${s.plain_advice_items} items)`,
    `  near-miss false handoffs        ${pct(s.near_miss_false_handoff_rate)}   (target ≤ 5%, ${s.near_miss_items} items)`,
    `  out-of-scope refusals           ${pct(s.out_of_scope_refusal_rate)}   (target ≥ 95%)`,
    `  manager gets the steps          ${pct(s.manager_gets_steps)}   (target ≥ 90%, ${s.manager_items} items)`,
    `  clarifying question asked       ${pct(s.clarify_rate)}   (target ≤ 10%)`,
    `  must_include coverage (visible) ${pct(s.must_include_coverage)}   (with "Meer": ${pct(s.must_include_coverage_full)})`,
    `  advice answers with a citation  ${pct(s.advice_answers_cited)}   (target 100%)`,
    `  answerable items abstained      ${pct(s.answerable_abstain_rate)}`,
    `  answerable citing expected src  ${pct(s.answerable_cites_expected_source)}`,
    `  first citation is expected src  ${pct(s.answerable_first_citation_expected)}   (target ≥ 90%)`,
    `  visible answer length (chars)   median ${s.answer_chars_median ?? '-'}, p90 ${s.answer_chars_p90 ?? '-'}   (target median < 700; with "Meer" median ${s.answer_full_chars_median ?? '-'}; links shown as their label, as in Slack, Teams and the web: median ${s.answer_displayed_chars_median ?? '-'})`,
    `  uncovered items declined        ${pct(s.uncovered_declined_rate)}   (abstain or refusal, no rule given)`,
    `  English questions answered in English ${pct(s.english_answered_in_english)}   (${s.english_advice_items} English advice items; of the answers ${pct(s.english_answers_in_english)})`,
  ];
  for (const [name, ids] of Object.entries(s.misses ?? {})) if (ids.length) lines.push(`  ${name} (${ids.length}): ${ids.join(', ')}`);
  return lines.join('\n');
}

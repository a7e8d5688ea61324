/**
 * Optional LLM composer over any OpenAI-compatible endpoint (langchain ChatOpenAI). The question is scrubbed of
 * personal data before it leaves the process; the answer is used only if the verifier accepts its citations.
 * On any failure (timeout, HTTP error, uncited claim) it returns null and the core uses the extractive answer.
 */
import { readFileSync } from 'node:fs';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { errorSummary, type Logger } from '../../log.js';
import type { LlmComposerConfig } from '../config.js';
import { scrub } from '../scrub.js';
import type { Lang } from '../types.js';
import { citationOf, type CardHit } from './card.js';
import { citationLabel } from '../citation.js';
import type { Draft } from './extractive.js';
import { verifyCited } from './verify.js';

export const MAX_PASSAGES = 4;
const DEFAULT_TIMEOUT_MS = 6000;

const TEMPLATE_URL = new URL('../../../prompts/answer.md', import.meta.url);
let template: string | undefined;
function systemTemplate(): string {
  template ??= readFileSync(TEMPLATE_URL, 'utf8');
  return template;
}

const LANGUAGE_INSTRUCTION: Record<Lang, string> = {
  nl: 'Answer in Dutch.',
  en: 'Answer in English. The passages are in Dutch: keep document and section titles in Dutch, and say once that the official source is in Dutch.',
};

export function buildPrompt(question: string, lang: Lang, cards: CardHit[]): { system: string; user: string; cards: CardHit[] } {
  const used = cards.filter((c) => !c.titleOnly).slice(0, MAX_PASSAGES);
  const passages = used
    .map((c, i) => {
      const body = [c.parts.kern, ...c.parts.regels.map((r) => `- ${r}`), ...c.parts.doen.map((r) => `- ${r}`), ...c.parts.other].filter(Boolean).join('\n');
      return `[${i + 1}] ${citationLabel(citationOf(c))}\n${body}`;
    })
    .join('\n\n');
  const system = systemTemplate().replace('{{language_instruction}}', LANGUAGE_INSTRUCTION[lang]).replace('{{passages}}', passages);
  return { system, user: scrub(question).text, cards: used };
}

/** Markers renumbered to the order in which the answer first uses them, matching the citations array. */
function renumber(text: string, used: number[]): string {
  return text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_, list: string) =>
    list
      .split(',')
      .map((n) => `[${used.indexOf(Number(n.trim())) + 1}]`)
      .join(''),
  );
}

export async function composeLlm(input: { config: LlmComposerConfig; question: string; lang: Lang; cards: CardHit[]; log?: Logger | undefined }): Promise<Draft | null> {
  const { config, lang, log } = input;
  const prompt = buildPrompt(input.question, lang, input.cards);
  if (prompt.cards.length === 0) return null;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  try {
    const model = new ChatOpenAI({
      model: config.model,
      apiKey: config.apiKey ?? 'not-needed',
      temperature: 0,
      maxRetries: 0,
      timeout: timeoutMs,
      configuration: { baseURL: config.baseUrl },
    });
    const res = await model.invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], { signal: AbortSignal.timeout(timeoutMs) });
    const content = typeof res.content === 'string' ? res.content : res.content.map((p) => ('text' in p ? p.text : '')).join('');
    const verdict = verifyCited(content, prompt.cards.length);
    if (!verdict.ok) {
      log?.warn({ event: 'llm-rejected', reason: verdict.reason, ms: Date.now() - started });
      return null;
    }
    log?.info({ event: 'llm-answer', ms: Date.now() - started, citations: verdict.used.length });
    const text = renumber(content.trim(), verdict.used);
    return {
      sections: text.split(/\n\s*\n/).map((p) => ({ text: p.trim() })),
      citations: verdict.used.map((n) => citationOf(prompt.cards[n - 1]!)),
    };
  } catch (e) {
    log?.warn({ event: 'llm-failed', err: errorSummary(e), ms: Date.now() - started });
    return null;
  }
}

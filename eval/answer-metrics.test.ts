import { describe, expect, it } from 'vitest';
import { answerBodyLang, answerScorer, displayedLength } from './answer-metrics.js';
import type { EvalItem, ItemRecord } from './run.js';

const item = (id: string, o: Partial<EvalItem>): EvalItem => ({
  id,
  question: 'q',
  lang: 'en',
  intent: 'advice',
  expected_sources: [],
  must_include: [],
  must_not_include: [],
  ...o,
});
const record = (id: string, kind: string, lang: 'nl' | 'en'): ItemRecord => ({
  id,
  file: 'q.jsonl',
  retrieved: [],
  reply_kind: kind,
  predicted_intent: 'advice',
  answer: 'x',
  answer_full_chars: 1,
  answer_lang: lang,
  citations: [],
});

describe('answerBodyLang', () => {
  it('reads the sections and "Meer", not the Dutch source titles', () => {
    const en = { lang: 'en' as const, sections: [{ text: 'You may accept a gift if it is worth at most € 50 and your manager agrees.' }] };
    expect(answerBodyLang(en)).toBe('en');
    const quoted = { lang: 'en' as const, sections: [{ text: 'According to the source:' }], more: [{ bullets: ['Je mag het geschenk niet aannemen als het meer dan € 50 waard is, en je leidinggevende moet het weten.'] }] };
    expect(answerBodyLang(quoted)).toBe('nl');
  });
});

describe('English questions answered in English', () => {
  it('counts English covered advice items answered with an English body; abstains and Dutch bodies are misses', () => {
    const items = [
      item('a', {}),
      item('b', {}),
      item('c', {}),
      item('d', { intent: 'manager-steps' }),
      item('nl', { lang: 'nl' }),
      item('uncovered', { expect_abstain: true }),
      item('handoff', { intent: 'handoff' }),
    ];
    const records = [
      record('a', 'answer', 'en'),
      record('b', 'answer', 'nl'),
      record('c', 'abstain', 'en'),
      record('d', 'answer', 'en'),
      record('nl', 'answer', 'nl'),
      record('uncovered', 'abstain', 'en'),
      record('handoff', 'handoff', 'en'),
    ];
    const s = answerScorer().summarise!(records, items) as Record<string, unknown> & { misses: Record<string, string[]> };
    expect(s.english_advice_items).toBe(4);
    expect(s.english_answered_in_english).toBe(0.5);
    expect(s.english_answers_in_english).toBe(0.6667);
    expect(s.misses.english_not_in_english).toEqual(['b', 'c']);
  });
});

describe('displayedLength', () => {
  it('leaves out link addresses, which the chat channels show as their label, and counts everything else', () => {
    const text = 'Een geschenk mag hooguit € 50 waard zijn. [1]\n\nBronnen:\n[1] Gedragscode Integriteit Rijk §4.1 https://zoek.officielebekendmakingen.nl/stcrt-2019-71141.html#:~:text=Geschenken';
    expect(displayedLength(text)).toBe(text.indexOf(' https://') + 1);
    expect(displayedLength('geen link')).toBe(9);
  });
});

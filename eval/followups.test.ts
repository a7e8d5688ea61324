import { describe, expect, it } from 'vitest';
import type { Core, Message, Reply } from '../bot/core/types.js';
import { parseFollowupFile, runFollowups, runOutOfScopeAfterAnswer } from './followups.js';

const reply = (kind: Reply['kind'], cite?: { doc: string; section: string }): Reply =>
  ({ kind, lang: 'nl', text: '', sections: [], citations: cite ? [{ n: 1, ...cite }] : [], contacts: [], actions: [], meta: {}, ...(kind === 'answer' ? { context: 'ctx' } : {}) }) as unknown as Reply;

/** Answers every first question from GIR 4.1; a follow-up with context by the given table, alone with a refusal. */
function stubCore(withContext: Record<string, Reply>): Core {
  return {
    async handle(m: Message) {
      if (!m.context) return m.text.startsWith('first') ? reply('answer', { doc: 'GIR', section: '4.1' }) : reply('refusal');
      return withContext[m.text]!;
    },
  } as unknown as Core;
}

const pair = (o: Record<string, unknown>) => JSON.stringify({ lang: 'nl', first: 'first question', ...o });

describe('follow-up eval', () => {
  it('scores covered pairs by the first citation and uncovered pairs by not answering, apart', async () => {
    const items = parseFollowupFile(
      'f.jsonl',
      [
        pair({ id: 'c1', followup: 'en als het 60 euro is?', expected_sources: [{ doc: 'GIR', section: '4.1' }] }),
        pair({ id: 'c2', followup: 'en voor wethouders?', expected_sources: [{ doc: 'GEMEENTEWET', section: 'art. 41c' }] }),
        pair({ id: 'u1', followup: 'en wordt dat belast?', expected_sources: [], expect_abstain: true }),
        pair({ id: 'u2', followup: 'en mijn pensioen dan?', expected_sources: [], expect_abstain: true }),
      ].join('\n'),
    );
    const core = stubCore({
      'en als het 60 euro is?': reply('answer', { doc: 'GIR', section: '4.1' }),
      'en voor wethouders?': reply('answer', { doc: 'GIR', section: '4.1' }),
      'en wordt dat belast?': reply('abstain'),
      'en mijn pensioen dan?': reply('answer', { doc: 'GIR', section: '4.1' }),
    });
    const { summary, items: records } = await runFollowups(core, items);
    expect(summary.items).toBe(2);
    expect(summary.right_with_context).toBe(0.5);
    expect(summary.uncovered_items).toBe(2);
    expect(summary.uncovered_declined_with_context).toBe(0.5);
    expect(records.find((r) => r.id === 'u1')?.with_context.right).toBe(true);
    expect(records.find((r) => r.id === 'u2')?.with_context.right).toBe(false);
  });

  it('rejects a covered pair without sources and an uncovered one with sources', () => {
    expect(() => parseFollowupFile('f.jsonl', pair({ id: 'a', followup: 'x', expected_sources: [] }))).toThrowError(/^f\.jsonl:1: /);
    expect(() => parseFollowupFile('f.jsonl', pair({ id: 'a', followup: 'x', expected_sources: [{ doc: 'GIR', section: '4.1' }], expect_abstain: true }))).toThrowError(/^f\.jsonl:1: /);
  });

  it('reports no uncovered figure when a file has no uncovered pairs', async () => {
    const items = parseFollowupFile('f.jsonl', pair({ id: 'c1', followup: 'en als het 60 euro is?', expected_sources: [{ doc: 'GIR', section: '4.1' }] }));
    const { summary } = await runFollowups(stubCore({ 'en als het 60 euro is?': reply('answer', { doc: 'GIR', section: '4.1' }) }), items);
    expect(summary.uncovered_declined_with_context).toBeNull();
    expect(summary.right_with_context).toBe(1);
  });
});

describe('out of scope right after an answer', () => {
  it('counts the messages answered from a card when sent with a previous answer\'s context, skipping firsts without one', async () => {
    const core = {
      async handle(m: Message) {
        if (!m.context) return m.text === 'first unanswered' ? reply('refusal') : reply('answer', { doc: 'GIR', section: '4.1' });
        return m.text.includes('salaris') ? reply('answer', { doc: 'GIR', section: '4.1' }) : reply('refusal');
      },
    } as unknown as Core;
    const messages = [
      { id: 'o1', text: 'wanneer wordt mijn salaris betaald?' },
      { id: 'o2', text: 'hoe reset ik mijn wachtwoord?' },
      { id: 'o3', text: 'wat is het weer morgen?' },
    ];
    const s = await runOutOfScopeAfterAnswer(core, messages, ['first answered']);
    expect(s).toEqual({ items: 3, answered: 1 / 3, answered_ids: ['o1'] });
    const none = await runOutOfScopeAfterAnswer(core, messages, ['first unanswered']);
    expect(none.items).toBe(0);
  });
});

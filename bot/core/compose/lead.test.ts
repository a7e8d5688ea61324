import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../knowledge/chunk.js';
import { chunk } from '../../../knowledge/search/test-support/chunks.js';
import { groupByCard, type CardHit } from './card.js';
import { composeExtractive } from './extractive.js';
import { chooseCards, namesOfficeRole } from './lead.js';

/** Candidates in the order retrieval ranked them; `cosine` is the n-gram similarity of the card to the question. */
function cards(specs: Array<Partial<Chunk> & { section: string; cosine?: number; score?: number }>): CardHit[] {
  return groupByCard(
    specs.map((s, i) => ({
      chunk: chunk({
        doc: 'GIR',
        sectionTitle: `Titel ${s.section}`,
        questions: [],
        text: `Kern: Inhoud van ${s.section}.\n\n## Regels\n- Regel van ${s.section}.`,
        kern: `Inhoud van ${s.section}.`,
        verified: 'official-explainer',
        ...s,
      }),
      score: s.score ?? 0.16 - i * 0.002,
      tiers: { ngram: { rank: i + 1, score: s.cosine ?? 0.35 } },
    })),
  );
}

const GIFT = { topics: ['geschenken' as const], audience: ['medewerker' as const, 'leidinggevende' as const] };
const COUNCIL = { doc: 'MODELCODE-VV', topics: ['geschenken' as const], audience: ['politiek-ambtsdrager' as const] };
const ctx = (question: string) => ({ question, audience: null, lang: 'nl' as const });

describe('lead card', () => {
  it('never leads with a title-only card when a card with content is among the candidates; it may follow as "zie ook"', () => {
    const c = cards([{ section: '6.2', verified: 'title-only', ...GIFT }, { section: '4.1', ...GIFT }]);
    const { lead, seeAlso } = chooseCards(c, ctx('mag ik dit cadeau houden?'));
    expect(lead?.chunk.section).toBe('4.1');
    expect(seeAlso.map((s) => s.chunk.section)).toEqual(['6.2']);
    const draft = composeExtractive({ cards: c, question: 'mag ik dit cadeau houden?', lang: 'nl', audience: null });
    expect(draft.citations[0]).toMatchObject({ section: '4.1' });
  });

  it('keeps a title-only card first when the cards with content are about something else and score clearly lower', () => {
    const c = cards([
      { section: '4.6', verified: 'title-only', topics: ['afkoelperiode'], score: 0.2 },
      { section: 'bijlage 14', topics: ['melden'], score: 0.15 },
    ]);
    expect(chooseCards(c, ctx('mag ik na mijn ontslag bij een leverancier van ons gaan werken?')).lead?.chunk.section).toBe('4.6');
    // The same content card on the title-only card's topic does stand in.
    const related = cards([
      { section: '4.6', verified: 'title-only', topics: ['afkoelperiode'], score: 0.2 },
      { section: '4.5', topics: ['afkoelperiode'], score: 0.15 },
    ]);
    expect(chooseCards(related, ctx('mag ik na mijn ontslag bij een leverancier van ons gaan werken?')).lead?.chunk.section).toBe('4.5');
  });

  it('leads with a title-only card only when no candidate has content', () => {
    const c = cards([{ section: '6.2', verified: 'title-only', ...GIFT }, { section: '2.1', verified: 'title-only', ...GIFT }]);
    expect(chooseCards(c, ctx('privérelaties op het werk')).lead?.chunk.section).toBe('6.2');
  });

  it('does not lead with a card for political office holders when an employee asks, unless the question names the role', () => {
    const c = cards([{ section: 'geschenken', ...COUNCIL, verified: 'official-explainer' }, { section: '4.1', ...GIFT }]);
    const employee = chooseCards(c, ctx('ik kreeg een fles wijn van een leverancier, mag ik die houden?'));
    expect(employee.lead?.chunk.section).toBe('4.1');
    // Not offered to the employee as "zie ook" either: it is not written for them.
    expect(employee.seeAlso).toEqual([]);
    expect(chooseCards(c, ctx('ik ben raadslid en kreeg een fles wijn, mag ik die houden?')).lead?.chunk.section).toBe('geschenken');
    expect(chooseCards(c, { question: 'mag ik die wijn houden?', audience: 'politiek-ambtsdrager', lang: 'nl' }).lead?.chunk.section).toBe('geschenken');
  });

  it('lets an office holder card lead when the routing model puts it first, though no role word matched', () => {
    const c = cards([{ section: 'art. 28', ...COUNCIL, verified: 'official-explainer' }, { section: '4.1', ...GIFT }]);
    const q = 'council votes next week on a zoning plan that includes the street my parents live on, do i have to abstain?';
    expect(chooseCards(c, ctx(q)).lead?.chunk.section).toBe('4.1');
    c[0]!.best.tiers.routing = { rank: 1, score: 0.8 };
    expect(chooseCards(c, ctx(q)).lead?.chunk.section).toBe('art. 28');
  });

  it('still answers from an office holder card when nothing for the asker was found', () => {
    const c = cards([{ section: 'geschenken', ...COUNCIL, verified: 'official-explainer' }]);
    expect(chooseCards(c, ctx('geschenken')).lead?.chunk.section).toBe('geschenken');
  });

  it('shows "zie ook" only for a related topic above the relevance threshold', () => {
    const c = cards([
      { section: '4.1', ...GIFT },
      { section: '4.2', topics: ['uitnodigingen', 'geschenken'] },
      { section: '7.1', topics: ['buitenland'] },
      { section: '4.3', topics: ['geschenken'], cosine: 0.1 },
    ]);
    const { seeAlso } = chooseCards(c, ctx('mag ik dit cadeau houden?'));
    expect(seeAlso.map((s) => s.chunk.section)).toEqual(['4.2']);
  });

  it('recognises questions that name a political office', () => {
    for (const q of ['Mag een wethouder dat?', 'Ik zit in de gemeenteraad', 'Mag een minister voorzitter blijven?', 'As a councillor, may I vote?', 'college van B en W'])
      expect(namesOfficeRole(q), q).toBe(true);
    for (const q of ['Ik werk op het ministerie van Financiën', 'mijn leidinggevende zegt dat het mag', 'lid van de raad van toezicht'])
      expect(namesOfficeRole(q), q).toBe(false);
  });
});

describe('a title-only card passed over as lead', () => {
  it('is named under "zie ook" when a card with content on a shared topic stands in for it', () => {
    const c = cards([
      { section: '6.2', verified: 'title-only', topics: ['privérelaties', 'belangenverstrengeling'] },
      { section: '4.5', topics: ['nevenwerkzaamheden', 'belangenverstrengeling'] },
    ]);
    const choice = chooseCards(c, ctx('mijn vriendin wordt mijn leidinggevende'));
    expect(choice.lead?.chunk.section).toBe('4.5');
    expect(choice.seeAlso.map((s) => s.chunk.section)).toEqual(['6.2']);
  });

  it('keeps the lead when the next card scores almost as high but is about something else', () => {
    const c = cards([{ section: '6.2', verified: 'title-only', topics: ['privérelaties'] }, { section: '8.1', topics: ['eed-belofte'] }]);
    expect(chooseCards(c, ctx('mijn vriendin begint op mijn afdeling')).lead?.chunk.section).toBe('6.2');
  });
});

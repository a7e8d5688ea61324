import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../test/support/core.js';
import { fixedTriage } from '../../test/support/triage.js';
import { CONTEXT_MARK, citedCards, continuesPrevious, isElliptic, openContext, sealContext } from './followup.js';
import { createSealer } from './seal.js';
import type { Citation, Core, Message } from './types.js';
import type { Answerability } from './answerable/index.js';

const msg = (text: string, extra: Partial<Message> = {}): Message => ({ text, channel: 'web', conversation: 'personal', ...extra });
const p = (advice: number, oos = 0, handoff = 0) => ({ advice, 'manager-steps': 0, handoff, 'out-of-scope': oos });

describe('context tokens', () => {
  const sealer = createSealer();
  const cite = (doc: string, section: string): Citation => ({ doc, section, docTitle: doc, sectionTitle: section, url: 'https://example.org' });

  it('carry the lead card only, and open to it', () => {
    const cards = citedCards([cite('GIR', '4.1'), cite('GIR', '4.1'), cite('AW', 'art. 8')]);
    expect(cards).toEqual([{ doc: 'GIR', section: '4.1' }]);
    expect(openContext(sealer, sealContext(sealer, cards, 'nl')!)).toEqual(cards);
    expect(sealContext(sealer, [], 'nl')).toBeUndefined();
  });

  it('refuse a forged, foreign or malformed token', () => {
    const token = sealContext(sealer, [{ doc: 'GIR', section: '4.1' }], 'nl')!;
    expect(openContext(sealer, `${token.slice(0, -2)}AA`)).toBeNull();
    expect(openContext(createSealer(), token)).toBeNull();
    // A reroute token holds a message, not card ids.
    expect(openContext(sealer, sealer.seal({ text: 'Mag ik een fles wijn aannemen?', lang: 'nl' }))).toBeNull();
    expect(openContext(sealer, sealer.seal({ text: `${CONTEXT_MARK}[{"d":"GIR","s":"4.1","t":"extra"}]`, lang: 'nl' }))).toBeNull();
    expect(openContext(sealer, sealer.seal({ text: `${CONTEXT_MARK}not json`, lang: 'nl' }))).toBeNull();
  });

  it('expire with the other sealed tokens', () => {
    let t = 0;
    const clock = createSealer({ now: () => t, ttlMs: 1000 });
    const token = sealContext(clock, [{ doc: 'GIR', section: '4.1' }], 'nl')!;
    t = 1001;
    expect(openContext(clock, token)).toBeNull();
  });
});

describe('when a message continues the previous answer', () => {
  it('reads leaning words as a follow-up', () => {
    for (const text of ['en als het 60 euro is?', 'and for a dinner?', 'geldt dat ook voor wethouders?', 'Ook voor stagiairs?', 'What about a lunch?', 'does that apply to contractors?', 'Hoe zit het met een etentje?']) {
      expect(isElliptic(text), text).toBe(true);
    }
  });

  it('does not read a question that stands on its own as one', () => {
    for (const text of ['Mag ik een nevenfunctie als voetbaltrainer hebben?', 'Can I accept a gift from a supplier?', 'Wanneer moet ik de eed afleggen?']) {
      expect(isElliptic(text), text).toBe(false);
    }
  });

  it('follows up on an unsure verdict, not on a confident one', () => {
    expect(continuesPrevious('Wanneer moet ik de eed afleggen?', 'advice', p(0.95))).toBe(false);
    expect(continuesPrevious('Wanneer moet ik de eed afleggen?', 'advice', p(0.5, 0.3))).toBe(true);
    expect(continuesPrevious('voor een diner', 'out-of-scope', p(0.4, 0.55))).toBe(true);
    expect(continuesPrevious('Hoe warm wordt het morgen?', 'out-of-scope', p(0.02, 0.97))).toBe(false);
    expect(continuesPrevious('voor een diner', 'clarify', p(0.6, 0, 0.3))).toBe(true);
  });
});

describe('follow-ups in the core (real index)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
  });

  it('answers "en als het 60 euro is?" from the gift card with the previous answer\'s context', async () => {
    const first = await core.handle(msg('Een leverancier wil me een fles wijn van 30 euro geven, mag ik die aannemen?'));
    expect(first.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    expect(first.context).toEqual(expect.any(String));
    const followup = await core.handle(msg('en als het 60 euro is?', { context: first.context! }));
    expect(followup.kind).toBe('answer');
    expect(followup.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    // The follow-up's answer carries its own context, so a third question can follow it.
    expect(followup.context).toEqual(expect.any(String));
  });

  it('answers "hoe lang geldt dat?" about a former minister lobbying from that card, which it cannot without context', async () => {
    const first = await core.handle(msg('Mag een oud-minister als lobbyist bij ons ministerie langskomen?'));
    expect(first.citations[0]).toMatchObject({ doc: 'GIR', section: '4.7' });
    const followup = await core.handle(msg('hoe lang geldt dat?', { context: first.context! }));
    expect(followup.citations[0]).toMatchObject({ doc: 'GIR', section: '4.7' });
    expect(followup.text).toContain('twee jaar');
    const alone = await core.handle(msg('hoe lang geldt dat?'));
    expect(alone.kind).not.toBe('answer');
  });

  it('moves an office holder\'s follow-up to the card for that office', async () => {
    const first = await core.handle(msg('Mag ik als raadslid zakendoen met mijn eigen gemeente?'));
    const followup = await core.handle(msg('geldt dat ook voor wethouders?', { context: first.context! }));
    expect(followup.citations[0]).toMatchObject({ doc: 'GEMEENTEWET', section: 'art. 41c' });
  });

  it('lets a clear new question go its own way', async () => {
    const first = await core.handle(msg('Mag ik een kerstpakket van een leverancier houden?'));
    const next = await core.handle(msg('Ik wil naast mijn werk les gaan geven op een hogeschool, moet ik dat melden?', { context: first.context! }));
    expect(next.citations[0]).toMatchObject({ doc: 'GIR', section: '4.5' });
  });

  it('tries a confident rule question that no card answers alone against the previous card before declining', async () => {
    const followupText = 'hoe lang mag dat duren?';
    // Triage sure that every message is a rule question, so no uncertainty can make this one a follow-up, and an
    // answerability that answers the first question and any follow-up read with the previous card, but not the
    // follow-up alone: only declining alone and then trying the previous card can answer it. (Phrases that did this
    // with the trained model stopped doing it whenever a retrain moved them across its threshold.)
    const answerability = { threshold: 0.5, followupThreshold: 0.5, probability: (q: string, _hits: unknown, _lang: unknown, followup?: boolean) => (followup || q.includes('melding') ? 0.9 : 0.1) };
    const core = await createTestCore({ triage: fixedTriage('advice'), answerability });
    expect(isElliptic(followupText)).toBe(false);
    const first = await core.handle(msg('wat gebeurt er na een melding van een integriteitsschending bij het rijk?'));
    expect(first.kind).toBe('answer');
    const alone = await core.handle(msg(followupText));
    expect(alone.kind).not.toBe('answer');
    const followup = await core.handle(msg(followupText, { context: first.context! }));
    expect(followup.kind).toBe('answer');
    expect(followup.citations.length).toBeGreaterThan(0);
  });

  it('does not stretch the previous card over a follow-up that drifts to something no card answers', async () => {
    const first = await core.handle(msg('wat is de afkoelingsperiode voor ambtenaren?'));
    expect(first.kind).toBe('answer');
    const followup = await core.handle(msg('en hoeveel pensioen bouw ik dan nog op?', { context: first.context! }));
    expect(followup.kind).not.toBe('answer');
  });

  it('ignores a forged context and answers the message as if alone', async () => {
    const alone = await core.handle(msg('en als het 60 euro is?'));
    const forged = await core.handle(msg('en als het 60 euro is?', { context: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(forged.kind).toBe(alone.kind);
    expect(forged.citations.map((c) => c.section)).toEqual(alone.citations.map((c) => c.section));
  });

  it('never answers a context token as a reroute message', async () => {
    const first = await core.handle(msg('Mag ik een fles wijn van een leverancier aannemen?'));
    const r = await core.reroute({ token: first.context!, target: 'advice', channel: 'web', conversation: 'personal' });
    expect(r.sections[0]?.text).toMatch(/verlopen|expired/i);
  });

  it('gives no context with a refusal or a handoff', async () => {
    expect((await core.handle(msg('Hoe warm wordt het morgen?'))).context).toBeUndefined();
    expect((await core.handle(msg('Ik word al weken gepest door mijn teamleider en ik weet niet wat ik moet doen'))).context).toBeUndefined();
  });
});

describe('a follow-up that triage alone would refuse', () => {
  // Two cores with one key, as two replicas with SEAL_KEYS: one answers as usual, the other is sure every message is
  // out of scope, as triage is for "hoe bereik ik ze?" read without the answer before it.
  async function afterAnswer(first: string, answerability?: Answerability) {
    const sealer = createSealer();
    const answer = await (await createTestCore({ sealer })).handle(msg(first));
    expect(answer.context).toEqual(expect.any(String));
    const refusing = await createTestCore({ triage: fixedTriage('out-of-scope'), sealer, ...(answerability ? { answerability } : {}) });
    return (text: string) => refusing.handle(msg(text, { context: answer.context! }));
  }
  const judging = (followupAnswered: boolean): Answerability => ({ threshold: 0.5, followupThreshold: 0.5, probability: (_q, _h, _l, followup) => (followup && followupAnswered ? 0.9 : 0.1) });

  it('is answered from the previous card when the answerability model says that card answers it', async () => {
    const next = await afterAnswer('wat kan het huis voor klokkenluiders voor mij doen als ik een misstand wil melden?', judging(true));
    const r = await next('hoe bereik ik ze?');
    expect(r.kind).toBe('answer');
    expect(r.citations[0]).toMatchObject({ doc: 'WHK', section: 'art. 3a' });
    expect(r.context).toEqual(expect.any(String));
  });

  it('is refused, not told the sources are silent, when the model says the previous card does not answer it', async () => {
    const next = await afterAnswer('wat kan het huis voor klokkenluiders voor mij doen als ik een misstand wil melden?', judging(false));
    const r = await next('hoe bereik ik ze?');
    expect(r.kind).toBe('refusal');
    expect(r.context).toBeUndefined();
  });

  it('is still refused by the trained model when no card answers it, whatever came before', async () => {
    const next = await afterAnswer('Mag ik een fles wijn van een leverancier aannemen?');
    for (const text of ['hoe reset ik mijn wachtwoord van de laptop?', 'Can you write my out-of-office message for the holidays?', 'hoeveel vakantiedagen heb ik nog over dit jaar?']) {
      const r = await next(text);
      expect(r.kind, text).toBe('refusal');
      expect(r.context, text).toBeUndefined();
    }
  });
});

describe('a handoff always wins', () => {
  it('hands off a message after an answer, context or not', async () => {
    // Two cores with one key, as two replicas with SEAL_KEYS: one answers, the other gets the follow-up.
    const sealer = createSealer();
    const core = await createTestCore({ triage: fixedTriage('handoff'), sealer });
    const answer = await (await createTestCore({ triage: fixedTriage('advice'), sealer })).handle(msg('Mag ik een fles wijn van een leverancier aannemen?'));
    expect(answer.context).toEqual(expect.any(String));
    const r = await core.handle(msg('en als hij me daarna bedreigt?', { context: answer.context! }));
    expect(r.kind).toBe('handoff');
  });
});

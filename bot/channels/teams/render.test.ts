import { describe, expect, it } from 'vitest';
import type { Reply } from '../../core/types.js';
import { cardAttachment, CARD_CONTENT_TYPE, renderCard, renderFeedbackCard, renderFeedbackDone } from './render.js';
import { SubmitData } from './submit.js';
import { validateCard } from './validate-card.js';
import { t as say } from '../../core/messages.js';
import { createSealer } from '../../core/seal.js';

function answer(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: 'answer',
    lang: 'nl',
    text: 'plain fallback',
    sections: [
      { heading: 'Kort antwoord', text: 'Je mag dit alleen met toestemming aannemen.' },
      { bullets: ['Meld het aan je leidinggevende.', 'Registreer het geschenk.'] },
    ],
    citations: [
      {
        doc: 'GIR',
        docTitle: 'Gedragscode Integriteit Rijk',
        section: '4.1',
        sectionTitle: 'Geschenken',
        url: 'https://example.org/gir#4.1',
        summary: 'Eigen samenvatting.',
      },
      { doc: 'AW', docTitle: 'Ambtenarenwet 2017', section: 'artikel 8', sectionTitle: 'Nevenwerkzaamheden', url: 'https://example.org/aw' },
    ],
    contacts: [],
    actions: [{ type: 'feedback' }],
    meta: { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' },
    ...overrides,
  };
}

function handoff(lang: 'nl' | 'en'): Reply {
  return {
    kind: 'handoff',
    lang,
    text: 'x',
    sections: [{ text: lang === 'nl' ? 'Praat erover met een vertrouwenspersoon.' : 'Talk to a confidential adviser.' }],
    citations: [],
    contacts: [
      { id: 'vp-1', role: 'internal-vp', name: 'A. Jansen', email: 'vp@example.org', phone: '+31 70 000 0000' },
      { id: 'hvk', role: 'huis-klokkenluiders', name: 'Huis voor Klokkenluiders', url: 'https://example.org/hvk' },
    ],
    actions: [{ type: 'request-contact', contactIds: ['vp-1'] }],
    meta: { intent: 'handoff', topic: 'melden', audience: null, outcome: 'handed-off' },
  };
}

function actions(node: unknown, out: any[] = []): any[] {
  if (Array.isArray(node)) node.forEach((n) => actions(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o);
    Object.values(o).forEach((v) => actions(v, out));
  }
  return out;
}

function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach((v) => texts(v, out));
  }
  return out;
}

describe('an answer with a "Meer" part', () => {
  const reply = answer({
    sections: [{ text: 'Je mag dit alleen met toestemming aannemen. [1]' }],
    more: [{ heading: 'Wat kun je doen', bullets: ['Vraag het je leidinggevende.'] }, { heading: 'Zie ook', bullets: ['Ambtenarenwet 2017 artikel 8 [2]'] }],
  });

  it('hides the rest behind a "Meer" toggle, with each source under the number its marker uses, and is a valid card', () => {
    const card = renderCard(reply);
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    const toggle = card.body.find((e) => e.type === 'ActionSet' && JSON.stringify(e).includes('Action.ToggleVisibility'));
    expect(toggle).toBeDefined();
    const hidden = card.body.find((e) => e.type === 'Container' && e.isVisible === false)!;
    expect(JSON.stringify(hidden)).toContain('Vraag het je leidinggevende.');
    expect(JSON.stringify(hidden)).toContain('[2] **AW artikel 8**');
    // The visible sources list only what the visible text cites.
    const visible = JSON.stringify(card.body.filter((e) => e !== hidden));
    expect(visible).toContain('[1] **GIR §4.1**');
    expect(visible).not.toContain('[2]');
    expect(json).toContain('"title":"Meer"');
  });
});

describe('renderCard', () => {
  it('renders an answer as a schema-valid 1.5 card with sections, sources and feedback', () => {
    const card = renderCard(answer());
    expect(validateCard(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    const t = texts(card);
    expect(t).toContain('Kort antwoord');
    expect(t).toContain('Je mag dit alleen met toestemming aannemen.');
    expect(t).toContain('- Meld het aan je leidinggevende.\r- Registreer het geschenk.');
    expect(t).toContain('Bronnen');
    expect(t).toContain('[1] **GIR §4.1** · Geschenken');
    expect(t).toContain('[2] **AW artikel 8** · Nevenwerkzaamheden');
    expect(t).toContain('Eigen samenvatting.');

    const open = actions(card).filter((a) => a.type === 'Action.OpenUrl');
    expect(open).toEqual([
      { type: 'Action.OpenUrl', title: 'Open GIR §4.1', url: 'https://example.org/gir#4.1' },
      { type: 'Action.OpenUrl', title: 'Open AW artikel 8', url: 'https://example.org/aw' },
    ]);
    // The vote has a card of its own (which becomes a thank-you after the vote).
    expect(card.actions).toBeUndefined();
    const votes = renderFeedbackCard({ ...answer(), ref: 'sealed-ref' })!;
    expect(validateCard(votes)).toEqual([]);
    expect(votes.actions?.map((a) => a.title)).toEqual(['👍 Nuttig', '👎 Niet nuttig']);
    for (const a of votes.actions ?? []) {
      const data = SubmitData.parse(a.data);
      expect(data).toEqual({ action: 'feedback', vote: expect.any(String), meta: answer().meta, lang: 'nl', ref: 'sealed-ref' });
    }
    const done = renderFeedbackDone('nl');
    expect(validateCard(done)).toEqual([]);
    expect(done.actions).toBeUndefined();
    expect(renderFeedbackCard({ ...answer(), actions: [] })).toBeNull();
  });

  it('puts only the four meta labels in feedback buttons, whatever else the meta object carries', () => {
    const reply = answer();
    (reply.meta as unknown as Record<string, unknown>).query = 'secret question text';
    const card = renderFeedbackCard(reply);
    expect(JSON.stringify(card)).toContain('"topic":"geschenken"');
    expect(JSON.stringify(card)).not.toContain('secret question text');
  });

  it('renders English labels for an English reply', () => {
    const card = renderCard({ ...answer(), lang: 'en' });
    expect(texts(card)).toContain('Sources');
    expect(renderFeedbackCard({ ...answer(), lang: 'en' })!.actions?.map((a) => a.title)).toEqual(['👍 Helpful', '👎 Not helpful']);
  });

  it('skips the link button for a citation without a web URL but keeps the source', () => {
    const reply = answer({
      citations: [{ doc: 'BIPO', docTitle: 'BIPO', section: '3', sectionTitle: 'Titel', url: 'javascript:alert(1)' }],
    });
    const card = renderCard(reply);
    expect(validateCard(card)).toEqual([]);
    expect(actions(card).filter((a) => a.type === 'Action.OpenUrl')).toEqual([]);
    expect(texts(card)).toContain('[1] **BIPO §3** · Titel');
  });

  it('renders a handoff with contacts and a contact request button (nl)', () => {
    const card = renderCard(handoff('nl'));
    expect(validateCard(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    const t = texts(card);
    expect(t).toContain('Contact');
    expect(t).toContain('**A. Jansen**');
    expect(t).toContain('Vertrouwenspersoon integriteit');
    const submits = actions(card).filter((a) => a.type === 'Action.Submit');
    // Only contacts named in the request-contact action get the button.
    expect(submits).toHaveLength(1);
    expect(submits[0].title).toBe('Vraag A. Jansen om contact op te nemen');
    expect(submits[0].data).toEqual({ action: 'request-contact', contactId: 'vp-1', lang: 'nl' });
    expect(SubmitData.safeParse(submits[0].data).success).toBe(true);
    expect(actions(card).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url)).toEqual(['https://example.org/hvk']);
    expect(JSON.stringify(card)).toContain('vp@example.org');
  });

  it('replaces a section that only lists the contacts with the contact blocks, keeping its heading and place', () => {
    const reply = handoff('nl');
    reply.sections = [
      { text: 'Eerst dit.' },
      { heading: 'Met wie kun je praten', bullets: ['A. Jansen: vp@example.org', 'Huis voor Klokkenluiders: 088'] },
      { text: 'Tot slot dit.' },
    ];
    const card = renderCard(reply);
    expect(validateCard(card)).toEqual([]);
    const t = texts(card);
    expect(t.some((x) => x.includes('A. Jansen: vp@example.org'))).toBe(false);
    expect(t.indexOf('Eerst dit.')).toBeLessThan(t.indexOf('Met wie kun je praten'));
    expect(t.indexOf('Met wie kun je praten')).toBeLessThan(t.indexOf('**A. Jansen**'));
    expect(t.indexOf('**A. Jansen**')).toBeLessThan(t.indexOf('Tot slot dit.'));

    // A list that is not only contacts stays as it is.
    reply.sections = [{ bullets: ['A. Jansen: vp@example.org', 'Iets anders'] }];
    expect(texts(renderCard(reply))).toContain('- A. Jansen: vp@example.org\r- Iets anders');
  });

  it('shortens a link button whose section label is long', () => {
    const card = renderCard(
      answer({ citations: [{ doc: 'KADER-VP', docTitle: 'Kader', section: 'integriteit-en-omgangsvormen', sectionTitle: 'T', url: 'https://example.org/k' }] }),
    );
    expect(actions(card).find((a) => a.type === 'Action.OpenUrl').title).toBe('Open KADER-VP');
  });

  it('renders the contact request button in English for an English handoff', () => {
    const card = renderCard(handoff('en'));
    expect(validateCard(card)).toEqual([]);
    const submit = actions(card).find((a) => a.type === 'Action.Submit');
    expect(submit.title).toBe('Ask A. Jansen to contact me');
    expect(submit.data.lang).toBe('en');
  });

  it('falls back to the plain text when a reply has no sections', () => {
    const card = renderCard(answer({ sections: [], citations: [], actions: [] }));
    expect(texts(card)).toEqual(['plain fallback']);
    expect(validateCard(card)).toEqual([]);
  });

  it('wraps a card as a Bot Framework attachment', () => {
    const card = renderCard(answer());
    expect(cardAttachment(card)).toEqual({ contentType: CARD_CONTENT_TYPE, content: card });
  });

  it('labels sources with the shared citation label (no internal slugs)', () => {
    const card = JSON.stringify(renderCard({ ...answer(), citations: [{ doc: 'KADER-VP', docTitle: 'Kader', section: 'intern-extern', sectionTitle: 'Intern en extern', url: 'https://example.org/k' }] }));
    expect(card).toContain('**KADER-VP**');
    expect(card).not.toContain('intern-extern');
  });
});

describe('validateCard', () => {
  it('reports what Teams could not render', () => {
    const card = renderFeedbackCard(answer()) as any;
    card.body.push({ type: 'Bogus' }, { type: 'TextBlock', text: 'x', size: 'enormous' });
    card.actions.push({ type: 'Action.OpenUrl', title: 'no url' });
    const problems = validateCard(card);
    expect(problems.join('\n')).toMatch(/Unknown element type "Bogus"/);
    expect(problems.join('\n')).toMatch(/size/);
    expect(problems.join('\n')).toMatch(/url/);
    expect(validateCard({ ...renderCard(answer()), version: '1.6' })).toContain('version 1.6 is not 1.0–1.5');
  });

  it('catches what the lenient parser lets through: unknown properties, bad data, too many actions', () => {
    const typo = renderCard(answer()) as any;
    typo.body[0].wrapp = true;
    expect(validateCard(typo)).toEqual([expect.stringMatching(/^schema: \/body\/0 .*additional properties \(wrapp\)$/)]);

    const noData = renderFeedbackCard(answer()) as any;
    delete noData.actions[0].data;
    expect(validateCard(noData).join('\n')).toMatch(/\/actions\/0 must have required property 'data'/);

    const many = renderFeedbackCard(answer()) as any;
    many.actions = Array.from({ length: 7 }, () => many.actions[0]);
    expect(validateCard(many).join('\n')).toMatch(/\/actions must NOT have more than 6 items/);
  });
});

describe('reroute buttons on cards', () => {
  const sealer = createSealer();
  const token = sealer.seal({ text: 'Mijn collega neemt geld uit de kas, mag dat?', lang: 'nl' });
  const clarify = (lang: 'nl' | 'en'): Reply => ({
    kind: 'clarify',
    lang,
    text: say('clarifyQuestion', lang),
    sections: [{ text: say('clarifyQuestion', lang) }, { text: say('clarifyPrivacy', lang) }],
    citations: [],
    contacts: [],
    actions: [
      { type: 'reroute', target: 'advice', label: say('clarifyRules', lang), token },
      { type: 'reroute', target: 'handoff', label: say('clarifyTalk', lang), token },
    ],
    meta: { intent: 'advice', topic: null, audience: null, outcome: 'clarified', route: 'clarify' },
    private: true,
  });

  it('renders the clarifying question with two valid Action.Submit buttons that carry only target and token', () => {
    for (const lang of ['nl', 'en'] as const) {
      const card = renderCard(clarify(lang));
      expect(validateCard(card)).toEqual([]);
      expect(card.actions?.map((a) => a.title)).toEqual([say('clarifyRules', lang), say('clarifyTalk', lang)]);
      expect(card.actions?.map((a) => SubmitData.parse(a.data))).toEqual([
        { action: 'reroute', target: 'advice', token },
        { action: 'reroute', target: 'handoff', token },
      ]);
      expect(JSON.stringify(card)).not.toContain('kas');
    }
  });

  it('keeps every button title distinct on a handoff and on a sensitive answer, within the card limits', () => {
    const h = handoff('nl');
    const handoffCard = renderCard({ ...h, actions: [...h.actions, { type: 'reroute', target: 'advice', label: say('onlyRules', 'nl'), token }] });
    const a = answer();
    const answerCard = renderCard({ ...a, actions: [...a.actions, { type: 'reroute', target: 'handoff', label: say('sensitiveButton', 'nl'), token }] });
    for (const card of [handoffCard, answerCard]) {
      expect(validateCard(card)).toEqual([]);
      const titles = actions(card).map((x) => x.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
    expect(handoffCard.actions?.map((x) => x.title)).toEqual([say('onlyRules', 'nl')]);
    expect(answerCard.actions?.map((x) => x.title)).toEqual([say('sensitiveButton', 'nl')]);
  });

  it('refuses reroute data with an unknown target, a missing token or extra text', () => {
    expect(SubmitData.safeParse({ action: 'reroute', target: 'elsewhere', token }).success).toBe(false);
    expect(SubmitData.safeParse({ action: 'reroute', target: 'advice' }).success).toBe(false);
    expect(SubmitData.safeParse({ action: 'reroute', target: 'advice', token: 'x'.repeat(5000) }).success).toBe(false);
    const parsed = SubmitData.parse({ action: 'reroute', target: 'advice', token, text: 'plain message' });
    expect(parsed).toEqual({ action: 'reroute', target: 'advice', token });
  });
});

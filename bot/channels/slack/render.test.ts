import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import type { Reply } from '../../core/types.js';
import {
  LIMITS,
  contactValue,
  escapeMrkdwn,
  feedbackValue,
  parseContactValue,
  parseFeedbackValue,
  parseRerouteValue,
  renderHome,
  renderReply,
  rerouteValue,
  splitText,
  withChoiceMade,
} from './render.js';
import { createSealer } from '../../core/seal.js';
import { t } from '../../core/messages.js';
import { texts } from './texts.js';

interface Block {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: unknown; value?: string; action_id?: string }>;
}

const answer: Reply = {
  kind: 'answer',
  lang: 'nl',
  text: 'Een geschenk tot € 50 mag je melden. Bron: GIR §4.1',
  sections: [{ heading: 'Geschenken', text: 'Een geschenk tot € 50 mag je <meestal> aannemen & melden.', bullets: ['eerst melden', 'dan beslissen'] }],
  citations: [
    { doc: 'GIR', docTitle: 'Gedragscode Integriteit Rijk', section: '4.1', sectionTitle: 'Geschenken', url: 'https://example.org/gir#4.1' },
    { doc: 'GIR', docTitle: 'Gedragscode Integriteit Rijk', section: '4.1', sectionTitle: 'Geschenken', url: 'https://example.org/gir#4.1' },
    { doc: 'AW', docTitle: 'Ambtenarenwet 2017', section: 'art. 8', sectionTitle: 'Nevenwerkzaamheden', url: 'https://wetten.overheid.nl/x' },
  ],
  contacts: [],
  actions: [{ type: 'feedback' }],
  meta: { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' },
};

const handoff: Reply = {
  kind: 'handoff',
  lang: 'nl',
  text: 'Neem contact op met een vertrouwenspersoon.',
  sections: [{ text: 'Neem contact op met een vertrouwenspersoon.' }],
  citations: [],
  contacts: [
    { id: 'vp-1', role: 'internal-vp', name: 'A. Jansen', email: 'vp@example.org', phone: '070 123 4567', slackUserId: 'U0VP1' },
    { id: 'vp-2', role: 'external-vp', name: 'B. de Vries', url: 'https://example.org/vp' },
  ],
  actions: [{ type: 'request-contact', contactIds: ['vp-1'] }],
  meta: { intent: 'handoff', topic: 'melden', audience: null, outcome: 'handed-off' },
  private: true,
};

const blocksOf = (r: { blocks: types.KnownBlock[] }) => r.blocks as unknown as Block[];

describe('an answer with a "Meer" part', () => {
  const reply: Reply = {
    ...answer,
    sections: [{ text: 'Je mag dit alleen met toestemming aannemen. [1]' }],
    more: [{ heading: 'Wat kun je doen', bullets: ['Vraag het je leidinggevende.'] }, { heading: 'Zie ook', bullets: ['Ambtenarenwet 2017 artikel 8 [2]'] }],
    citations: [
      { doc: 'GIR', docTitle: 'Gedragscode Integriteit Rijk', section: '4.1', sectionTitle: 'Geschenken', url: 'https://example.org/gir' },
      { doc: 'AW', docTitle: 'Ambtenarenwet 2017', section: 'art. 8', sectionTitle: 'Nevenwerkzaamheden', url: 'https://example.org/aw' },
    ],
  };

  it('keeps the rest for a second message (the thread reply), each source under its marker\'s number', () => {
    const r = renderReply(reply);
    const main = JSON.stringify(r.blocks);
    expect(main).toContain('[1] *GIR §4.1*');
    expect(main).not.toContain('Vraag het je leidinggevende.');
    expect(main).not.toContain('[2]');
    const more = JSON.stringify(r.more?.blocks);
    expect(more).toContain('Vraag het je leidinggevende.');
    expect(more).toContain('[2] *AW art. 8*');
    expect(r.more?.text).toContain('[2] Ambtenarenwet 2017 art. 8');
  });

  it('has no second message for a reply without one', () => {
    expect(renderReply({ ...reply, more: undefined }).more).toBeUndefined();
  });
});

describe('renderReply', () => {
  it('renders the answer, one context block with each source linked, and feedback buttons carrying labels only', () => {
    const out = renderReply(answer);
    expect(out.text).toBe(answer.text);
    const blocks = blocksOf(out);
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Geschenken*\nEen geschenk tot € 50 mag je &lt;meestal&gt; aannemen &amp; melden.\n• eerst melden\n• dan beslissen' },
    });
    const context = blocks.filter((b) => b.type === 'context');
    expect(context).toHaveLength(1);
    const elements = context[0]!.elements!.map((e) => e.text);
    // A repeated source is listed once; the next keeps its own number, the one its marker uses.
    expect(elements).toEqual([
      `*${texts('nl').sources}:*`,
      '[1] *GIR §4.1* · <https://example.org/gir#4.1|Gedragscode Integriteit Rijk: Geschenken>',
      '[3] *AW art. 8* · <https://wetten.overheid.nl/x|Ambtenarenwet 2017: Nevenwerkzaamheden>',
    ]);
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    const buttons = actions[0]!.elements!;
    expect(buttons.map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down']);
    expect(JSON.parse(buttons[0]!.value!)).toEqual({ i: 'advice', t: 'geschenken', a: 'medewerker', o: 'answered' });
    expect(buttons[0]!.value).not.toContain('geschenk tot');
  });

  it('renders contacts and a request-contact button on a handoff, with the private hint when asked', () => {
    const out = renderReply(handoff, { privateHint: true });
    const blocks = blocksOf(out);
    expect(blocks[0]!.type).toBe('context');
    expect(JSON.stringify(blocks[0])).toContain('Alleen jij ziet dit bericht');
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections).toContain('*A. Jansen* — vertrouwenspersoon\n<@U0VP1> · <mailto:vp@example.org|vp@example.org> · 070 123 4567');
    expect(sections).toContain('*B. de Vries* — externe vertrouwenspersoon\n<https://example.org/vp|example.org/vp>');
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1); // no feedback buttons on this handoff
    const [button] = actions[0]!.elements! as Array<{ text: { text: string }; value: string; action_id: string }>;
    expect(button!.text.text).toBe('Vraag een vertrouwenspersoon om contact op te nemen');
    expect(button!.action_id).toBe('request_contact_0');
    expect(parseContactValue(button!.value)).toEqual({ contactId: 'vp-1', lang: 'nl' });
  });

  it('uses the English label and role names when the reply is English', () => {
    const out = renderReply({ ...handoff, lang: 'en' });
    const json = JSON.stringify(out.blocks);
    expect(json).toContain(texts('en').requestContact);
    expect(json).toContain('confidential adviser');
    expect(json).not.toContain('Vraag een vertrouwenspersoon');
  });

  it('names the contact on each button when several can be asked', () => {
    const out = renderReply({ ...handoff, actions: [{ type: 'request-contact', contactIds: ['vp-1', 'vp-2'] }] });
    const actions = blocksOf(out).filter((b) => b.type === 'actions');
    const labels = actions[0]!.elements!.map((e) => (e.text as { text: string }).text);
    expect(labels).toEqual(['Vraag A. Jansen om contact op te nemen', 'Vraag B. de Vries om contact op te nemen']);
    expect(actions[0]!.elements!.map((e) => e.action_id)).toEqual(['request_contact_0', 'request_contact_1']);
  });

  it('keeps within Block Kit limits for a huge reply: ≤ 3000 chars per section, ≤ 50 blocks, sources and buttons kept', () => {
    const long = 'Dit is een zin over integriteit die vaak herhaald wordt. '.repeat(400); // ~23k chars
    const many = Array.from({ length: 80 }, (_, i) => ({ heading: `Deel ${i}`, text: `Tekst ${i}` }));
    const citations = Array.from({ length: 25 }, (_, i) => ({ ...answer.citations[0]!, section: `${i}.1` }));
    const out = renderReply({ ...answer, sections: [{ text: long }, ...many], citations });
    const blocks = blocksOf(out);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (b.type === 'context') expect(b.elements!.length).toBeLessThanOrEqual(LIMITS.contextElements);
    }
    const cited = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements!).filter((e) => String(e.text).includes('<https://'));
    expect(cited).toHaveLength(25);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(blocks)).toContain(texts('nl').truncated);
    // The long text was split, not cut: its first pieces are all there.
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    const pieces = sections.slice(0, sections.findIndex((t) => t.startsWith('*Deel 0*')));
    expect(pieces.length).toBeGreaterThan(7);
    expect(pieces.join(' ')).toBe(long.trim());
  });

  it('falls back to the reply text when there are no sections, and does not link unsafe URLs', () => {
    const out = renderReply({ ...answer, sections: [], citations: [{ ...answer.citations[0]!, url: 'javascript:alert(1)' }] });
    expect(blocksOf(out)[0]!.text!.text).toBe(escapeMrkdwn(answer.text));
    expect(JSON.stringify(out.blocks)).not.toContain('javascript:');
  });
});

describe('renderHome', () => {
  it('renders a home view from the welcome reply, with contacts and no feedback buttons', () => {
    const view = renderHome({ ...handoff, kind: 'help', actions: [{ type: 'feedback' }] });
    expect(view.type).toBe('home');
    const blocks = view.blocks as unknown as Block[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Integriteitsbot' } });
    expect(JSON.stringify(blocks)).toContain('A. Jansen');
    expect(JSON.stringify(blocks)).not.toContain('feedback_up');
  });
});

describe('button values', () => {
  it('round-trip and reject anything we did not render', () => {
    expect(parseFeedbackValue(feedbackValue(answer.meta))).toEqual({ meta: answer.meta });
    expect(parseFeedbackValue(feedbackValue(answer.meta, 'sealed-ref'))).toEqual({ meta: answer.meta, ref: 'sealed-ref' });
    expect(parseContactValue(contactValue('vp-1', 'nl', 'sealed-ref'))).toEqual({ contactId: 'vp-1', lang: 'nl', ref: 'sealed-ref' });
    expect(parseFeedbackValue('{"i":"advice","t":"nope","a":null,"o":"answered"}')).toBeNull();
    expect(parseFeedbackValue('not json')).toBeNull();
    expect(parseFeedbackValue(undefined)).toBeNull();
    expect(parseContactValue(contactValue('vp-9', 'en'))).toEqual({ contactId: 'vp-9', lang: 'en' });
    expect(parseContactValue('{"c":"vp-9","l":"de"}')).toBeNull();
  });
});

describe('splitText', () => {
  it('splits at line breaks or spaces and never exceeds the limit', () => {
    const parts = splitText('aaaa bbbb\ncccc dddd eeee', 10);
    expect(parts).toEqual(['aaaa bbbb', 'cccc dddd', 'eeee']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('reroute buttons', () => {
  const sealer = createSealer();
  const messages = [
    'Mag ik een fles wijn van een leverancier aannemen?',
    // The longest message the core accepts: the token is shortened to fit Slack's value limit.
    `${'Mijn collega doet iets wat niet klopt en ik weet niet of ik dat moet melden of niet. '.repeat(30)}Wat nu?`,
  ];
  const labels = (lang: 'nl' | 'en') => [t('clarifyRules', lang), t('clarifyTalk', lang), t('onlyRules', lang), t('sensitiveButton', lang)];

  it('renders every label within 75 characters, in both languages, so Slack never cuts one', () => {
    for (const lang of ['nl', 'en'] as const) for (const label of labels(lang)) expect(label.length, label).toBeLessThanOrEqual(LIMITS.buttonText);
  });

  it('puts both clarify choices in one block, each value holding only target, language and sealed token (≤ 2,000)', () => {
    for (const text of messages) {
      const token = sealer.seal({ text, lang: 'nl' });
      const clarify: Reply = {
        kind: 'clarify',
        lang: 'nl',
        text: 'Wat wil je?',
        sections: [{ text: t('clarifyQuestion', 'nl') }],
        citations: [],
        contacts: [],
        actions: [
          { type: 'reroute', target: 'advice', label: t('clarifyRules', 'nl'), token },
          { type: 'reroute', target: 'handoff', label: t('clarifyTalk', 'nl'), token },
        ],
        meta: { intent: 'advice', topic: null, audience: null, outcome: 'clarified', route: 'clarify' },
        private: true,
      };
      const block = blocksOf(renderReply(clarify)).find((b) => b.type === 'actions') as Block & { block_id?: string };
      expect(block.block_id).toBe('reroute_clarify');
      expect(block.elements!.map((e) => e.action_id)).toEqual(['reroute_advice', 'reroute_handoff']);
      expect(block.elements!.map((e) => (e.text as { text: string }).text)).toEqual([t('clarifyRules', 'nl'), t('clarifyTalk', 'nl')]);
      for (const e of block.elements!) {
        expect(e.value!.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(e.value).not.toContain('leverancier');
        expect(e.value).not.toContain('collega');
        const v = parseRerouteValue(e.value);
        expect(v).toMatchObject({ lang: 'nl', token });
        expect(sealer.open(v!.token)?.text.slice(-8)).toBe(text.slice(-8));
      }
    }
  });

  it('adds the "only the rules" button under a handoff, after the contact buttons', () => {
    const token = sealer.seal({ text: 'x', lang: 'en' });
    const r = renderReply({ ...handoff, lang: 'en', actions: [...handoff.actions, { type: 'reroute', target: 'advice', label: t('onlyRules', 'en'), token }] });
    const ids = blocksOf(r).filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id));
    expect(ids).toEqual(['request_contact_0', 'reroute_advice']);
    expect(parseRerouteValue(rerouteValue('advice', 'en', token))).toEqual({ target: 'advice', lang: 'en', token });
    expect(parseRerouteValue('{"r":"elsewhere","l":"nl","s":"abc"}')).toBeNull();
    expect(parseRerouteValue('{"r":"advice","l":"nl","s":"abc","text":"plain"}')).toBeNull();
  });

  it('replaces the reroute block of a clicked message by what was chosen, keeping the rest', () => {
    const token = sealer.seal({ text: 'x', lang: 'nl' });
    const blocks = renderReply({ ...answer, actions: [...answer.actions, { type: 'reroute', target: 'handoff', label: t('sensitiveButton', 'nl'), token }] }).blocks;
    const after = withChoiceMade(blocks, t('sensitiveButton', 'nl'), 'nl') as unknown as Array<Block & { block_id?: string }>;
    expect(after.some((b) => b.block_id?.startsWith('reroute_'))).toBe(false);
    expect(JSON.stringify(after)).not.toContain(token);
    expect(after.at(-1)!.elements![0]!.text).toBe(`✓ Gekozen: ${t('sensitiveButton', 'nl')}`);
    expect(after.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id))).toEqual(['feedback_up', 'feedback_down']);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalQuestions, nearCopies } from '../../../bot/core/triage/separation.js';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import { cardKey, loadRoutingData, readRoutingSettings, Router } from './index.js';

describe('router', () => {
  const examples = [
    { text: 'mag ik een kerstpakket van een leverancier houden', doc: 'GIR', section: '4.1' },
    { text: 'cadeau van een klant aannemen, mag dat', doc: 'GIR', section: '4.1' },
    { text: 'mag ik naast mijn werk een bijbaan nemen', doc: 'GIR', section: '4.5' },
    { text: 'nevenwerk als zzp-er melden?', doc: 'GIR', section: '4.5' },
  ];

  it('routes a new wording to the card of its nearest labelled questions', () => {
    const router = new Router(examples, { neighbours: 3, sharpness: 3 });
    expect(router.route('mag ik dat kerstpakket houden?')[0]?.key).toBe(cardKey({ doc: 'GIR', section: '4.1' }));
    expect(router.route('bijbaan als zzp-er, moet ik dat melden')[0]?.key).toBe(cardKey({ doc: 'GIR', section: '4.5' }));
  });
});

describe('routing data', () => {
  const { examples, hash } = loadRoutingData();

  it('labels every example with a card that exists, and gives every card at least 25 questions from several writers', () => {
    const cards = readdirSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus'));
    expect(cards.length).toBeGreaterThan(5);
    const known = new Set<string>();
    for (const doc of cards) {
      for (const f of readdirSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus', doc))) {
        const text = readFileSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus', doc, f), 'utf8');
        const section = /^section:\s*"?([^"\n]+)"?\s*$/m.exec(text)?.[1];
        known.add(cardKey({ doc, section: section! }));
      }
    }
    for (const e of examples) expect(known.has(cardKey(e)), `${e.id} → ${e.doc} ${e.section}`).toBe(true);
    for (const key of known) {
      const mine = examples.filter((e) => cardKey(e) === key);
      expect(mine.length, key).toBeGreaterThanOrEqual(25);
      expect(new Set(mine.map((e) => e.writer)).size, key).toBeGreaterThanOrEqual(3);
    }
  });

  it('holds no near copy of any eval item, in either direction', () => {
    const evalItems = evalQuestions(path.join(PROJECT_ROOT, 'eval'));
    expect(nearCopies(examples, evalItems)).toEqual([]);
  });

  it('its settings were chosen on exactly this data (run npm run train:routing after changing it)', () => {
    expect(readRoutingSettings().dataHash).toBe(hash);
  });
});

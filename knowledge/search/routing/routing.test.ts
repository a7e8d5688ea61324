import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalQuestions, nearCopies } from '../../../bot/core/triage/separation.js';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import { cardKey, FollowupRouter, loadFollowupData, loadRoutingData, readRoutingSettings, Router } from './index.js';
import { NO_WEIGHTS, type ChoiceWeights, type Signal } from './followup-choice.js';
import { DEFAULT_FEATURES } from '../analyze/features.js';

const examples = [
  { text: 'mag ik een kerstpakket van een leverancier houden', doc: 'GIR', section: '4.1' },
  { text: 'cadeau van een klant aannemen, mag dat', doc: 'GIR', section: '4.1' },
  { text: 'mag ik naast mijn werk een bijbaan nemen', doc: 'GIR', section: '4.5' },
  { text: 'nevenwerk als zzp-er melden?', doc: 'GIR', section: '4.5' },
];

describe('router', () => {
  it('with card centroids, still names no more cards than its neighbours could (a supplement without questions stays reachable)', () => {
    const router = new Router(examples, { neighbours: 1, sharpness: 3, idf: true, centroid: 0.75 });
    expect(router.route('mag ik dat kerstpakket houden?').map((r) => r.key)).toEqual([cardKey({ doc: 'GIR', section: '4.1' })]);
  });

  it('routes no card for a query without words, even when its length feature collides with a question\'s n-gram', () => {
    // Four hash buckets: every feature of every question shares a bucket with the empty query's length feature.
    const router = new Router(examples, { neighbours: 3, sharpness: 3 }, { ...DEFAULT_FEATURES, dim: 4 });
    expect(router.route('mag ik dat kerstpakket houden?').length).toBeGreaterThan(0);
    expect(router.route('')).toEqual([]);
    expect(router.route(' ?! ')).toEqual([]);
  });

  it('routes a new wording to the card of its nearest labelled questions', () => {
    const router = new Router(examples, { neighbours: 3, sharpness: 3 });
    expect(router.route('mag ik dat kerstpakket houden?')[0]?.key).toBe(cardKey({ doc: 'GIR', section: '4.1' }));
    expect(router.route('bijbaan als zzp-er, moet ik dat melden')[0]?.key).toBe(cardKey({ doc: 'GIR', section: '4.5' }));
  });
});

/** Every card in the corpus, by cardKey. */
function corpusCards(): Set<string> {
  const known = new Set<string>();
  for (const doc of readdirSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus'))) {
    for (const f of readdirSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus', doc))) {
      const text = readFileSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus', doc, f), 'utf8');
      const section = /^section:\s*"?([^"\n]+)"?\s*$/m.exec(text)?.[1];
      known.add(cardKey({ doc, section: section! }));
    }
  }
  return known;
}

describe('follow-up routing', () => {
  const followup = (id: string, context: string, text: string, target: string) => ({
    id, lang: 'nl' as const, first: 'x', context_doc: 'GEMEENTEWET', context_section: context, followup: text, doc: 'GEMEENTEWET', section: target, writer: 't',
  });
  const examples = [
    followup('a', 'art. 12', 'en voor wethouders?', 'art. 41b'),
    followup('b', 'art. 15', 'geldt dat ook voor wethouders', 'art. 41c'),
    followup('c', 'art. 12', 'moet dat ook op de website?', 'art. 12'),
  ];
  const base = new Router([{ text: 'nevenfuncties raadslid openbaar maken', doc: 'GEMEENTEWET', section: 'art. 12' }], { neighbours: 5, sharpness: 3 });
  /** Choice weights that read one signal only. */
  const only = (signal: Signal): ChoiceWeights => ({ ...NO_WEIGHTS, [signal]: 5 });

  it('reads the same follow-up words by the card before them: "wethouders ook?" after art. 12 is art. 41b, after art. 15 art. 41c', () => {
    const router = new FollowupRouter(examples, base, { weights: only('same') });
    const key = (section: string) => cardKey({ doc: 'GEMEENTEWET', section });
    expect(router.route('wethouders ook?', [key('art. 12')], 'Openbaarmaking nevenfuncties raadsleden')[0]?.key).toBe(key('art. 41b'));
    expect(router.route('wethouders ook?', [key('art. 15')], 'Verboden handelingen raadslid')[0]?.key).toBe(key('art. 41c'));
    // With only the ordinary router's vote on message + title, the follow-up goes back to the previous card.
    const general = new FollowupRouter(examples, base, { weights: only('titled') });
    expect(general.route('wethouders ook?', [key('art. 12')], 'Openbaarmaking nevenfuncties raadsleden')[0]?.key).toBe(key('art. 12'));
  });

  it('lets a follow-up written after this card vote even when closer ones were written after other cards', () => {
    // Three near-identical follow-ups after art. 15, one looser after art. 12: with two neighbours chosen before
    // the context weight, the art. 12 example never voted and the follow-up went back to the previous card.
    const crowded = [
      followup('d', 'art. 15', 'geldt dat ook voor wethouders?', 'art. 41c'),
      followup('e', 'art. 15', 'geldt dat ook voor de wethouders?', 'art. 41c'),
      followup('f', 'art. 15', 'geldt dat dan ook voor wethouders', 'art. 41c'),
      followup('g', 'art. 12', 'en de wethouders?', 'art. 41b'),
    ];
    const narrow = new Router([{ text: 'nevenfuncties raadslid openbaar maken', doc: 'GEMEENTEWET', section: 'art. 12' }], { neighbours: 2, sharpness: 3 });
    const router = new FollowupRouter(crowded, narrow, { weights: only('same') });
    const key = (section: string) => cardKey({ doc: 'GEMEENTEWET', section });
    expect(router.route('geldt dat ook voor wethouders?', [key('art. 12')], 'Openbaarmaking nevenfuncties raadsleden')[0]?.key).toBe(key('art. 41b'));
  });

  it('follow-up data names cards that exist and holds no near copy of any eval item, in either direction', () => {
    const known = corpusCards();
    const { examples: followups } = loadFollowupData();
    for (const f of followups) {
      expect(known.has(cardKey(f)), `${f.id} → ${f.doc} ${f.section}`).toBe(true);
      expect(known.has(cardKey({ doc: f.context_doc, section: f.context_section })), `${f.id} context`).toBe(true);
    }
    const texts = followups.flatMap((f) => [
      { id: `${f.id}/first`, text: f.first },
      { id: `${f.id}/followup`, text: f.followup },
    ]);
    expect(nearCopies(texts, evalQuestions(path.join(PROJECT_ROOT, 'eval')))).toEqual([]);
  });
});

describe('routing data', () => {
  const { examples, hash } = loadRoutingData();

  it('labels every example with a card that exists, and gives every card at least 25 questions from several writers', () => {
    const known = corpusCards();
    expect(known.size).toBeGreaterThan(5);
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
    expect(readRoutingSettings().followup?.dataHash).toBe(loadFollowupData().hash);
  });
});

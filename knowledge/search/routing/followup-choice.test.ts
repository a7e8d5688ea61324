import { describe, expect, it } from 'vitest';
import { candidates, choose, fitChoice, NO_WEIGHTS, SIGNALS, transitions, type Candidate } from './followup-choice.js';
import { Router } from './router.js';

const at = (signal: string, value: number) => SIGNALS.map((s) => (s === signal ? value : 0));

describe('follow-up choice', () => {
  it('offers the previous card, every card a vote names and every card people moved to from it, with their signals', () => {
    const base = new Router([{ text: 'nevenfuncties wethouder openbaar', doc: 'GW', section: '41b' }], { neighbours: 5, sharpness: 3 });
    const own = new Router([{ text: 'en de burgemeester', doc: 'GW', section: '67' }], { neighbours: 5, sharpness: 3 });
    const sources = { own: (t: string, w: (i: number) => number) => own.route(t, w), contexts: ['GW\u000012'], moves: transitions(['GW\u000012'], ['GW\u000067']), base };
    const cands = candidates(sources, 'wethouder ook?', 'GW\u000012', 'wethouder ook? \nnevenfuncties raadsleden');
    const byKey = new Map(cands.map((c) => [c.key, c.signals]));
    expect([...byKey.keys()].sort()).toEqual(['GW\u000012', 'GW\u000041b', 'GW\u000067']);
    expect(byKey.get('GW\u000012')![SIGNALS.indexOf('previous')]).toBe(1);
    expect(byKey.get('GW\u000041b')![SIGNALS.indexOf('text')]).toBe(1);
    // One follow-up after art. 12 went to art. 67: a share of (1 + 1).
    expect(byKey.get('GW\u000067')![SIGNALS.indexOf('transition')]).toBe(0.5);
  });

  it('turns weighted signals into probabilities, best first', () => {
    const cands: Candidate[] = [
      { key: 'a', signals: at('text', 0.2) },
      { key: 'b', signals: at('text', 0.8) },
    ];
    const routed = choose({ ...NO_WEIGHTS, text: 3 }, cands);
    expect(routed.map((r) => r.key)).toEqual(['b', 'a']);
    expect(routed[0]!.score + routed[1]!.score).toBeCloseTo(1, 10);
    expect(choose(NO_WEIGHTS, cands)[0]!.score).toBeCloseTo(0.5, 10);
  });

  it('learns a large weight for the signal that picks the right card and none for one that does not, the same every time', () => {
    // `transition` names the right card; `any` is as high on a wrong card as on the right one.
    const groups = Array.from({ length: 40 }, (_, i) => ({
      target: `t${i}`,
      candidates: [
        { key: `t${i}`, signals: SIGNALS.map((s) => (s === 'transition' ? 0.6 : s === 'any' ? 0.5 : 0)) },
        { key: `w${i}`, signals: SIGNALS.map((s) => (s === 'transition' ? 0.1 : s === 'any' ? 0.5 : 0)) },
      ],
    }));
    const w = fitChoice(groups);
    expect(w.transition).toBeGreaterThan(3);
    expect(Math.abs(w.any)).toBeLessThan(0.05);
    expect(fitChoice(groups)).toEqual(w);
  });
});

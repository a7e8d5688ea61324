import { describe, expect, it } from 'vitest';
import { repeats, visibleRules, wordOverlapScorer } from './rank.js';

const RULES = [
  'De grens is € 50. Is een geschenk meer waard, dan neem je het niet aan.',
  'Je leidinggevende moet eerst toestemming geven voordat je een geschenk aanneemt.',
  'Laat geen geschenken op je huisadres bezorgen.',
  'Een geschenk dat je niet mag aannemen, stuur je terug naar de gever.',
  'Je eigen organisatie kan aanvullende afspraken hebben over relatiegeschenken.',
];
const KERN = 'Een geschenk van een externe relatie mag je alleen aannemen als het weinig waard is.';
const show = (q: string) => visibleRules(q, RULES, wordOverlapScorer(q), KERN).map((i) => RULES[i]);

describe('visible rules', () => {
  it('shows the rules that carry the question\'s key terms, in card order', () => {
    expect(show('moet ik toestemming vragen voor een cadeau, en wat als het thuis bezorgd wordt?')).toEqual([RULES[1], RULES[2]]);
    expect(show('kan ik het terug sturen naar de gever?')).toContain(RULES[3]);
  });

  it('shows the rule with the amount when the question asks how much', () => {
    expect(show('tot hoeveel euro mag het zijn?')[0]).toBe(RULES[0]);
  });

  it('shows at most three rules and always at least the best one', () => {
    expect(show('geschenk toestemming huisadres terug gever afspraken grens').length).toBeLessThanOrEqual(3);
    expect(show('xyz')).toHaveLength(1);
  });
});

describe('repeats', () => {
  it('finds a manager step sentence that only repeats its label, not one that adds something', () => {
    expect(repeats('Neem de melder serieus', 'Luister en neem de melder serieus')).toBe(1);
    expect(repeats('Ga vertrouwelijk om met wat je hoort', 'Ga vertrouwelijk om met de melding')).toBeLessThan(1);
    expect(repeats('Licht direct de hoogste leidinggevende in en noem de datum van ontvangst', 'Geef de melding direct door aan de hoogste leidinggevende')).toBeLessThan(1);
    expect(repeats('', 'Luister')).toBe(0);
  });
});

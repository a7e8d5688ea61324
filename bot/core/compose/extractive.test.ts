import { describe, expect, it } from 'vitest';
import { repeatsLabel } from './extractive.js';

describe('manager steps', () => {
  it('leaves out a sentence that only repeats its step label, keeps one that adds something', () => {
    expect(repeatsLabel('Neem de melder serieus', 'Luister en neem de melder serieus')).toBe(true);
    expect(repeatsLabel('Ga vertrouwelijk om met wat je hoort', 'Ga vertrouwelijk om met de melding')).toBe(false);
    expect(repeatsLabel('Licht direct de hoogste leidinggevende in en noem de datum van ontvangst', 'Geef de melding direct door aan de hoogste leidinggevende')).toBe(false);
    expect(repeatsLabel('', 'Luister')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { detectLang } from './lang.js';

describe('detectLang', () => {
  it.each([
    ['Mag ik een fles wijn van een leverancier aannemen?', 'nl'],
    ['ik word gepest door mijn leidinggevende', 'nl'],
    ['Can I accept a gift from a supplier?', 'en'],
    ['My manager is committing fraud, what should I do?', 'en'],
    ['How does whistleblower protection work?', 'en'],
    ['nevenwerkzaamheden melden', 'nl'],
    ['', 'nl'],
    ['hi', 'en'],
    ['hoi', 'nl'],
  ])('%s → %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });
});

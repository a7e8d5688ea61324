import { describe, expect, it } from 'vitest';
import { sectionLink } from './card.js';

describe('sectionLink', () => {
  const page = 'https://zoek.officielebekendmakingen.nl/stcrt-2019-71141.html';

  it('points a section of a one-page document at its heading with a text fragment', () => {
    const url = sectionLink(page, 'Geschenken, diensten en andere voordelen of beloningen', true);
    expect(url.startsWith(`${page}#:~:text=`)).toBe(true);
    // The comma would split the directive into a range; it is encoded, and the title reads back whole.
    expect(url).not.toMatch(/text=[^#]*,/);
    expect(decodeURIComponent(url.split('#:~:text=')[1]!)).toBe('Geschenken, diensten en andere voordelen of beloningen');
  });

  it('leaves links alone that already point somewhere, documents with a page per section, and missing links', () => {
    expect(sectionLink(`${page}#d1e2`, 'Geschenken', true)).toBe(`${page}#d1e2`);
    expect(sectionLink('https://wetten.overheid.nl/BWBR0037852', 'Begripsbepalingen', false)).toBe('https://wetten.overheid.nl/BWBR0037852');
    expect(sectionLink(undefined, 'Geschenken', true)).toBe('');
  });
});

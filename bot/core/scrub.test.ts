import { describe, expect, it } from 'vitest';
import { elfproef, scrub } from './scrub.js';

describe('elfproef', () => {
  it('accepts valid and rejects invalid BSNs', () => {
    expect(elfproef('111222333')).toBe(true);
    expect(elfproef('123456782')).toBe(true);
    expect(elfproef('123456789')).toBe(false);
    expect(elfproef('12345678')).toBe(false);
  });
});

describe('scrub', () => {
  it('removes e-mail addresses', () => {
    const r = scrub('mail mij op jan.de.vries@minbzk.nl of j_v+x@example.org');
    expect(r.text).toBe('mail mij op [e-mail] of [e-mail]');
    expect(r.found.email).toBe(2);
  });

  it.each(['06-12345678', '06 1234 5678', '+31 6 12345678', '+31(0)612345678', '0031 70 123 4567', '070-1234567', '(070) 123 45 67', '020 123 4567'])(
    'removes the Dutch phone number %s',
    (phone) => {
      const r = scrub(`bel me op ${phone} graag`);
      expect(r.text).toBe('bel me op [telefoonnummer] graag');
    },
  );

  it('removes a BSN that passes the elfproef, also with dots, but keeps other nine-digit numbers', () => {
    expect(scrub('mijn bsn is 123456782').text).toBe('mijn bsn is [bsn]');
    expect(scrub('bsn 1234.56.782').text).toBe('bsn [bsn]');
    expect(scrub('zaaknummer 123456789').text).toBe('zaaknummer 123456789');
  });

  it.each([
    ['mijn collega Jan de Vries declareert te veel', 'mijn collega [naam] declareert te veel'],
    ['Mijn manager Pieter heeft fraude gepleegd', 'Mijn manager [naam] heeft fraude gepleegd'],
    ['mijn leidinggevende Els van der Berg-Smit pest mij', 'mijn leidinggevende [naam] pest mij'],
    ['my colleague John Smith took money', 'my colleague [naam] took money'],
    ['my manager, Sarah, keeps yelling', 'my manager, [naam], keeps yelling'],
    ['onze directeur Karel neemt cadeaus aan', 'onze directeur [naam] neemt cadeaus aan'],
  ])('removes the name in "%s"', (input, expected) => {
    expect(scrub(input).text).toBe(expected);
  });

  it('leaves role words without a name alone', () => {
    expect(scrub('mijn collega heeft een cadeau gekregen').text).toBe('mijn collega heeft een cadeau gekregen');
    expect(scrub('mijn manager Ik weet het niet').text).toBe('mijn manager Ik weet het niet');
  });
});

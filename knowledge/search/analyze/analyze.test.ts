import { describe, expect, it } from 'vitest';
import { CompoundSplitter, createAnalyzer, DutchAnalyzer, fold, stemDutch, tokenize, Vocabulary, WEIGHTS } from './index.js';

const analyzer = createAnalyzer(['Regels over nevenwerkzaamheden en de afkoelperiode.']);

describe('tokenize', () => {
  it('lower-cases, folds diacritics and keeps section numbers whole', () => {
    expect(tokenize('Privé-relatie, ÉÉN cadeau; art. 41b en § 4.1 (€ 1.000,-)')).toEqual([
      'prive', 'relatie', 'een', 'cadeau', 'art', '41b', 'en', '4.1', '1000',
    ]);
    expect(fold('Financiële')).toBe('financiele');
  });
});

describe('stemming', () => {
  it('maps Dutch word forms to one stem', () => {
    expect(stemDutch('geschenken')).toBe(stemDutch('geschenk'));
    expect(stemDutch('melden')).toBe(stemDutch('meld'));
    expect(stemDutch('nevenfuncties')).toBe(stemDutch('nevenfunctie'));
  });
});

describe('compound splitting', () => {
  const split = (w: string) => analyzer.compoundParts(w);
  it('splits compounds, also with linking -s- and -en-', () => {
    expect(split('relatiegeschenk')).toEqual(['relatie', 'geschenk']);
    expect(split('integriteitsschending')).toEqual(['integriteit', 'schending']);
    expect(split('nevenwerkzaamheden')).toEqual(['neven', 'werkzaamheden']);
    expect(split('vertrouwenspersoon')).toEqual(['vertrouwen', 'persoon']);
    expect(split('belangenverstrengeling')).toEqual(['belangen', 'verstrengeling']);
    expect(split('gemeentewet')).toEqual(['gemeente', 'wet']);
  });
  it('leaves simple words and suffix look-alikes whole', () => {
    expect(split('overheid')).toEqual([]);
    expect(split('leverancier')).toEqual([]);
    expect(split('verklaring')).toEqual([]);
    expect(split('geschenk')).toEqual([]);
  });
  it('indexes the compound and its parts', () => {
    const terms = analyzer.indexTerms('Een relatiegeschenk');
    expect(terms).toContain(stemDutch('relatiegeschenk'));
    expect(terms).toContain(stemDutch('geschenk'));
    expect(terms).toContain(stemDutch('relatie'));
    expect(terms).not.toContain('een');
  });
});

describe('query terms', () => {
  const weightOf = (q: string, term: string) => analyzer.queryTerms(q).find((t) => t.term === term)?.weight;
  it('drops Dutch and English stopwords', () => {
    const terms = analyzer.queryTerms('Mag ik dit aannemen? Can I accept this from them?').map((t) => t.term);
    for (const stop of ['mag', 'ik', 'dit', 'can', 'i', 'this', 'from', 'them']) expect(terms).not.toContain(stop);
  });
  it('expands domain synonyms with a lower weight than typed words', () => {
    expect(weightOf('Can I accept a gift?', stemDutch('geschenk'))).toBe(WEIGHTS.synonym);
    expect(weightOf('Can I accept a gift?', 'gift')).toBe(WEIGHTS.word);
    expect(weightOf('whistleblower protection', stemDutch('klokkenluider'))).toBe(WEIGHTS.synonym);
    expect(weightOf('mijn zwager werkt bij een leverancier', stemDutch('familielid'))).toBe(WEIGHTS.synonym);
  });
  it('matches multi-word synonyms and bridges English phrases', () => {
    expect(weightOf('Do I have to report my side job?', stemDutch('nevenwerkzaamheden'))).toBe(WEIGHTS.synonym);
    expect(weightOf('wie is de confidential counsellor', stemDutch('vertrouwenspersoon'))).toBe(WEIGHTS.synonym);
    // "side" alone is no synonym of anything
    expect(weightOf('the other side of the story', stemDutch('nevenwerkzaamheden'))).toBeUndefined();
  });
  it('gives compound parts of a query word a middle weight', () => {
    expect(weightOf('relatiegeschenk', stemDutch('geschenk'))).toBe(WEIGHTS.part);
  });
  it('expands the abbreviation art. to artikel', () => {
    expect(weightOf('art. 15', 'artikel')).toBe(WEIGHTS.word);
  });
  it('does not let a compound part trigger synonyms of an unrelated word', () => {
    // vertrouwens-persoon shares its stem with "vertrouwelijk"; that must not pull in "geheim".
    expect(weightOf('vertrouwenspersoon', stemDutch('geheim'))).toBeUndefined();
  });
});

describe('bounded work', () => {
  /** A vocabulary that counts its look-ups and stops the test once a budget is spent (instead of hanging). */
  class CountingVocabulary extends Vocabulary {
    lookups = 0;
    budget = Infinity;
    override has(word: string): boolean {
      if (++this.lookups > this.budget) throw new Error(`more than ${this.budget} vocabulary look-ups`);
      return super.has(word);
    }
  }
  const corpus = 'relatiegeschenk integriteitsschending nevenwerkzaamheden belangenverstrengeling geschenken leverancier';

  it('compound splitting costs at most a fixed number of look-ups per character of the message', () => {
    const vocab = new CountingVocabulary(undefined, tokenize(corpus));
    const queries = new DutchAnalyzer(vocab);
    // 2,000 characters, each "word" a chain of real compound parts: the worst case for a splitter that tries every
    // split point, and what someone probing the bot would send.
    const chain = 'relatiegeschenkintegriteitsschendingnevenwerkzaamhedenbelangenverstrengeling';
    const oneWord = chain.repeat(30).slice(0, 2000);
    const manyWords = Array.from({ length: 60 }, (_, i) => chain.slice(i % 20, (i % 20) + 32)).join(' ').slice(0, 2000);
    const perChar = 40;
    for (const message of [oneWord, manyWords]) {
      vocab.lookups = 0;
      vocab.budget = perChar * message.length;
      queries.queryTerms(message);
      queries.indexTerms(message);
      expect(vocab.lookups).toBeLessThanOrEqual(perChar * message.length);
    }
  });

  it('still splits real compounds after the cap', () => {
    const splitter = new CompoundSplitter(new Vocabulary(undefined, tokenize(corpus)));
    expect(splitter.split('relatiegeschenken')).toEqual(['relatie', 'geschenken']);
    expect(splitter.split('integriteitsschendingen')).toEqual(['integriteit', 'schendingen']);
    expect(splitter.split('x'.repeat(200))).toBeNull();
  });
});

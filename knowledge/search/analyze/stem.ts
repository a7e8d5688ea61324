/** Snowball Dutch stemming with a small cache (the same few thousand words recur in every query). */
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');
const cache = new Map<string, string>();

export function stemDutch(token: string): string {
  // Numbers and short codes are kept as they are: "4.1", "41b", "aw".
  if (token.length <= 3 || /\d/.test(token)) return token;
  let s = cache.get(token);
  if (s === undefined) {
    // Snowball keeps the plural -s after a vowel ("functies", "relaties"); drop it so both forms meet.
    const base = token.length > 5 && token.endsWith('ies') ? token.slice(0, -1) : token;
    s = dutch.stem(base) as string;
    if (cache.size > 50_000) cache.clear();
    cache.set(token, s);
  }
  return s;
}

/** Snowball Dutch stemming with a small cache (the same few thousand words recur in every query). */
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');
const cache = new Map<string, string>();

export function stemDutch(token: string): string {
  // Numbers and short codes are kept as they are: "4.1", "41b", "aw".
  if (token.length <= 3 || /\d/.test(token)) return token;
  let s = cache.get(token);
  if (s === undefined) {
    s = dutch.stem(token) as string;
    if (cache.size > 50_000) cache.clear();
    cache.set(token, s);
  }
  return s;
}

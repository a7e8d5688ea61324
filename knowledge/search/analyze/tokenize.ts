/**
 * Tokenizer shared by every lexical tier: lower case, diacritics folded (privé → prive, één → een), so the
 * token stays readable and a user who types without accents still matches. Section numbers such as "4.1",
 * "3.5.1" and "41b" stay one token so "artikel 41b" and "paragraaf 4.1" can be searched.
 */

const TOKEN = /\d+(?:[.,]\d+)*[a-z]?|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  const folded = fold(text).replace(/[’']/g, "'");
  const out: string[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    let t = m[0];
    // "m'n" / "zo'n" are single words; "auto's" is the plural of auto.
    if (t.endsWith("'s")) t = t.slice(0, -2);
    t = t.replace(/'/g, '');
    // Thousand separators and decimal commas: "1.000" → "1000" keeps amounts comparable.
    if (/^\d{1,3}(?:\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
    t = t.replace(/,\d+$/, '');
    if (t) out.push(t);
  }
  return out;
}

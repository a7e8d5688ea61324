/**
 * Stopwords removed before indexing and querying. Dutch (based on the Snowball Dutch list, extended with chat
 * filler such as "mag", "kan", "wel") and a short English list for English questions. Modal verbs are stopwords
 * here on purpose: nearly every integrity question starts with "mag ik" / "can I", so they carry no signal.
 */
const DUTCH = `
de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat mijn
men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog zal me
zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens
hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere mag
mogen moeten wel welke waar wanneer waarom hoeveel we wij jij jou jullie mijn mn m'n jouw zo'n zoiets even gewoon
eigenlijk nou hoi hallo beste graag alstublieft aub svp bedankt dank dankjewel oké ok oke precies erg heel echt
iets enige enkele elke ieder iedere dezelfde hetzelfde binnen tussen via per sinds tijdens zoals terwijl maar
dus zou zouden kunt mag magik moet moeten hoor hé he vraag vraagje iemand jullie jij u
`;

const ENGLISH = `
a an the and or but if then of to in on at by for with from about as into like through after over between out
against during without before under around among is are was were be been being am do does did doing have has had
having i me my we our you your he him his she her it its they them their what which who whom this that these those
can could may might must shall should will would please hi hello thanks thank just so not no yes any some there here
how when where why
`;

const toSet = (s: string): Set<string> =>
  new Set(
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()),
  );

export const DUTCH_STOPWORDS: ReadonlySet<string> = toSet(DUTCH);
export const ENGLISH_STOPWORDS: ReadonlySet<string> = toSet(ENGLISH);

export function isStopword(folded: string): boolean {
  return DUTCH_STOPWORDS.has(folded) || ENGLISH_STOPWORDS.has(folded);
}

/** Rough language guess for a query: English when it has more English than Dutch function words. */
export function looksEnglish(foldedTokens: string[]): boolean {
  let en = 0;
  let nl = 0;
  for (const t of foldedTokens) {
    if (ENGLISH_STOPWORDS.has(t) && !DUTCH_STOPWORDS.has(t)) en++;
    else if (DUTCH_STOPWORDS.has(t) && !ENGLISH_STOPWORDS.has(t)) nl++;
  }
  return en > nl;
}

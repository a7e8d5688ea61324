/**
 * Remove personal data from a message before any of it leaves the process (the LLM call). Replaces names that
 * follow "mijn collega / manager / leidinggevende …", e-mail addresses, Dutch phone numbers and BSNs (nine digits
 * passing the elfproef) with neutral placeholders.
 */

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/gu;
// Dutch numbers: +31 / 0031 / 0, then nine digits, with optional spaces, dashes, dots or "(0)" in between.
const PHONE = /(?<![\d+])(?:(?:\+|00)31[\s.-]*(?:\(0\)[\s.-]*)?|\(?0)\d(?:[\s.)-]*\d){8}(?!\d)/g;
const NINE_DIGITS = /(?<![\d])\d(?:[\s.]?\d){8}(?!\d)/g;

const ROLE_WORDS =
  '(?:collega|collegaatje|manager|leidinggevende|leidinggevend[e]?|teamleider|afdelingshoofd|directeur|chef|baas|medewerker|coördinator|coordinator|colleague|boss|supervisor|team lead|teamlead|director|employee)';
const PARTICLE = "(?:van|de|der|den|ter|ten|te|het|'t|la|le|du|di|da|von|mc|o')";
const NAME_WORD = "\\p{Lu}[\\p{L}'’-]*";
const LEAD = new RegExp(
  `\\b(?:mijn|onze|m'n|my|our)\\s+(?:nieuwe\\s+|oude\\s+|directe\\s+|eigen\\s+|new\\s+|former\\s+|direct\\s+)?${ROLE_WORDS}\\s*,?\\s+`,
  'giu',
);
const CAPITAL_WORD = new RegExp(`^${NAME_WORD}`, 'u');
const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`, 'iu');
// Pronouns and capitalised sentence starts must not be taken for a name.
const NOT_A_NAME = new Set(['ik', 'i', 'hij', 'zij', 'ze', 'he', 'she', 'they', 'die', 'dat', 'who', 'which', 'heeft', 'has', 'is', 'en', 'and']);

/** Length of the name that starts at `rest` (capitalised words, Dutch particles in between), or 0. */
function nameLength(rest: string): number {
  const tokens = rest.split(/(\s+)/);
  let length = 0;
  let pending = 0; // particles (with their spaces) waiting for a capitalised word
  for (let i = 0; i < tokens.length; i += 2) {
    const word = tokens[i]!.replace(/[.,;:!?)]+$/, '');
    const sep = tokens[i + 1] ?? '';
    const cap = CAPITAL_WORD.exec(word);
    if (cap && cap[0] === word && !(length === 0 && NOT_A_NAME.has(word.toLowerCase()))) {
      length += pending + word.length;
      pending = sep.length;
      if (word !== tokens[i]) break; // punctuation ends the name
      continue;
    }
    if (length > 0 && PARTICLE_WORD.test(tokens[i]!)) {
      pending += tokens[i]!.length + sep.length;
      continue;
    }
    break;
  }
  return length;
}

export function elfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

export interface ScrubResult {
  text: string;
  /** Counts per kind, for logging (never the values). */
  found: { name: number; email: number; phone: number; bsn: number };
}

export function scrub(input: string): ScrubResult {
  const found = { name: 0, email: 0, phone: 0, bsn: 0 };
  let text = input.replace(EMAIL, () => {
    found.email++;
    return '[e-mail]';
  });
  text = text.replace(PHONE, () => {
    found.phone++;
    return '[telefoonnummer]';
  });
  text = text.replace(NINE_DIGITS, (m) => {
    if (!elfproef(m.replace(/\D/g, ''))) return m;
    found.bsn++;
    return '[bsn]';
  });
  let out = '';
  let from = 0;
  for (const m of text.matchAll(LEAD)) {
    const at = m.index + m[0].length;
    if (at < from) continue;
    const length = nameLength(text.slice(at));
    if (length === 0) continue;
    found.name++;
    out += text.slice(from, at) + '[naam]';
    from = at + length;
  }
  text = out + text.slice(from);
  return { text, found };
}

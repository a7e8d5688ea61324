/**
 * Text → sparse feature vector for the learned parts (triage, card routing): word unigrams and bigrams of the
 * stemmed text (plus the first word, which carries "ik …" against "mag …"), question and exclamation marks, a
 * length bucket, and character 3–5-grams of every word (so typos and word forms still share features). Features
 * are hashed into a fixed dimension (no vocabulary to ship) and each block is L2-normalised, so a long story and a
 * five-word question weigh the same.
 */
import { stemDutch } from './stem.js';
import { isStopword } from './stopwords.js';
import { tokenize } from './tokenize.js';

export interface FeatureConfig {
  /** Hash space; a power of two. */
  dim: number;
  charMin: number;
  charMax: number;
  /** Relative weight of the character block against the word block. */
  charWeight: number;
  /**
   * Leave function words ("hoeveel", "vanaf", "is", "can") out of the character block. Character n-grams are there
   * so typos and word forms of content words share features; a function word has its own word feature, and its
   * dozen n-grams would otherwise outweigh the one content word that decides a short question.
   */
  charSkipsStopwords?: boolean;
  /**
   * Weight of a block that crosses every content word with "the writer speaks as someone who manages people"
   * (speaksAsManager), or 0/absent for none. The same procedural words ("registreren", "onderzoek", "doorsturen")
   * mean a rule question from an employee and a melding in hand from a manager; a linear model over words alone
   * cannot weigh a word differently by who writes it.
   */
  managerCross?: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { dim: 1 << 16, charMin: 3, charMax: 5, charWeight: 1 };

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** FNV-1a: fast, stable across runs and platforms (the artifact depends on it). */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function wordFeatures(text: string, tokens: string[]): Set<string> {
  const stems = tokens.map(stemDutch);
  const out = new Set<string>();
  stems.forEach((s, i) => {
    out.add(`w:${s}`);
    if (i > 0) out.add(`b:${stems[i - 1]} ${s}`);
  });
  if (stems.length > 0) out.add(`b:^ ${stems[0]}`);
  if (text.includes('?')) out.add('p:?');
  if (text.includes('!')) out.add('p:!');
  out.add(`len:${Math.min(6, Math.floor(Math.log2(tokens.length + 1)))}`);
  return out;
}

function charFeatures(tokens: string[], cfg: FeatureConfig): Set<string> {
  const out = new Set<string>();
  for (const t of cfg.charSkipsStopwords ? tokens.filter((x) => !isStopword(x)) : tokens) {
    const padded = `<${t}>`;
    for (let n = cfg.charMin; n <= cfg.charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n)}`);
    }
  }
  return out;
}

/**
 * "ik als teamleider", "mijn medewerker", "one of my staff": the writer probably manages the people concerned. A
 * rough cue ("my team lead bullies me" matches too); the model learns how far to trust each crossed word.
 */
const MANAGER_VOICE =
  /\b(ik (ben|als) (de |hun |zijn |haar )?(team ?leider|leidinggevende|manager|afdelingshoofd|directeur|teamchef|chef|unithoofd|gemeentesecretaris|griffier)|als (team ?leider|leidinggevende|manager|afdelingshoofd|directeur|teamchef)|(mijn|m'n|mn) (team|afdeling|medewerkers?|teamleden|teamlid|mensen|ondergeschikte)|(een|iemand|twee|een van) (van |uit )?(mijn|m'n|mn) (team|afdeling|medewerkers|mensen)|i(?:'m| am)? (a |the |his |her |their )?(team ?lead|line manager|manager|unit head|head of|director|supervisor)|as (a |the |his |her |their )?(team ?lead|line manager|manager|unit head|director|supervisor)|i (manage|lead|supervise)|(my|one of my) (team|staff|employees?|reports|team members?|direct reports?|people|unit))\b/;

export function speaksAsManager(text: string): boolean {
  return MANAGER_VOICE.test(text.toLowerCase());
}

function managerCrossFeatures(tokens: string[]): Set<string> {
  return new Set(tokens.filter((t) => !isStopword(t)).map((t) => `m:${stemDutch(t)}`));
}

export function featurize(text: string, cfg: FeatureConfig = DEFAULT_FEATURES): SparseVector {
  const tokens = tokenize(text);
  const acc = new Map<number, number>();
  const add = (names: Set<string>, weight: number) => {
    if (names.size === 0) return;
    const v = weight / Math.sqrt(names.size);
    for (const name of names) {
      const j = hash(name) & (cfg.dim - 1);
      acc.set(j, (acc.get(j) ?? 0) + v);
    }
  };
  add(wordFeatures(text, tokens), 1);
  add(charFeatures(tokens, cfg), cfg.charWeight);
  if (cfg.managerCross && speaksAsManager(text)) add(managerCrossFeatures(tokens), cfg.managerCross);
  const idx = Int32Array.from(acc.keys());
  idx.sort();
  const val = Float32Array.from(idx, (j) => acc.get(j)!);
  return { idx, val };
}

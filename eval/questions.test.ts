/**
 * Eval questions must be new wordings, not copies of the knowledge cards' example questions: retrieval indexes
 * the card questions, so a copied question would measure lookup, not retrieval.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { evalQuestions as allEvalQuestions } from '../bot/core/triage/separation.js';
import { describe, expect, it } from 'vitest';
import { isStopword, tokenize } from '../knowledge/search/analyze/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Content words, folded and lower-cased (stopwords removed, so "mag ik" vs "kan ik" does not hide a copy). */
function words(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => !isStopword(t)));
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function trigrams(text: string): Set<string> {
  const s = ` ${tokenize(text).join(' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

export function tokenSimilarity(a: string, b: string): number {
  return jaccard(words(a), words(b));
}

export function trigramSimilarity(a: string, b: string): number {
  return jaccard(trigrams(a), trigrams(b));
}

export function isNearCopy(a: string, b: string): boolean {
  return tokenSimilarity(a, b) >= 0.8 || trigramSimilarity(a, b) >= 0.9;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

function cardQuestions(): { file: string; question: string }[] {
  return walk(path.join(ROOT, 'knowledge/corpus')).flatMap((file) => {
    const data = matter(readFileSync(file, 'utf8'), {}).data as { questions?: unknown };
    const qs = Array.isArray(data.questions) ? data.questions.filter((q): q is string => typeof q === 'string') : [];
    return qs.map((question) => ({ file: path.relative(ROOT, file), question }));
  });
}

/** The same list the training-data separation checks (eval/*.jsonl and both turns of every follow-up pair). */
function evalQuestions(): { id: string; question: string }[] {
  return allEvalQuestions(path.join(ROOT, 'eval')).map((q) => ({ id: q.id.replace(/^.*:/, ''), question: q.text }));
}

describe('near-copy detection', () => {
  it('flags copies, light rewordings and case/accent/punctuation changes', () => {
    expect(isNearCopy('Mag ik een fles wijn van een leverancier aannemen?', 'mag ik een fles wijn van een leverancier aannemen')).toBe(true);
    expect(isNearCopy('Mag ik een fles wijn van een leverancier aannemen?', 'Kan ik een fles wijn van de leverancier aannemen?')).toBe(true);
    expect(isNearCopy('Moet ik mijn privérelatie melden?', 'moet ik mijn priverelatie melden')).toBe(true);
    expect(isNearCopy('leverancier wil me een kerstpakket sturen naar huis', 'leverancier wil mij een kerstpakket sturen naar huis')).toBe(true);
  });
  it('lets a genuinely different question about the same rule pass', () => {
    expect(isNearCopy('Mag ik een fles wijn van een leverancier aannemen?', 'Een adviesbureau stuurde me concertkaartjes, wat nu?')).toBe(false);
    expect(isNearCopy('Can I accept a gift from a supplier?', 'Is a 40 euro voucher from a consultant ok?')).toBe(false);
  });
  it('measures similarity on a 0..1 scale', () => {
    expect(tokenSimilarity('fles wijn leverancier', 'fles wijn leverancier')).toBe(1);
    expect(tokenSimilarity('fles wijn', 'aandelen crypto')).toBe(0);
    expect(trigramSimilarity('abc', 'abc')).toBe(1);
  });
});

describe('eval questions are not copies of card questions', () => {
  const cards = cardQuestions();
  const evals = evalQuestions();

  it('has questions to compare', () => {
    expect(cards.length).toBeGreaterThan(0);
    expect(evals.length).toBeGreaterThan(0);
    expect(evals.some((e) => e.id.endsWith('/followup'))).toBe(true);
  });

  it('no eval question is a (near-)copy of a card example question', () => {
    const copies: string[] = [];
    // Precomputed sets keep this quadratic comparison fast.
    const prep = (q: string) => ({ w: words(q), t: trigrams(q) });
    const cardSets = cards.map((c) => ({ ...c, ...prep(c.question) }));
    for (const e of evals) {
      const es = prep(e.question);
      for (const c of cardSets) {
        if (jaccard(es.w, c.w) >= 0.8 || jaccard(es.t, c.t) >= 0.9) {
          copies.push(
            `${e.id} ~ ${c.file} (tokens ${tokenSimilarity(e.question, c.question).toFixed(2)}, trigrams ${trigramSimilarity(e.question, c.question).toFixed(2)}): "${e.question}" / "${c.question}"`,
          );
        }
      }
    }
    expect(copies, copies.join('\n')).toEqual([]);
  });
});

/**
 * Training data and eval data never mix: a near copy in either direction would let the eval reward memorising.
 * Two texts are near copies when most of the character 5-grams of either occur in the other (so a training
 * message that pads an eval question with a few words is caught, in both directions) and the two share at least
 * half of the longer one (so a short question that merely opens a long, different story is not).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalize } from './normalize.js';

/** Every question of every eval file (`eval/*.jsonl`, and both turns of the pairs in `eval/followups/`), named `file:id`. */
export function evalQuestions(evalDir: string): { id: string; text: string }[] {
  const lines = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) =>
        readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => ({ f, o: JSON.parse(l) as { id: string; question?: string; first?: string; followup?: string } })),
      );
  const followups = path.join(evalDir, 'followups');
  return [
    ...lines(evalDir).map(({ f, o }) => ({ id: `${f}:${o.id}`, text: o.question ?? '' })),
    ...(existsSync(followups) ? lines(followups) : []).flatMap(({ f, o }) => [
      { id: `followups/${f}:${o.id}/first`, text: o.first ?? '' },
      { id: `followups/${f}:${o.id}/followup`, text: o.followup ?? '' },
    ]),
  ];
}

export const NEAR_COPY_AT = 0.8;
export const MIN_SHARED = 0.5;
/** Shorter texts ("wachtwoord vergeten") say nothing about copying. */
export const MIN_CHARS = 20;

export function shingles(text: string, n = 5): Set<string> {
  const t = normalize(text).replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const out = new Set<string>();
  for (let i = 0; i + n <= t.length; i++) out.add(t.slice(i, i + n));
  return out;
}

export interface NearCopy {
  a: string;
  b: string;
  /** Share of a's 5-grams found in b, and of b's in a. */
  aInB: number;
  bInA: number;
}

export function nearCopies(as: { id: string; text: string }[], bs: { id: string; text: string }[], at = NEAR_COPY_AT): NearCopy[] {
  const index = new Map<string, number[]>();
  const bSets = bs.map((b) => shingles(b.text));
  // Normalised once per text: normalising inside the candidate loop made this quadratic in practice.
  const bLength = bs.map((b) => normalize(b.text).length);
  bSets.forEach((set, j) => {
    for (const g of set) {
      const list = index.get(g);
      if (list) list.push(j);
      else index.set(g, [j]);
    }
  });
  const out: NearCopy[] = [];
  as.forEach((a) => {
    const aSet = shingles(a.text);
    const aLength = normalize(a.text).length;
    const shared = new Map<number, number>();
    for (const g of aSet) for (const j of index.get(g) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, n] of shared) {
      const b = bs[j]!;
      const aInB = n / Math.max(1, aSet.size);
      const bInA = n / Math.max(1, bSets[j]!.size);
      const longEnough = Math.min(aLength, bLength[j]!) >= MIN_CHARS;
      if (longEnough && Math.max(aInB, bInA) >= at && Math.min(aInB, bInA) >= MIN_SHARED) out.push({ a: a.id, b: b.id, aInB: Number(aInB.toFixed(3)), bInA: Number(bInA.toFixed(3)) });
    }
  });
  return out;
}

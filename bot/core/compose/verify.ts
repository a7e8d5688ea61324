/**
 * The LLM answer is used only when every sentence carries a marker [n] that points at a passage we gave.
 * Anything else (an uncited claim, an invented marker, an empty answer) makes the core fall back to the
 * extractive answer.
 */

export type VerifyResult =
  | { ok: true; used: number[] }
  | { ok: false; reason: 'empty' | 'uncited-sentence' | 'unknown-marker' };

const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Split into sentences, keeping trailing markers with their sentence ("Dat mag niet. [1]"). */
export function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?](?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=[\p{Lu}"'(“‘-])/u))
    .map((s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((s) => s.length > 0);
}

function markersIn(s: string): number[] {
  return [...s.matchAll(MARKER)].flatMap((m) => m[1]!.split(',').map((n) => Number(n.trim())));
}

/** Text that makes no claim: a lead-in ending with ":" or a fragment of one or two words. */
function isClaim(s: string): boolean {
  const words = s.replace(MARKER, '').trim().split(/\s+/).filter(Boolean);
  return words.length >= 3 && !/:$/.test(s.trim());
}

export function verifyCited(text: string, passageCount: number): VerifyResult {
  const parts = sentences(text);
  if (parts.length === 0) return { ok: false, reason: 'empty' };
  const used: number[] = [];
  for (const s of parts) {
    const markers = markersIn(s);
    if (markers.some((n) => !Number.isInteger(n) || n < 1 || n > passageCount)) return { ok: false, reason: 'unknown-marker' };
    if (isClaim(s) && markers.length === 0) return { ok: false, reason: 'uncited-sentence' };
    for (const n of markers) if (!used.includes(n)) used.push(n);
  }
  if (used.length === 0) return { ok: false, reason: 'uncited-sentence' };
  return { ok: true, used };
}

import { createHash } from 'node:crypto';
import type { Chunk } from '../chunk.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** FNV-1a 32-bit: fast, stable across runs and machines (vectors are saved and reused). */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The text the vector tiers embed for a chunk. */
export function embedText(c: Chunk): string {
  return [c.sectionTitle, ...c.questions, c.kern ?? '', c.text].filter(Boolean).join('\n');
}

import { describe, expect, it } from 'vitest';
import { chunkSections, splitSentences, splitText, type ChunkMeta } from './chunk.js';

const meta: ChunkMeta = {
  doc: 'TEST',
  docTitle: 'Testregeling',
  audience: [],
  topics: [],
  precedence: 0,
  sourcePath: 'x.txt',
  sourceHash: 'abc',
};

/** A paragraph of `n` distinct numbered sentences of ~60 characters each. */
const para = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => `Zin ${tag}${i} gaat over een regel die medewerkers moeten kennen.`).join(' ');

describe('splitSentences', () => {
  it('splits at sentence ends followed by a capital, not inside abbreviations with digits', () => {
    expect(splitSentences('Dit is een. Dat is twee! En drie? zie art. 5 hier.')).toEqual(['Dit is een.', 'Dat is twee!', 'En drie? zie art. 5 hier.']);
  });
});

describe('splitText', () => {
  it('keeps short sections whole', () => {
    expect(splitText(['Een korte alinea.', 'Nog een.'])).toEqual(['Een korte alinea.\n\nNog een.']);
  });

  it('cuts long text near the target on sentence boundaries, with a one-sentence overlap', () => {
    const text = [para('a', 12), para('b', 12), para('c', 12)];
    const chunks = splitText(text, { target: 900, overlap: 150 });
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(900 + 150);
      expect(c).toMatch(/^Zin \w+ /);
      expect(c).toMatch(/kennen\.$/);
    }
    // Overlap: each chunk after the first starts with the last sentence of the previous one.
    for (let i = 1; i < chunks.length; i++) {
      const prevLast = splitSentences(chunks[i - 1]!).pop()!;
      expect(chunks[i]!.startsWith(prevLast)).toBe(true);
    }
    // Nothing is lost: every sentence appears somewhere.
    const all = chunks.join(' ');
    for (const tag of ['a0', 'a11', 'b5', 'c11']) expect(all).toContain(`Zin ${tag} `);
  });

  it('moves a subheading that would end a chunk to the start of the next, and merges a tiny remainder', () => {
    const chunks = splitText([para('a', 14), 'Goede voorbeelden', para('b', 5), 'Kort slot.'], { target: 900 });
    expect(chunks.some((c) => c.endsWith('Goede voorbeelden'))).toBe(false);
    expect(chunks.some((c) => c.startsWith('Goede voorbeelden\n\nZin b0 '))).toBe(true);
    expect(chunks[chunks.length - 1]!.endsWith('Kort slot.')).toBe(true);
    expect(chunks.filter((c) => c.length < 200)).toEqual([]);
  });

  it('hard-cuts a single run-on "sentence" at spaces', () => {
    const long = Array.from({ length: 400 }, (_, i) => `woord${i}`).join(' ');
    const chunks = splitText([long], { target: 900 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 1400)).toBe(true);
    expect(chunks.join(' ').split(/\s+/).filter((w) => w.startsWith('woord')).length).toBeGreaterThanOrEqual(400);
  });
});

describe('chunkSections', () => {
  it('numbers chunks per section, never mixes sections and skips empty headings', () => {
    const chunks = chunkSections(
      [
        { section: '', title: '', paragraphs: ['Aanhef.'], footnotes: [] },
        { section: '3.5', title: 'Meld- en onderzoeksprotocollen', paragraphs: [], footnotes: [] },
        { section: '3.5.1', title: 'Wat bedoelen we hiermee?', paragraphs: [para('x', 30)], footnotes: ['[1] Een voetnoot.'] },
        { section: '3.5.2', title: 'Wat hebben we gevonden?', paragraphs: ['Bevinding.'], footnotes: [] },
      ],
      meta,
    );
    const ids = chunks.map((c) => c.id);
    expect(ids[0]).toBe('TEST:intro:1');
    expect(ids.filter((i) => i.startsWith('TEST:3.5.1:'))).toEqual(ids.filter((i) => i.startsWith('TEST:3.5.1:')).map((_, n) => `TEST:3.5.1:${n + 1}`));
    expect(ids.filter((i) => i.startsWith('TEST:3.5.1:')).length).toBeGreaterThan(1);
    expect(ids).not.toContain('TEST:3.5:1');
    expect(ids[ids.length - 1]).toBe('TEST:3.5.2:1');
    const s351 = chunks.filter((c) => c.section === '3.5.1');
    expect(s351.every((c) => c.sectionTitle === 'Wat bedoelen we hiermee?' && !c.text.includes('Bevinding'))).toBe(true);
    expect(s351[s351.length - 1]!.text).toMatch(/\[1\] Een voetnoot\.$/);
    expect(chunks[0]!.sectionTitle).toBe('Testregeling');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

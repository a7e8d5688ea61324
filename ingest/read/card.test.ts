import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardText, writeCard } from '../testing/fixtures.js';
import { extractKern, parseCard } from './card.js';
import { IngestError } from './errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'card-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = [
  'Kern: Een geschenk tot 50 euro mag je houden als je het meldt.',
  'Boven dat bedrag geef je het terug.',
  '',
  '## Regels',
  '- Meld elk geschenk bij je leidinggevende.',
].join('\n');

describe('parseCard', () => {
  it('turns a valid card into one chunk with its metadata, kern and questions', () => {
    const file = writeCard(dir, 'GIR/4.1.md', {
      doc: 'GIR',
      section: '4.1',
      sectionTitle: 'Geschenken',
      topics: ['geschenken'],
      precedence: 5,
      body,
    });
    const chunks = parseCard('knowledge/corpus/GIR/4.1.md', readFileSync(file));
    expect(chunks).toHaveLength(1);
    const c = chunks[0]!;
    expect(c).toMatchObject({
      id: 'GIR:4.1:1',
      doc: 'GIR',
      section: '4.1',
      sectionTitle: 'Geschenken',
      url: 'https://example.org/regeling',
      topics: ['geschenken'],
      audience: ['medewerker'],
      verified: 'official-text',
      precedence: 5,
      sourcePath: 'knowledge/corpus/GIR/4.1.md',
    });
    expect(c.kern).toBe('Een geschenk tot 50 euro mag je houden als je het meldt. Boven dat bedrag geef je het terug.');
    expect(c.questions).toHaveLength(4);
    expect(c.text.startsWith('Kern:')).toBe(true);
    expect(c.text).toContain('## Regels');
    expect(c.text).not.toContain('docTitle');
    expect(c.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('defaults precedence to 0 and tolerates a card without Kern', () => {
    const [c] = parseCard('a.md', cardText({ doc: 'AW', section: 'art. 4', sectionTitle: 'Eed of belofte', body: 'Alleen tekst.' }));
    expect(c!.precedence).toBe(0);
    expect(c!.kern).toBeUndefined();
    expect(c!.id).toBe('AW:art. 4:1');
  });

  it('rejects a card without url, naming the file and the field', () => {
    const text = cardText({ doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', body }, ['url']);
    expect(() => parseCard('knowledge/corpus/GIR/kapot.md', text)).toThrowError(IngestError);
    try {
      parseCard('knowledge/corpus/GIR/kapot.md', text);
    } catch (e) {
      const err = e as IngestError;
      expect(err.file).toBe('knowledge/corpus/GIR/kapot.md');
      expect(err.field).toBe('url');
      expect(err.message).toMatch(/^knowledge\/corpus\/GIR\/kapot\.md: url: invalid card frontmatter/);
    }
  });

  it('rejects an unknown topic with the field path topics.N', () => {
    const text = cardText({ doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', topics: ['geschenken', 'voetbal'], body });
    expect(() => parseCard('kaart.md', text)).toThrowError(/^kaart\.md: topics\.1: /);
  });

  it('carries the English rendering on the chunk, outside the indexed text, and rejects unknown English fields', () => {
    const english = { sectionTitle: 'Gifts', kern: 'You may keep a gift up to 50 euros if you report it.', regels: ['Report every gift to your manager.'] };
    const [c] = parseCard('x/GIR/4.1.md', cardText({ doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', english, body }));
    expect(c!.english).toEqual(english);
    expect(c!.text).toBe(body);
    expect(() => parseCard('x/GIR/4.1.md', cardText({ doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', english: { ...english, rules: [] }, body }))).toThrowError(/english/);
  });

  it('rejects a Markdown file without frontmatter and broken YAML, naming the file', () => {
    expect(() => parseCard('notes.md', '# Gewoon een notitie\n')).toThrowError(/^notes\.md: not a knowledge card/);
    expect(() => parseCard('yaml.md', '---\ndoc: [GIR\n---\nTekst\n')).toThrowError(/^yaml\.md: frontmatter is not valid YAML/);
  });
});

describe('extractKern', () => {
  it('reads the Kern paragraph up to the blank line', () => {
    expect(extractKern('Kern: Eerst dit.\nDan dat.\n\nRest.')).toBe('Eerst dit. Dan dat.');
    expect(extractKern('**Kern:** Vet.')).toBe('Vet.');
    expect(extractKern('Geen kern hier.')).toBeUndefined();
  });
});

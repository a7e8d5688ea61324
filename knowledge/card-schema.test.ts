/**
 * The knowledge cards as a whole: every card passes the schema through the real card reader, the schema rejects
 * broken cards with an error that names the file and the field, and the corpus is complete and unambiguous.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCard } from '../ingest/read/card.js';
import { IngestError } from '../ingest/read/errors.js';
import { runIngest } from '../ingest/pipeline.js';
import type { Chunk } from './chunk.js';
import { TOPICS } from './taxonomy.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = path.join(ROOT, 'knowledge', 'corpus');
const EXAMPLES = path.join(ROOT, 'knowledge', 'examples');

function cardFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return cardFiles(full);
    // README.md files document a folder; ingest skips them too.
    return e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md' ? [full] : [];
  });
}

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

const corpusFiles = cardFiles(CORPUS);
const exampleFiles = cardFiles(EXAMPLES);

/** First chunk of every corpus card (it carries the frontmatter fields and the Kern). */
const cards: { file: string; chunk: Chunk }[] = [];

describe('knowledge cards pass the schema', () => {
  it('finds the corpus', () => {
    expect(corpusFiles.length).toBeGreaterThan(40);
  });

  it.each([...corpusFiles, ...exampleFiles].map(rel))('%s', (file) => {
    const chunks = parseCard(file, readFileSync(path.join(ROOT, file)));
    expect(chunks.length).toBeGreaterThan(0);
    const first = chunks[0]!;
    expect(first.kern, `${file}: the body has no "Kern:" line`).toBeTruthy();
    // The folder is the document code, so a card is found where its citation says it is.
    expect(path.basename(path.dirname(file))).toBe(first.doc);
  });
});

describe('the corpus as a whole', () => {
  beforeAll(() => {
    for (const file of corpusFiles) cards.push({ file: rel(file), chunk: parseCard(rel(file), readFileSync(file))[0]! });
  });

  it('has a card for every GIR section of the table of contents', () => {
    const toc = [
      '1.1', '1.2',
      '2.1', '2.2',
      '3.1', '3.2', '3.3',
      '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9',
      '5.1', '5.2', '5.3',
      '6.1', '6.2',
      '7.1', '7.2',
      '8.1', '8.2', '8.3', '8.4', '8.5', '8.6',
    ];
    const gir = new Set(cards.filter((c) => c.chunk.doc === 'GIR').map((c) => c.chunk.section));
    expect(toc.filter((s) => !gir.has(s))).toEqual([]);
  });

  it('has no two cards for the same document and section', () => {
    const byKey = new Map<string, string[]>();
    for (const c of cards) {
      const key = `${c.chunk.doc} ${c.chunk.section}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c.file]);
    }
    const dupes = [...byKey.entries()].filter(([, files]) => files.length > 1).map(([k, files]) => `${k}: ${files.join(', ')}`);
    expect(dupes).toEqual([]);
  });

  it('every title-only card sends the reader to the official text and the integriteitscoördinator', () => {
    const titleOnly = cards.filter((c) => c.chunk.verified === 'title-only');
    expect(titleOnly.length).toBeGreaterThan(0);
    const bad = titleOnly
      .filter(({ chunk }) => {
        const kern = chunk.kern ?? '';
        const consult = /officiële tekst|raadpleeg|\blees\b/i.test(kern);
        const coordinator = /integriteitscoördinator/i.test(kern);
        return !(consult && coordinator && chunk.url);
      })
      .map((c) => c.file);
    expect(bad).toEqual([]);
  });
});

describe('the schema rejects broken cards with the file and the field', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'card-schema-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const good = [
    '---',
    'doc: TEST',
    'docTitle: Testcode voor kaarten',
    'section: "9.9"',
    'sectionTitle: Een testparagraaf',
    'url: https://example.org/testcode',
    'version: "Testcode 2026"',
    'audience: [medewerker]',
    'topics: [geschenken]',
    'verified: official-text',
    'verifiedAt:',
    '  - https://example.org/testcode',
    'questions:',
    '  - "eerste voorbeeldvraag over iets"',
    '  - "tweede voorbeeldvraag over iets"',
    '  - "derde voorbeeldvraag over iets"',
    '  - "vierde voorbeeldvraag over iets"',
    '---',
    'Kern: Een testkaart.',
    '',
  ].join('\n');

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  function rejection(file: string): IngestError {
    try {
      parseCard(file, readFileSync(file));
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
      return e as IngestError;
    }
    throw new Error(`${file} was accepted`);
  }

  it('accepts the good card the broken ones are made from', () => {
    const file = write('good.md', good);
    expect(parseCard(file, readFileSync(file))[0]!.id).toBe('TEST:9.9:1');
  });

  it.each(['url', 'section', 'verified'])('rejects a card without %s', (field) => {
    const file = write(`no-${field}.md`, good.replace(new RegExp(`^${field}:.*\\n`, 'm'), ''));
    expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`^${field}:`, 'm'));
    const err = rejection(file);
    expect(err.file).toBe(file);
    expect(err.field).toBe(field);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(new RegExp(`\\b${field}\\b`));
  });

  it('rejects a topic outside the taxonomy', () => {
    expect(TOPICS).not.toContain('cadeautjes');
    const file = write('bad-topic.md', good.replace('topics: [geschenken]', 'topics: [geschenken, cadeautjes]'));
    const err = rejection(file);
    expect(err.file).toBe(file);
    expect(err.field).toBe('topics.1');
    expect(err.message).toContain(file);
    expect(err.message).toContain('topics.1');
  });

  it('rejects a verification level outside the taxonomy', () => {
    const file = write('bad-verified.md', good.replace('verified: official-text', 'verified: checked'));
    const err = rejection(file);
    expect(err.field).toBe('verified');
    expect(err.message).toContain(file);
  });

  it('reads an optional law text date (quoted, unquoted or year only) and rejects a malformed one', () => {
    const withDate = (line: string) => good.replace('verified: official-text', `verified: official-text\n${line}`);
    const ok = write('date-ok.md', withDate('geldendVanaf: 2023-02-18\nverifiedOn: "2026-12-01"'));
    expect(parseCard(ok, readFileSync(ok))[0]!.geldendVanaf).toBe('2023-02-18');
    const year = write('date-year.md', withDate('geldendVanaf: 2015'));
    expect(parseCard(year, readFileSync(year))[0]!.geldendVanaf).toBe('2015');
    const none = write('date-none.md', good);
    expect(parseCard(none, readFileSync(none))[0]!.geldendVanaf).toBeUndefined();
    const bad = write('date-bad.md', withDate('geldendVanaf: "18-02-2023"'));
    expect(rejection(bad).field).toBe('geldendVanaf');
    const badCheck = write('verified-on-bad.md', withDate('verifiedOn: "december 2026"'));
    expect(rejection(badCheck).field).toBe('verifiedOn');
  });

  it('ingest stops on a broken card, names it, and writes no index', async () => {
    const sources = mkdtempSync(path.join(dir, 'sources-'));
    writeFileSync(path.join(sources, 'a-good.md'), good);
    const broken = path.join(sources, 'b-broken.md');
    writeFileSync(broken, good.replace(/^url:.*\n/m, '').replace('section: "9.9"', 'section: "9.8"'));
    const indexDir = path.join(dir, 'index');
    const err = await runIngest({ roots: [sources], indexDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).message).toContain('b-broken.md');
    expect((err as IngestError).field).toBe('url');
    expect(existsSync(indexDir)).toBe(false);
  });
});

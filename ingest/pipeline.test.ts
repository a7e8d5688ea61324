import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../knowledge/chunk.js';
import { buildIndex } from '../knowledge/search/build.js';
import { loadRetriever } from '../knowledge/search/load.js';
import { makePdf, writeCard } from './testing/fixtures.js';
import { ensureIndex, indexedExtraSources, runIngest, type BuildFn } from './pipeline.js';

let tmp: string;
let corpus: string;
let indexDir: string;

const CARDS = {
  geschenken: { doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', topics: ['geschenken'], body: 'Kern: Een geschenk van een leverancier tot 50 euro meld je bij je leidinggevende.\n\nDuurdere geschenken geef je terug.' },
  nevenwerk: { doc: 'GIR', section: '4.4', sectionTitle: 'Nevenwerkzaamheden', topics: ['nevenwerkzaamheden'], body: 'Kern: Nevenwerk meld je vooraf, ook als het onbetaald is, zodat belangenverstrengeling wordt voorkomen.' },
  eed: { doc: 'AW', section: 'art. 7', sectionTitle: 'Eed of belofte', topics: ['eed-belofte'], body: 'Kern: Bij je aanstelling leg je de ambtseed of belofte af.' },
};

function writeCorpus() {
  writeCard(corpus, 'GIR/4.1.md', CARDS.geschenken);
  writeCard(corpus, 'GIR/4.4.md', CARDS.nevenwerk);
  writeCard(corpus, 'AW/art-7.md', CARDS.eed);
}

const chunksOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'chunks.json'), 'utf8')) as Chunk[];
const versions = () => readdirSync(tmp).filter((n) => n.startsWith('index-'));

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ingest-pipeline-'));
  corpus = path.join(tmp, 'corpus');
  indexDir = path.join(tmp, 'index');
  mkdirSync(corpus);
  writeCorpus();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('runIngest with the real index builder', () => {
  it('builds an index behind a symlink that the retriever can answer from, skipping unsupported files', async () => {
    writeFileSync(path.join(corpus, 'foto.jpg'), 'not an image');
    const extra = path.join(tmp, 'extra');
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'regeling.pdf'), makePdf([['Regeling Testdam', '', '1 Melden', 'Een vermoeden van een misstand meld je bij de vertrouwenspersoon.']]));
    writeFileSync(path.join(extra, 'regeling.pdf.meta.yaml'), 'doc: TESTDAM\ndocTitle: Regeling Testdam\nurl: https://example.org/r\n');

    const r = await runIngest({ roots: [corpus, extra], indexDir });
    expect(r.built).toBe(true);
    expect(r.sourceCount).toBe(4);
    expect(r.changedSources).toHaveLength(4);
    expect(r.skipped).toEqual([{ file: expect.stringMatching(/foto\.jpg$/), reason: 'unsupported file type ".jpg"' }]);
    expect(r.manifest.chunkCount).toBe(r.chunkCount);
    expect(lstatSync(indexDir).isSymbolicLink()).toBe(true);
    expect(versions()).toHaveLength(1);
    // Sidecars are tracked as sources too, so editing one re-reads its document.
    expect(Object.keys(r.manifest.sources).some((s) => s.endsWith('regeling.pdf.meta.yaml'))).toBe(true);

    const retriever = await loadRetriever(indexDir);
    const hits = await retriever.search('mag ik een geschenk van een leverancier houden', { k: 3 });
    expect(hits[0]!.chunk.id).toBe('GIR:4.1:1');
    const pdfHits = await retriever.search('vermoeden misstand vertrouwenspersoon', { k: 3 });
    expect(pdfHits.map((h) => h.chunk.id)).toContain('TESTDAM:1:1');
  });

  it('follows symlinked files and folders (mounted configuration), and names a dangling link', async () => {
    const mounted = path.join(tmp, 'mounted');
    mkdirSync(path.join(mounted, '..data', 'ORG'), { recursive: true });
    writeCard(path.join(mounted, '..data'), 'ORG/art-3.md', { doc: 'ORG', section: 'art. 3', sectionTitle: 'Geschenken', topics: ['geschenken'], body: 'Kern: Geschenken tot 25 euro, altijd registreren.' });
    const linked = path.join(tmp, 'linked');
    mkdirSync(linked);
    symlinkSync(path.join(mounted, '..data', 'ORG'), path.join(linked, 'ORG'));
    const r = await runIngest({ roots: [corpus, linked], indexDir });
    expect(r.sourceCount).toBe(4);
    expect(chunksOf(indexDir).some((c) => c.doc === 'ORG')).toBe(true);

    symlinkSync(path.join(tmp, 'gone.md'), path.join(linked, 'dangling.md'));
    await expect(runIngest({ roots: [corpus, linked], indexDir })).rejects.toThrow(/dangling\.md.*points to nothing/);
  });

  it('re-chunks and re-embeds only the changed source, and removes the replaced version', async () => {
    const first = await runIngest({ roots: [corpus], indexDir });
    const firstTarget = readlinkSync(indexDir);
    const before = chunksOf(indexDir);

    const again = await runIngest({ roots: [corpus], indexDir });
    expect(again.built).toBe(false);
    expect(again.changedSources).toEqual([]);
    expect(readlinkSync(indexDir)).toBe(firstTarget);

    writeCard(corpus, 'GIR/4.4.md', { ...CARDS.nevenwerk, body: 'Kern: Nevenwerk meld je altijd vooraf bij je leidinggevende.' });
    const seen: Chunk[][] = [];
    const spy: BuildFn = async (chunks, opts) => {
      seen.push(chunks);
      return buildIndex(chunks, opts);
    };
    const second = await runIngest({ roots: [corpus], indexDir, build: spy });
    expect(second.built).toBe(true);
    expect(second.changedSources).toEqual([expect.stringMatching(/GIR\/4\.4\.md$/)]);
    // Only the changed chunk's text vector is computed; its unchanged questions and all other chunks are reused.
    const total = first.manifest.vectors!.ngram!.embedded;
    expect(second.manifest.vectors!.ngram).toEqual({ embedded: 1, reused: total - 1 });
    // Unchanged sources keep their chunks exactly (taken from the previous chunks.json, not parsed again).
    const after = chunksOf(indexDir);
    for (const c of before.filter((c) => !c.sourcePath.endsWith('4.4.md'))) {
      expect(after.find((a) => a.id === c.id)).toEqual(c);
    }
    expect(after.find((a) => a.id === 'GIR:4.4:1')!.text).toContain('altijd vooraf');
    expect(seen[0]!.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    // The swap replaced the link target and removed the old version directory.
    expect(readlinkSync(indexDir)).not.toBe(firstTarget);
    expect(existsSync(path.join(tmp, firstTarget))).toBe(false);
    expect(versions()).toHaveLength(1);
  });

  it('notices removed sources', async () => {
    await runIngest({ roots: [corpus], indexDir });
    rmSync(path.join(corpus, 'AW'), { recursive: true });
    const r = await runIngest({ roots: [corpus], indexDir });
    expect(r.built).toBe(true);
    expect(r.removedSources).toEqual([expect.stringMatching(/AW\/art-7\.md$/)]);
    expect(chunksOf(indexDir).map((c) => c.id).sort()).toEqual(['GIR:4.1:1', 'GIR:4.4:1']);
  });

  it('leaves the served index untouched and answering when a card is invalid', async () => {
    await runIngest({ roots: [corpus], indexDir });
    const target = readlinkSync(indexDir);
    const manifestBefore = readFileSync(path.join(indexDir, 'manifest.json'), 'utf8');
    writeCard(corpus, 'GIR/4.1.md', { ...CARDS.geschenken, body: 'Kern: gewijzigd' });
    const bad = writeCard(corpus, 'GIR/4.2.md', { doc: 'GIR', section: '4.2', sectionTitle: 'Uitnodigingen', topics: ['feestjes'], body: 'Kern: x' });

    await expect(runIngest({ roots: [corpus], indexDir })).rejects.toThrowError(/GIR\/4\.2\.md: topics\.0: invalid card frontmatter/);
    expect(readlinkSync(indexDir)).toBe(target);
    expect(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    const retriever = await loadRetriever(indexDir);
    const hits = await retriever.search('geschenk leverancier 50 euro', { k: 1 });
    expect(hits[0]!.chunk.text).toContain('Duurdere geschenken');
    expect(readdirSync(tmp).filter((n) => n.startsWith('.'))).toEqual([]);
    rmSync(bad);
  });

  it('leaves the served index untouched when the build fails halfway, and cleans up the temp dir', async () => {
    await runIngest({ roots: [corpus], indexDir });
    const target = readlinkSync(indexDir);
    writeCard(corpus, 'GIR/4.1.md', { ...CARDS.geschenken, body: 'Kern: anders' });
    const failing: BuildFn = async (chunks, opts) => {
      writeFileSync(path.join(opts.outDir, 'chunks.json'), '[');
      throw new Error('disk full (simulated)');
    };
    await expect(runIngest({ roots: [corpus], indexDir, build: failing })).rejects.toThrowError('disk full (simulated)');
    expect(readlinkSync(indexDir)).toBe(target);
    expect(chunksOf(indexDir).find((c) => c.id === 'GIR:4.1:1')!.text).toContain('Duurdere geschenken');
    expect(readdirSync(tmp).sort()).toEqual(['corpus', 'index', target].sort());
    await expect(loadRetriever(indexDir)).resolves.toBeDefined();
  });

  it('names both files when two sources produce the same chunk id', async () => {
    writeCard(corpus, 'GIR/kopie-4.1.md', CARDS.geschenken);
    await expect(runIngest({ roots: [corpus], indexDir })).rejects.toThrowError(/kopie-4\.1\.md: chunk id GIR:4\.1:1 is also produced by .*GIR\/4\.1\.md/);
    expect(existsSync(indexDir)).toBe(false);
  });

  it('replaces a plain directory left at the index path by a versioned symlink', async () => {
    mkdirSync(indexDir);
    writeFileSync(path.join(indexDir, 'old.txt'), 'x');
    await runIngest({ roots: [corpus], indexDir });
    expect(lstatSync(indexDir).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(indexDir, 'old.txt'))).toBe(false);
    expect(readdirSync(tmp).sort()).toEqual(['corpus', 'index', path.basename(realpathSync(indexDir))].sort());
  });
});

describe('leftovers of a crashed run', () => {
  it('are removed on the next build; unrelated folders stay', async () => {
    await runIngest({ roots: [corpus], indexDir });
    const stale = ['.index.build-abc123', 'index-2020-01-01T00-00-00-000Z-1-abcd', 'index-replaced-2020-01-01T00-00-00-000Z-1-x'];
    for (const d of stale) mkdirSync(path.join(tmp, d));
    mkdirSync(path.join(tmp, 'index-backup'));
    writeCard(corpus, 'GIR/4.1.md', { ...CARDS.geschenken, body: 'Kern: anders' });
    await runIngest({ roots: [corpus], indexDir });
    const left = readdirSync(tmp);
    for (const d of stale) expect(left).not.toContain(d);
    expect(left).toContain('index-backup');
    expect(versions().filter((v) => v !== 'index-backup')).toEqual([path.basename(realpathSync(indexDir))]);
  });
});

describe('indexedExtraSources', () => {
  it('lists indexed files outside knowledge/corpus that still exist', async () => {
    const extra = path.join(tmp, 'eigen.txt');
    writeFileSync(extra, '1 Regels\nTekst.\n');
    writeFileSync(`${extra}.meta.yaml`, 'doc: EIGEN\ndocTitle: Eigen regeling\n');
    await runIngest({ roots: [corpus, extra], indexDir });
    const extras = indexedExtraSources(indexDir);
    // The temp corpus is outside knowledge/corpus too, so its cards count as extra; the sidecar does not.
    expect(extras).toContain(extra);
    expect(extras.some((f) => f.endsWith('.meta.yaml'))).toBe(false);
    rmSync(extra);
    expect(indexedExtraSources(indexDir)).not.toContain(extra);
    expect(indexedExtraSources(path.join(tmp, 'nothing'))).toEqual([]);
  });
});

describe('ensureIndex', () => {
  it('builds only when the index is missing', async () => {
    const r1 = await ensureIndex(indexDir, { roots: [corpus] });
    expect(r1.built).toBe(true);
    const never: BuildFn = async () => {
      throw new Error('must not build');
    };
    writeCard(corpus, 'GIR/4.1.md', { ...CARDS.geschenken, body: 'Kern: anders' });
    const r2 = await ensureIndex(indexDir, { roots: [corpus], build: never });
    expect(r2.built).toBe(false);
    expect(r2.chunkCount).toBe(3);
    // With refresh it runs an incremental ingest, which sees the change.
    const r3 = await ensureIndex(indexDir, { roots: [corpus], refresh: true });
    expect(r3.changedSources).toEqual([expect.stringMatching(/GIR\/4\.1\.md$/)]);
  });

  it('a refresh keeps extra documents ingested earlier, even when roots do not list them', async () => {
    const extra = path.join(tmp, 'extra');
    mkdirSync(extra);
    writeCard(extra, 'ORG/art-1.md', { doc: 'ORG', section: 'art. 1', sectionTitle: 'Geschenken', topics: ['geschenken'], body: 'Kern: Bij ons geldt 25 euro.' });
    await runIngest({ roots: [corpus, extra], indexDir });
    const r = await ensureIndex(indexDir, { roots: [corpus], refresh: true });
    expect(r.removedSources).toEqual([]);
    expect(chunksOf(indexDir).some((c) => c.doc === 'ORG')).toBe(true);
  });

  it('rebuilds an index whose files do not match their checksums, without reusing its chunks', async () => {
    await ensureIndex(indexDir, { roots: [corpus] });
    const file = path.join(realpathSync(indexDir), 'chunks.json');
    // One changed byte in a rule: still valid JSON, still a valid chunk.
    writeFileSync(file, readFileSync(file, 'utf8').replace('tot 50 euro', 'tot 90 euro'));
    expect(readFileSync(file, 'utf8')).toContain('tot 90 euro');
    const r = await ensureIndex(indexDir, { roots: [corpus] });
    expect(r.built).toBe(true);
    expect(JSON.stringify(chunksOf(indexDir))).toContain('tot 50 euro');
    expect(JSON.stringify(chunksOf(indexDir))).not.toContain('tot 90 euro');

    // The same at start-up's incremental refresh, where sources are unchanged: a damaged vector file.
    const hnsw = path.join(realpathSync(indexDir), 'ngram.hnsw');
    const bytes = readFileSync(hnsw);
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid]! ^ 0x01;
    writeFileSync(hnsw, bytes);
    const refreshed = await ensureIndex(indexDir, { roots: [corpus], refresh: true });
    expect(refreshed.built).toBe(true);
    expect(refreshed.changedSources).toHaveLength(3);
    await expect(loadRetriever(indexDir)).resolves.toBeDefined();
  });
});

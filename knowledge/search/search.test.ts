import { mkdtemp, readFile, rm, writeFile, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from './build.js';
import { FILES, verifyIndexFiles } from './files.js';
import { sha256 } from './hash.js';
import { loadRetriever } from './load.js';
import type { IndexRetriever } from './retriever.js';
import type { Router } from './routing/router.js';
import { chunk, smallCorpus } from './test-support/chunks.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'search-test-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

let dir: string;
let retriever: IndexRetriever;
beforeAll(async () => {
  dir = await tempDir();
  await buildIndex(smallCorpus(), { outDir: dir, sources: { 'a.md': 'h1' } });
  retriever = await loadRetriever(dir);
});

/** Writes `content` as if the build had produced it: the manifest's checksum is updated to match. */
async function writeWithChecksum(d: string, name: string, content: string): Promise<void> {
  await writeFile(path.join(d, name), content);
  const manifest = JSON.parse(await readFile(path.join(d, FILES.manifest), 'utf8'));
  manifest.files[name] = sha256(content);
  await writeFile(path.join(d, FILES.manifest), JSON.stringify(manifest));
}

const top = async (r: IndexRetriever, q: string, opts = {}) => {
  const hits = await r.search(q, opts);
  return hits[0] ? `${hits[0].chunk.doc} ${hits[0].chunk.section}` : 'none';
};

describe('index files and manifest', () => {
  it('writes every file and a manifest describing the tiers', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, FILES.manifest), 'utf8'));
    expect(manifest.tiers).toEqual(['bm25', 'ngram']);
    expect(manifest.chunkCount).toBe(6);
    expect(manifest.sources).toEqual({ 'a.md': 'h1' });
    expect(manifest.ngram.n).toEqual([3, 4, 5]);
    for (const f of [FILES.chunks, FILES.bm25, FILES.ngram, FILES.ngramMeta]) {
      expect((await readFile(path.join(dir, f))).length).toBeGreaterThan(10);
    }
  });
});

describe('BM25 tier', () => {
  const bm25 = () => retriever.withTiers(['bm25']);
  it('finds a section by its title and by its example question', async () => {
    expect(await top(bm25(), 'financiële belangen')).toBe('GIR 4.4');
    expect(await top(bm25(), 'fles wijn van een klant')).toBe('GIR 4.1');
  });
  it('finds word forms and compound parts', async () => {
    // "geschenk" is only inside the compound "relatiegeschenk" / plural "geschenken" in 4.1
    expect(await top(bm25(), 'mag ik dit geschenk houden')).toBe('GIR 4.1');
    expect(await top(bm25(), 'welke nevenfunctie moet ik melden')).toBe('GIR 4.5');
  });
  it('finds by document and article number', async () => {
    expect(await top(bm25(), 'artikel 15 gemeentewet')).toBe('GEMEENTEWET art. 15');
    expect(await top(bm25(), 'art. 28 Gemeentewet')).toBe('GEMEENTEWET art. 28');
  });
  it('bridges English questions through synonyms', async () => {
    expect(await top(bm25(), 'Can I accept a gift?')).toBe('GIR 4.1');
    expect(await top(bm25(), 'who is the confidential counsellor')).toBe('GIR 8.4');
    expect(await top(bm25(), 'Do I have to report my side job?')).toBe('GIR 4.5');
  });
});

describe('n-gram vector tier', () => {
  const ngram = () => retriever.withTiers(['ngram']);
  it('still finds the section when words are misspelled', async () => {
    expect(await top(ngram(), 'nevenfunkties')).toBe('GIR 4.5');
    expect(await top(ngram(), 'gescenk aannemen')).toBe('GIR 4.1');
    expect(await top(ngram(), 'vertrouwenspersone')).toBe('GIR 8.4');
  });
  it('ranks by similarity and reports the tier', async () => {
    const hits = await ngram().search('moet ik me onthouden bij de stemming', { k: 3 });
    expect(hits[0]?.chunk.section).toBe('art. 28');
    expect(hits[0]?.tiers.ngram?.rank).toBe(1);
    expect(hits[0]?.tiers.bm25).toBeUndefined();
  });
});

describe('fused search', () => {
  it('combines tiers and records each tier rank', async () => {
    const hits = await retriever.search('nevenfunkties melden', { k: 3 });
    expect(hits[0]?.chunk.section).toBe('4.5');
    expect(hits[0]?.tiers.bm25?.rank).toBe(1);
    expect(hits[0]?.tiers.ngram?.rank).toBe(1);
    expect(hits.length).toBeLessThanOrEqual(3);
  });
  it('filters by document', async () => {
    const hits = await retriever.search('melden', { k: 10, docs: ['GEMEENTEWET'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.chunk.doc === 'GEMEENTEWET')).toBe(true);
  });
  it('returns nothing for an empty or stopword-only query without failing', async () => {
    expect(await retriever.search('', {})).toEqual([]);
    expect(await retriever.withTiers(['bm25']).search('mag ik dat', {})).toEqual([]);
  });
});

describe('routing confidence', () => {
  const vote = (cards: [string, string, number][]) =>
    ({ route: () => cards.map(([doc, section, score]) => ({ key: `${doc}\u0000${section}`, score })) }) as unknown as Router;
  // A flat vote: six cards at about a sixth each, the card both text tiers rank first (GIR 4.5) fourth.
  const flat = vote([['GIR', '4.1', 0.17], ['GEMEENTEWET', 'art. 15', 0.17], ['GEMEENTEWET', 'art. 28', 0.17], ['GIR', '4.5', 0.17], ['GIR', '4.4', 0.16], ['GIR', '8.4', 0.16]]);

  it('lets a flat routing vote decide at full weight, and leaves the order to the text tiers with a confidence share', async () => {
    expect(await top(retriever.withRouting({ router: flat, weight: 32 }), 'nevenfunkties melden')).toBe('GIR 4.1');
    expect(await top(retriever.withRouting({ router: flat, weight: 32, confidence: 0.5 }), 'nevenfunkties melden')).toBe('GIR 4.5');
  });

  it('keeps the full weight for a vote whose best card reaches the share', async () => {
    const confident = vote([['GIR', '4.1', 0.6], ['GEMEENTEWET', 'art. 15', 0.1], ['GEMEENTEWET', 'art. 28', 0.1], ['GIR', '4.5', 0.1]]);
    expect(await top(retriever.withRouting({ router: confident, weight: 32, confidence: 0.5 }), 'nevenfunkties melden')).toBe('GIR 4.1');
  });
});

describe('save and load', () => {
  it('a reloaded index answers exactly as the first load', async () => {
    const again = await loadRetriever(dir);
    for (const q of ['cadeau van een klant', 'artikel 15', 'aandelen bezitten']) {
      const a = (await retriever.search(q)).map((h) => [h.chunk.id, h.score]);
      const b = (await again.search(q)).map((h) => [h.chunk.id, h.score]);
      expect(b).toEqual(a);
    }
  });

  it('names the missing file', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    await unlink(path.join(d, FILES.bm25));
    await expect(loadRetriever(d)).rejects.toThrow(/bm25\.json is missing/);
  });

  it('names a corrupt JSON file', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    await writeWithChecksum(d, FILES.chunks, '[{"id": 1');
    await expect(loadRetriever(d)).rejects.toThrow(/chunks\.json is not valid JSON/);
  });

  it('names a corrupt vector file instead of handing it to hnswlib', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    const file = path.join(d, FILES.ngram);
    const bytes = await readFile(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(file, bytes);
    await expect(loadRetriever(d)).rejects.toThrow(/ngram\.hnsw/);
  });

  it('names a bm25.json that is valid JSON but not an index', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    await writeWithChecksum(d, FILES.bm25, '{"documentCount": 3}');
    await expect(loadRetriever(d)).rejects.toThrow(/search index corrupt: .*bm25\.json/);
  });

  it('names a vector metadata file that does not match its schema', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    await writeWithChecksum(d, FILES.ngramMeta, '{"dimensions": "many"}');
    await expect(loadRetriever(d)).rejects.toThrow(/ngram-meta\.json: dimensions/);
  });

  it('records a sha256 for every index file in the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, FILES.manifest), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual([FILES.bm25, FILES.chunks, FILES.ngramMeta, FILES.ngram].sort());
    for (const [name, sum] of Object.entries(manifest.files)) expect(sha256(await readFile(path.join(dir, name)))).toBe(sum);
    expect(verifyIndexFiles(dir)).toEqual([]);
  });

  it('one changed byte in the chunk text: refused, naming chunks.json, never served', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    const file = path.join(d, FILES.chunks);
    const text = await readFile(file, 'utf8');
    const at = text.indexOf('50');
    expect(at).toBeGreaterThan(0);
    // Still valid JSON and a valid chunk: only the checksum can tell.
    await writeFile(file, `${text.slice(0, at)}90${text.slice(at + 2)}`);
    await expect(loadRetriever(d)).rejects.toThrow(/chunks\.json does not match its checksum/);
    expect(verifyIndexFiles(d)).toEqual(['chunks.json: checksum mismatch']);
  });

  it('one changed byte in bm25.json or ngram-meta.json is refused, naming the file', async () => {
    for (const name of [FILES.bm25, FILES.ngramMeta]) {
      const d = await tempDir();
      await buildIndex(smallCorpus(), { outDir: d, sources: {} });
      const file = path.join(d, name);
      const text = await readFile(file, 'utf8');
      const at = text.search(/[1-8]/);
      await writeFile(file, `${text.slice(0, at)}${Number(text[at]) + 1}${text.slice(at + 1)}`);
      await expect(loadRetriever(d)).rejects.toThrow(new RegExp(`${name.replace('.', '\\.')} does not match its checksum`));
    }
  });

  it('refuses a manifest without checksums (an index that cannot be verified)', async () => {
    const d = await tempDir();
    await buildIndex(smallCorpus(), { outDir: d, sources: {} });
    const manifest = JSON.parse(await readFile(path.join(d, FILES.manifest), 'utf8'));
    delete manifest.files;
    await writeFile(path.join(d, FILES.manifest), JSON.stringify(manifest));
    await expect(loadRetriever(d)).rejects.toThrow(/unverifiable: .*no checksum for chunks\.json/);
    expect(verifyIndexFiles(d)).toEqual(['manifest.json: no checksums for every file']);
  });

  it('rejects an index directory without a manifest', async () => {
    const d = await tempDir();
    await expect(loadRetriever(d)).rejects.toThrow(/manifest\.json is missing/);
  });

  it('rejects duplicate chunk ids at build time', async () => {
    const d = await tempDir();
    const c = smallCorpus();
    await expect(buildIndex([...c, c[0]!], { outDir: d, sources: {} })).rejects.toThrow(/duplicate chunk id GIR:4.1:1/);
  });
});

describe('vector reuse', () => {
  it('reuses vectors of unchanged chunks and re-embeds only the changed one', async () => {
    const first = await tempDir();
    const m1 = await buildIndex(smallCorpus(), { outDir: first, sources: {} });
    expect(m1.vectors?.ngram?.reused).toBe(0);
    const total = m1.vectors!.ngram!.embedded;

    const changed = smallCorpus();
    changed[1] = { ...changed[1]!, text: changed[1]!.text + ' Ook vrijwilligerswerk kan meetellen.' };
    const second = await tempDir();
    const m2 = await buildIndex(changed, { outDir: second, previousDir: first, sources: {} });
    // the changed chunk's own vector is new; its example questions and all other chunks are reused
    expect(m2.vectors?.ngram).toEqual({ reused: total - 1, embedded: 1 });

    const r = await loadRetriever(second);
    expect(await top(r.withTiers(['ngram']), 'vrijwilligerswerk')).toBe('GIR 4.5');
  });

  it('falls back to embedding everything when the previous index is unusable', async () => {
    const d = await tempDir();
    const m = await buildIndex(smallCorpus(), { outDir: d, previousDir: path.join(d, 'nope'), sources: {} });
    expect(m.vectors?.ngram?.reused).toBe(0);
  });
});

describe('explicit references', () => {
  it('puts a section named by document and number first', async () => {
    expect(await top(retriever, 'wat zegt artikel 28 van de Gemeentewet over stemmen')).toBe('GEMEENTEWET art. 28');
    expect(await top(retriever, 'GIR 4.4')).toBe('GIR 4.4');
    const hits = await retriever.search('Gemeentewet art. 15', { k: 3 });
    expect(hits[0]?.chunk.section).toBe('art. 15');
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
  });
  it('does not pin on a bare number or a number of another document', async () => {
    // "15" and "4.1" exist as sections, but no document is named / the named one has no such section
    expect(await top(retriever, 'mag ik 15 euro aannemen van een klant')).toBe('GIR 4.1');
    expect(await top(retriever, 'Gemeentewet 4.1 nevenfuncties melden')).not.toBe('GIR 4.1');
  });
  it('respects the document filter', async () => {
    const hits = await retriever.search('artikel 28 gemeentewet', { k: 3, docs: ['GIR'] });
    expect(hits.every((h) => h.chunk.doc === 'GIR')).toBe(true);
  });
});

describe('fusion rules', () => {
  it('prefers the asker audience only as a small boost', async () => {
    const hits = await retriever.search('melden', { k: 6, audience: 'leidinggevende' });
    const plain = await retriever.search('melden', { k: 6 });
    const boosted = hits.find((h) => h.chunk.section === '4.5')!;
    const unboosted = plain.find((h) => h.chunk.section === '4.5')!;
    expect(boosted.score).toBeCloseTo(unboosted.score * 1.05, 10);
  });

  it('ranks an organisation supplement with higher precedence above the general card on the same topic', async () => {
    const d = await tempDir();
    const supplement = chunk({
      doc: 'ORG-CODE', section: '2', sectionTitle: 'Aanvulling geschenken van onze organisatie', topics: ['geschenken'],
      questions: ['Welke eigen regel geldt bij ons?'],
      text: 'Bij onze organisatie is de grens voor een geschenk lager: 25 euro.', precedence: 10,
    });
    await buildIndex([...smallCorpus(), supplement], { outDir: d, sources: {} });
    const r = await loadRetriever(d);
    const hits = await r.search('relatiegeschenk van een klant aannemen', { k: 5 });
    const order = hits.map((h) => h.chunk.doc + ' ' + h.chunk.section);
    expect(order.indexOf('ORG-CODE 2')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('ORG-CODE 2')).toBeLessThan(order.indexOf('GIR 4.1'));
    // without the precedence the general card wins on text alone
    const d2 = await tempDir();
    await buildIndex([...smallCorpus(), { ...supplement, precedence: 0 }], { outDir: d2, sources: {} });
    const plain = await (await loadRetriever(d2)).search('relatiegeschenk van een klant aannemen', { k: 5 });
    expect(plain[0]?.chunk.section).toBe('4.1');
  });
});

/**
 * Retrieval over the real knowledge cards (knowledge/corpus), built in a temp dir exactly as ingest builds it.
 * Guards against regressions: every card must be findable by its own section title, and the eval retrieval
 * questions must keep a reasonable recall (the bench reports the exact numbers; this is a floor, not a target).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCard } from '../../ingest/read/card.js';
import type { Chunk } from '../chunk.js';
import { buildIndex } from './build.js';
import { loadRetriever } from './load.js';
import type { IndexRetriever } from './retriever.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.name.endsWith('.md') && !/^readme\.md$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

let dir: string;
let chunks: Chunk[];
let retriever: IndexRetriever;

beforeAll(async () => {
  const files = await walk(path.join(ROOT, 'knowledge/corpus'));
  chunks = [];
  for (const f of files) chunks.push(...parseCard(path.relative(ROOT, f), await readFile(f)));
  dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-test-'));
  await buildIndex(chunks, { outDir: dir, sources: {} });
  retriever = await loadRetriever(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('retrieval over the real knowledge cards', () => {
  it('finds every card by its own section title (top 3)', async () => {
    const lost: string[] = [];
    for (const c of chunks) {
      const hits = await retriever.search(c.sectionTitle, { k: 3, docs: [c.doc] });
      if (!hits.some((h) => h.chunk.doc === c.doc && h.chunk.section === c.section)) lost.push(`${c.doc} ${c.section}`);
    }
    expect(lost).toEqual([]);
  });

  it('puts an article asked for by number first ("artikel 15 gemeentewet")', async () => {
    const art = chunks.filter((c) => c.doc === 'GEMEENTEWET' && /^art\./.test(c.section));
    expect(art.length).toBeGreaterThan(0);
    for (const c of art) {
      const num = c.section.replace(/^art\.\s*/, '');
      const hits = await retriever.search(`wat staat er in artikel ${num} van de gemeentewet`, { k: 3 });
      expect(hits[0]?.chunk.section, `artikel ${num}`).toBe(c.section);
    }
  });

  it('keeps recall@5 on eval/retrieval-*.jsonl above a floor', async () => {
    const evalDir = path.join(ROOT, 'eval');
    const files = (await readdir(evalDir)).filter((f) => /^retrieval-.*\.jsonl$/.test(f));
    const items = (
      await Promise.all(files.map(async (f) => (await readFile(path.join(evalDir, f), 'utf8')).split('\n')))
    )
      .flat()
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { question: string; expected_sources: { doc: string; section: string }[] })
      .filter((i) => i.expected_sources.length > 0);
    expect(items.length).toBeGreaterThan(20);
    let found = 0;
    for (const item of items) {
      const hits = await retriever.search(item.question, { k: 30 });
      const sections: string[] = [];
      for (const h of hits) {
        const key = `${h.chunk.doc}|${h.chunk.section}`;
        if (!sections.includes(key)) sections.push(key);
      }
      if (sections.slice(0, 5).some((s) => item.expected_sources.some((e) => `${e.doc}|${e.section}` === s))) found++;
    }
    expect(found / items.length).toBeGreaterThanOrEqual(0.85);
  });
});

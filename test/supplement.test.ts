/**
 * An organisation's own supplement (the fictional ORG-VBZ example) ingested next to the corpus: its stricter gift
 * rule (precedence 10) is ranked above the general GIR 4.1, which stays in view; without the supplement GIR 4.1
 * leads. Real ingest, real index files, real retriever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../ingest/pipeline.js';
import { loadRetriever } from '../knowledge/search/load.js';
import type { Retriever, SearchHit } from '../knowledge/search/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = path.join(ROOT, 'knowledge', 'corpus');
const SUPPLEMENT = path.join(ROOT, 'knowledge', 'examples', 'supplement-ministerie-x');

const GIFT_QUESTION = 'mag ik een cadeau van 40 euro aannemen van een leverancier?';

const key = (h: SearchHit) => `${h.chunk.doc} ${h.chunk.section}`;
const rankOf = (hits: SearchHit[], doc: string, section: string) =>
  hits.findIndex((h) => h.chunk.doc === doc && h.chunk.section === section);

describe('organisation supplement', () => {
  let dir: string;
  let withSupplement: Retriever;
  let corpusOnly: Retriever;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'supplement-'));
    const both = await runIngest({ roots: [CORPUS, SUPPLEMENT], indexDir: path.join(dir, 'with') });
    expect(both.changedSources.some((s) => s.endsWith('ORG-VBZ/art-3.md'))).toBe(true);
    await runIngest({ roots: [CORPUS], indexDir: path.join(dir, 'without') });
    withSupplement = await loadRetriever(path.join(dir, 'with'));
    corpusOnly = await loadRetriever(path.join(dir, 'without'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ingest carries the supplement card with its precedence', async () => {
    const hits = await withSupplement.search(GIFT_QUESTION, { k: 5 });
    const org = hits.find((h) => h.chunk.doc === 'ORG-VBZ' && h.chunk.section === 'art. 3');
    expect(org, hits.map(key).join(' | ')).toBeDefined();
    expect(org!.chunk.precedence).toBe(10);
    expect(org!.chunk.topics).toContain('geschenken');
  });

  it('ranks the stricter ORG-VBZ gift rule above GIR 4.1, with GIR 4.1 still in the top 5', async () => {
    const hits = await withSupplement.search(GIFT_QUESTION, { k: 5 });
    const shown = hits.map(key).join(' | ');
    const org = rankOf(hits, 'ORG-VBZ', 'art. 3');
    const gir = rankOf(hits, 'GIR', '4.1');
    expect(org, shown).toBe(0);
    expect(gir, shown).toBeGreaterThan(org);
    expect(gir, shown).toBeLessThan(5);
  });

  it('without the supplement GIR 4.1 answers the gift question first', async () => {
    const hits = await corpusOnly.search(GIFT_QUESTION, { k: 5 });
    expect(hits.map(key)[0], hits.map(key).join(' | ')).toBe('GIR 4.1');
    expect(hits.some((h) => h.chunk.doc === 'ORG-VBZ')).toBe(false);
  });

  it('the supplement does not take over questions on other topics', async () => {
    const question = 'mag ik op LinkedIn kritiek geven op het beleid van mijn ministerie?';
    const [a] = await withSupplement.search(question, { k: 5 });
    const [b] = await corpusOnly.search(question, { k: 5 });
    expect(a && key(a)).toBe(b && key(b));
    expect(a!.chunk.doc).not.toBe('ORG-VBZ');
  });

  it("a ministry's rule for its employees does not take over political office holders' gift questions", async () => {
    // ORG-VBZ art. 3 is for medewerker/leidinggevende; a raadslid, wethouder or minister is governed by the model
    // codes, the Gemeentewet or the GIB, which the ministry's rule does not supplement. Precedence must respect the
    // audience. Several questions, so the check does not hang on one ranking.
    const questions = [
      'wethouder krijgt cadeau van ondernemer',
      'ik ben raadslid en kreeg een cadeaubon van een projectontwikkelaar',
      'statenlid kreeg wijn van lobbyist',
      'minister krijgt een cadeau van een buitenlandse delegatie',
    ];
    const opts = { k: 5, audience: 'politiek-ambtsdrager' as const };
    const takenOver: string[] = [];
    for (const q of questions) {
      const [a] = await withSupplement.search(q, opts);
      const [b] = await corpusOnly.search(q, opts);
      if ((a && key(a)) !== (b && key(b))) takenOver.push(`"${q}": ${a && key(a)} instead of ${b && key(b)}`);
    }
    expect(takenOver).toEqual([]);
  });

  it('a supplement card without precedence does not push the general side-job rule out of view', async () => {
    const hits = await withSupplement.search('moet ik mijn bijbaan als fietsenmaker melden bij mijn werkgever', { k: 5 });
    expect(rankOf(hits, 'GIR', '4.5'), hits.map(key).join(' | ')).toBeGreaterThanOrEqual(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRetriever } from '../knowledge/search/load.js';
import { runIngest } from '../ingest/pipeline.js';
import { writeCard } from '../ingest/testing/fixtures.js';
import { formatReport, parseEvalFile, runEval, type ItemScorer } from './run.js';

const line = (o: Record<string, unknown>) =>
  JSON.stringify({ lang: 'nl', intent: 'advice', expected_sources: [], must_include: [], must_not_include: [], ...o });

describe('parseEvalFile', () => {
  it('parses items and allows blank lines', () => {
    const items = parseEvalFile('q.jsonl', `${line({ id: 'a', question: 'vraag een' })}\n\n${line({ id: 'b', question: 'vraag twee', lang: 'en', audience: 'leidinggevende' })}\n`);
    expect(items.map((i) => [i.id, i.lang, i.audience])).toEqual([['a', 'nl', undefined], ['b', 'en', 'leidinggevende']]);
  });
  it('names file:line and the field for a bad line', () => {
    const good = line({ id: 'a', question: 'vraag' });
    expect(() => parseEvalFile('q.jsonl', `${good}\n${line({ id: 'b', question: 'x', lang: 'de' })}`)).toThrowError(/^q\.jsonl:2: lang: /);
    expect(() => parseEvalFile('q.jsonl', `${good}\n\n{kapot`)).toThrowError(/^q\.jsonl:3: not valid JSON/);
    expect(() => parseEvalFile('q.jsonl', line({ id: 'a', question: 'v', intent: 'chat' }))).toThrowError(/^q\.jsonl:1: intent: /);
    expect(() => parseEvalFile('q.jsonl', line({ id: 'a', question: 'v', expected_sources: [{ doc: 'GIR' }] }))).toThrowError(/^q\.jsonl:1: expected_sources\.0\.section: /);
    expect(() => parseEvalFile('q.jsonl', `${good}\n${good}`)).toThrowError(/^q\.jsonl:2: id: duplicate/);
  });
});

describe('runEval over a real index', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'eval-run-'));
    const corpus = path.join(tmp, 'corpus');
    mkdirSync(corpus);
    writeCard(corpus, 'GIR/4.1.md', { doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken', topics: ['geschenken'], body: 'Kern: Een geschenk van een leverancier tot 50 euro meld je bij je leidinggevende.' });
    writeCard(corpus, 'GIR/4.4.md', { doc: 'GIR', section: '4.4', sectionTitle: 'Nevenwerkzaamheden', topics: ['nevenwerkzaamheden'], body: 'Kern: Nevenwerk zoals een bijbaan meld je vooraf bij je werkgever.' });
    writeCard(corpus, 'GEMEENTEWET/art-15.md', { doc: 'GEMEENTEWET', section: 'art. 15', sectionTitle: 'Verboden handelingen raadsleden', topics: ['verboden-handelingen'], body: 'Kern: Een raadslid mag geen overeenkomsten sluiten met de eigen gemeente.' });
    await runIngest({ roots: [corpus], indexDir: path.join(tmp, 'index') });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('records the ranked, deduplicated sources per item and summarises recall and MRR', async () => {
    const retriever = await loadRetriever(path.join(tmp, 'index'));
    const items = parseEvalFile(
      'q.jsonl',
      [
        line({ id: 'g1', question: 'leverancier geeft me een geschenk van 40 euro', expected_sources: [{ doc: 'GIR', section: '4.1' }] }),
        line({ id: 'g2', question: 'mag ik een bijbaan hebben naast mijn werk', expected_sources: [{ doc: 'GIR', section: '4.4' }] }),
        line({ id: 'g3', question: 'raadslid overeenkomst sluiten met de gemeente', expected_sources: [{ doc: 'gemeentewet', section: 'Artikel 15' }] }),
        line({ id: 'h1', question: 'mijn collega steelt geld', intent: 'handoff' }),
      ].join('\n'),
    );
    const extra: ItemScorer = { name: 'length', score: ({ item }) => ({ question_length: item.question.length }) };
    const report = await runEval({ files: [{ file: 'q.jsonl', items }], retriever });
    expect(report.items.map((i) => i.id)).toEqual(['g1', 'g2', 'g3', 'h1']);
    const g1 = report.items[0]!;
    expect(g1.retrieved[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    expect(typeof g1.retrieved[0]!.score).toBe('number');
    expect(g1.first_relevant_rank).toBe(1);
    // At most one entry per doc+section, at most 10.
    for (const item of report.items) {
      const keys = item.retrieved.map((r) => `${r.doc}|${r.section}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBeLessThanOrEqual(10);
    }
    expect(report.items[3]!.first_relevant_rank).toBeNull();
    const retrieval = report.summary.retrieval as Record<string, number>;
    expect(retrieval.scored).toBe(3);
    expect(retrieval['recall@5']).toBe(1);
    expect(retrieval.mrr).toBeGreaterThan(0.5);
    expect(report.summary.perFile['q.jsonl']).toMatchObject({ items: 4 });
    expect(formatReport(report)).toMatch(/all\s+4\s+3\s/);

    // Extra scorers add their fields beside the retrieval ones.
    const extended = await runEval({ files: [{ file: 'q.jsonl', items }], retriever, scorers: [extra] });
    expect(extended.items[0]).toMatchObject({ id: 'g1', question_length: items[0]!.question.length });
  });
});

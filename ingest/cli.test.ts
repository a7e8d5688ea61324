import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../knowledge/chunk.js';
import { loadRetriever } from '../knowledge/search/load.js';
import { PROJECT_ROOT } from './pipeline.js';
import { writeCard } from './testing/fixtures.js';

const SEED = '/work/shared/seeds/003_f33d39e7bb05c5b4.txt';
const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const cli = path.join(PROJECT_ROOT, 'ingest', 'cli.ts');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync(tsx, [cli, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, EMBEDDING_MODEL: '' }, timeout: 120_000 });

describe('npm run ingest (CLI)', () => {
  it('ingests the corpus plus an extra text source with --doc/--title/--url and prints a summary', () => {
    const extra = path.join(tmp, 'eigen.txt');
    writeFileSync(extra, '1 Nevenwerk\nMeld nevenwerk vooraf bij de afdeling personeelszaken.\n\n2 Geschenken\nGeschenken registreer je in het register.\n');
    const indexDir = path.join(tmp, 'index');
    const r = run([extra, '--index', indexDir, '--doc', 'EIGEN', '--title', 'Eigen regeling', '--url', 'https://example.org/eigen', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sources:\s+\d+ \(\d+ new or changed, 0 removed\)/);
    expect(r.stdout).toMatch(/chunks:\s+\d+/);
    expect(r.stdout).toMatch(/tiers:\s+bm25, ngram/);
    const chunks = JSON.parse(readFileSync(path.join(indexDir, 'chunks.json'), 'utf8')) as Chunk[];
    expect(chunks.filter((c) => c.doc === 'EIGEN').map((c) => c.id)).toEqual(['EIGEN:1:1', 'EIGEN:2:1']);
    // The project's own corpus is always part of the index.
    expect(chunks.some((c) => c.sourcePath.startsWith('knowledge/corpus/'))).toBe(true);

    // A later run without the extra path keeps it (nothing changed); --drop-extras removes it.
    const again = run(['--index', indexDir, '--quiet']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('(unchanged, nothing rebuilt)');
    const dropped = run(['--index', indexDir, '--quiet', '--drop-extras']);
    expect(dropped.stdout).toMatch(/1 removed/);
    const after = JSON.parse(readFileSync(path.join(indexDir, 'chunks.json'), 'utf8')) as Chunk[];
    expect(after.some((c) => c.doc === 'EIGEN')).toBe(false);
    expect(run([extra, '--index', indexDir, '--doc', 'EIGEN', '--title', 'Eigen regeling', '--quiet']).status).toBe(0);
  });

  it('fails with exit code 1 and names the file of an invalid card, leaving the index alone', () => {
    const indexDir = path.join(tmp, 'index');
    const before = readFileSync(path.join(indexDir, 'manifest.json'), 'utf8');
    const bad = path.join(tmp, 'kapot');
    mkdirSync(bad);
    writeCard(bad, 'GIR/9.9.md', { doc: 'GIR', section: '9.9', sectionTitle: 'Bestaat niet', body: 'Kern: x' }, ['url']);
    const r = run([bad, '--index', indexDir, '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ingest failed: .*kapot\/GIR\/9\.9\.md: url: invalid card frontmatter/);
    expect(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')).toBe(before);
  });
});

describe.skipIf(!existsSync(SEED))(existsSync(SEED) ? 'a real seed through the pipeline' : `seed test skipped: ${SEED} is absent`, () => {
  it('indexes the Rekenkamer report in place (no copy) and finds section 3.5.x for a protocol question', async () => {
    const indexDir = path.join(tmp, 'seed-index');
    const { runIngest } = await import('./pipeline.js');
    const r = await runIngest({ roots: [SEED], indexDir, flags: { doc: 'AR-INTEGRITEIT', title: 'Integriteit als basis' } });
    expect(r.changedSources).toEqual([SEED]);
    const retriever = await loadRetriever(indexDir);
    const hits = await retriever.search('onderzoeksprotocol BIPO meldregeling ministeries', { k: 5 });
    expect(hits.slice(0, 3).some((h) => h.chunk.section.startsWith('3.5'))).toBe(true);
    const chunks = JSON.parse(readFileSync(path.join(indexDir, 'chunks.json'), 'utf8')) as Chunk[];
    expect(chunks.every((c) => c.doc === 'AR-INTEGRITEIT' && c.sourcePath === SEED)).toBe(true);
    expect(chunks.find((c) => c.id === 'AR-INTEGRITEIT:3.5.1:1')?.sectionTitle).toBe('Wat bedoelen we hiermee?');
  });
});

/**
 * The real core for tests: builds the real index from knowledge/corpus once per test process (in a temp dir, via
 * the ingest pipeline), loads it with the real retriever and wires the example vertrouwenspersonen directory.
 * Channel tests use `createTestCore()`; core tests may pass overrides (recorder, notifier, composer, log, …).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type CoreDeps } from '../../bot/core/index.js';
import type { Core } from '../../bot/core/types.js';
import { loadDirectory } from '../../bot/directory/index.js';
import { DEFAULT_ROOT, PROJECT_ROOT, ensureIndex } from '../../ingest/pipeline.js';
import { loadRetriever } from '../../knowledge/search/load.js';
import type { Retriever } from '../../knowledge/search/types.js';

export const EXAMPLE_DIRECTORY = path.join(PROJECT_ROOT, 'config', 'vertrouwenspersonen.example.yaml');

let shared: Promise<{ retriever: Retriever; indexDir: string }> | undefined;

/** The index of knowledge/corpus, built once per test process into a temp dir removed at exit. */
export function testIndex(): Promise<{ retriever: Retriever; indexDir: string }> {
  shared ??= (async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'integriteitsbot-index-'));
    process.once('exit', () => rmSync(base, { recursive: true, force: true }));
    const indexDir = path.join(base, 'index');
    await ensureIndex(indexDir, { roots: [DEFAULT_ROOT] });
    return { retriever: await loadRetriever(indexDir), indexDir };
  })();
  return shared;
}

export async function createTestCore(overrides: Partial<CoreDeps> = {}): Promise<Core> {
  const { retriever } = await testIndex();
  return createCore({ retriever, directory: loadDirectory(EXAMPLE_DIRECTORY), ...overrides });
}

/**
 * `npm run ingest -- [paths…] [--index data/index] [--doc CODE --title T --url U --version V] [--force] [--drop-extras]`
 *
 * Reads knowledge/corpus plus any extra paths, builds the search index incrementally and swaps it in. Neural tier:
 * EMBEDDING_MODEL (a local folder or a hub id) and EMBEDDING_ALLOW_REMOTE=1 to allow downloading it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../bot/log.js';
import { neuralFromEnv } from './neural-env.js';
import { IngestError } from './read/errors.js';
import { DEFAULT_INDEX_DIR, DEFAULT_ROOT, indexedExtraSources, runIngest, type IngestResult } from './pipeline.js';

export function summary(r: IngestResult, indexDir: string): string {
  const lines = [
    `index:    ${indexDir}${r.built ? '' : ' (unchanged, nothing rebuilt)'}`,
    `sources:  ${r.sourceCount} (${r.changedSources.length} new or changed, ${r.removedSources.length} removed)`,
    `chunks:   ${r.chunkCount}`,
    `tiers:    ${r.manifest.tiers.join(', ')}${r.manifest.neural ? ` (model ${r.manifest.neural.modelId})` : ''}`,
  ];
  const v = r.manifest.vectors;
  if (r.built && v?.ngram) {
    lines.push(`vectors:  ngram ${v.ngram.embedded} computed, ${v.ngram.reused} reused` +
      (v.neural ? `; neural ${v.neural.embedded} computed, ${v.neural.reused} reused` : ''));
  }
  if (r.changedSources.length > 0 && r.changedSources.length <= 20) {
    lines.push(...r.changedSources.map((s) => `  changed: ${s}`));
  }
  for (const s of r.skipped) lines.push(`  skipped: ${s.file} (${s.reason})`);
  lines.push(`time:     ${(r.ms / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: 'string' },
      doc: { type: 'string' },
      title: { type: 'string' },
      url: { type: 'string' },
      version: { type: 'string' },
      force: { type: 'boolean', default: false },
      'drop-extras': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run ingest -- [paths…] [--index data/index] [--doc CODE --title T --url U --version V] [--force] [--drop-extras] [--quiet]');
    return;
  }
  const indexDir = path.resolve(values.index ?? DEFAULT_INDEX_DIR);
  const log = createLogger({ level: values.quiet ? 'error' : 'warn' });
  const neural = neuralFromEnv();
  // Extra documents ingested earlier stay in the index unless --drop-extras; otherwise a card writer's plain
  // `npm run ingest` would silently remove an organisation's own regulation.
  const kept = values['drop-extras'] ? [] : indexedExtraSources(indexDir);
  const result = await runIngest({
    roots: [DEFAULT_ROOT, ...new Set([...positionals.map((p) => path.resolve(p)), ...kept])],
    indexDir,
    ...(neural ? { neural } : {}),
    progress: !values.quiet,
    log,
    force: values.force,
    flags: {
      ...(values.doc ? { doc: values.doc } : {}),
      ...(values.title ? { title: values.title } : {}),
      ...(values.url ? { url: values.url } : {}),
      ...(values.version ? { version: values.version } : {}),
    },
  });
    const shown = path.relative(process.cwd(), indexDir);
  console.log(summary(result, shown.startsWith('..') ? indexDir : shown));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((e: unknown) => {
    // Ingest errors name a file and a field of our own making; they carry no user text.
    const message = e instanceof IngestError ? e.message : e instanceof Error ? e.message : String(e);
    console.error(`ingest failed: ${message}`);
    console.error('the existing index (if any) was left untouched');
    process.exitCode = 1;
  });
}

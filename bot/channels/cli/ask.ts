/**
 * `npm run ask -- "vraag" [--passages] [--lang nl|en] [--index data/index] [--directory file] [--json]`
 *
 * Answers in the terminal on the same core as the chat channels. `--passages` prints the top retrieved passages
 * with their citations instead (retrieval debugging). Builds the index first when it is missing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/index.js';
import { sectionLabel } from '../../core/citation.js';
import { neuralConfig } from '../../config/neural.js';
import type { Lang } from '../../core/types.js';
import { loadConfig } from '../../config/load.js';
import { loadDirectory } from '../../directory/index.js';
import { createLogger } from '../../log.js';
import { DEFAULT_INDEX_DIR, DEFAULT_ROOT, PROJECT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../../../knowledge/search/load.js';

const USAGE = 'usage: npm run ask -- "je vraag" [--passages] [--lang nl|en] [--index <dir>] [--directory <file>] [--json]';

export async function runAsk(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      passages: { type: 'boolean', default: false },
      lang: { type: 'string' },
      index: { type: 'string' },
      directory: { type: 'string' },
      json: { type: 'boolean', default: false },
      k: { type: 'string', default: '8' },
    },
  });
  const question = positionals.join(' ').trim();
  if (!question) {
    out(USAGE);
    return 2;
  }
  if (values.lang && values.lang !== 'nl' && values.lang !== 'en') {
    out(`--lang must be nl or en\n${USAGE}`);
    return 2;
  }
  const indexDir = path.resolve(values.index ?? process.env.INDEX_DIR ?? DEFAULT_INDEX_DIR);
  // The same configuration as the server (environment and config file), so both answer alike.
  const config = loadConfig();
  const neural = neuralConfig(config);
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  // Incremental, like the server: edited cards and EXTRA_SOURCES are picked up, earlier extra documents kept.
  const extra = config.extraSources.map((s) => path.resolve(PROJECT_ROOT, s));
  await ensureIndex(indexDir, { refresh: true, roots: [DEFAULT_ROOT, ...extra], log, ...(neural ? { neural } : {}) });
  const retriever = await loadRetriever(indexDir, neural ? { neural } : {});

  if (values.passages) {
    const hits = await retriever.search(question, { k: Number(values.k) || 8 });
    if (values.json) out(JSON.stringify(hits.map((h) => ({ id: h.chunk.id, doc: h.chunk.doc, section: h.chunk.section, score: h.score, tiers: h.tiers })), null, 2));
    else
      hits.forEach((h, i) => {
        const c = h.chunk;
        const tiers = Object.entries(h.tiers)
          .map(([name, t]) => `${name}#${t.rank}=${t.score.toFixed(3)}`)
          .join(' ');
        out(`${i + 1}. ${c.docTitle} ${sectionLabel(c.section) || c.section} (${c.sectionTitle})  score ${h.score.toFixed(4)}  [${tiers}]`);
        if (c.url) out(`   ${c.url}`);
        out(`   ${c.text.replace(/\s+/g, ' ').slice(0, 220)}…`);
      });
    return 0;
  }

  const directoryPath = values.directory ? path.resolve(values.directory) : path.resolve(PROJECT_ROOT, config.directoryPath);
  const composer = { ...(config.llm ? { llm: config.llm } : {}), maxMessageChars: config.limits.maxMessageChars };
  const core = createCore({ retriever, directory: loadDirectory(directoryPath), composer, log });
  const reply = await core.handle({ text: question, channel: 'cli', conversation: 'personal', ...(values.lang ? { lang: values.lang as Lang } : {}) });
  out(values.json ? JSON.stringify(reply, null, 2) : reply.text);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runAsk(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // The message of our own errors names a file or field, never the question.
      console.error(`ask failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}

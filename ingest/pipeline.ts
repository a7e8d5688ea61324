/**
 * The ingest pipeline: sources → chunks → index, swapped in atomically.
 *
 * Incremental: every source (and every sidecar) is hashed; a source whose hash matches the previous index's
 * manifest keeps its chunks from the previous chunks.json without being parsed again, and buildIndex reuses the
 * vectors of unchanged chunks. A failing ingest (unreadable PDF, invalid card) throws before anything is written,
 * so the index that is being served stays as it was.
 *
 * Atomic swap: `indexDir` is a symlink to a sibling version directory (`<name>-<timestamp>`). A new version is
 * built in a temp directory beside it, renamed to its version name, and a fresh symlink is renamed over `indexDir`
 * (rename(2) replaces atomically), after which the old version is removed. A reader never sees a half-written
 * index. A plain directory at `indexDir` (left by an older tool) is moved aside once to make room for the link.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, open, readdir, readFile, readlink, rename, rm, stat, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../bot/log.js';
import type { Chunk } from '../knowledge/chunk.js';
import type { IndexManifest, NeuralConfig } from '../knowledge/search/types.js';
import { sha256 } from '../knowledge/search/hash.js';
import { IngestError, UnsupportedSourceError } from './read/errors.js';
import { isSupported, readSource } from './read/index.js';
import { sidecarPath, type MetaFlags } from './read/meta.js';
import { verifyIndexFiles } from '../knowledge/search/files.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_ROOT = path.join(PROJECT_ROOT, 'knowledge', 'corpus');
export const DEFAULT_INDEX_DIR = path.join(PROJECT_ROOT, 'data', 'index');

export type BuildFn = (
  chunks: Chunk[],
  opts: {
    outDir: string;
    previousDir?: string;
    sources: Record<string, string>;
    neural?: NeuralConfig;
    onProgress?: (done: number, total: number) => void;
  },
) => Promise<IndexManifest>;

export interface RunIngestOptions {
  /** Files or folders to read; empty or missing means `knowledge/corpus`. */
  roots?: string[];
  indexDir: string;
  neural?: NeuralConfig;
  /** Show a progress bar (only when stdout is a terminal). */
  progress?: boolean;
  log?: Logger;
  /** Document code/title/url for non-card sources that have no `<file>.meta.yaml`. */
  flags?: MetaFlags;
  /** Rebuild even when no source changed (e.g. after switching the embedding model). */
  force?: boolean;
  /** The index builder; defaults to knowledge/search/build.ts. Tests pass a small fake. */
  build?: BuildFn;
}

export interface IngestResult {
  manifest: IndexManifest;
  /** Sources (project-relative paths) that were new or changed and therefore parsed and chunked again. */
  changedSources: string[];
  chunkCount: number;
  /** Sources in the previous index that are gone now. */
  removedSources: string[];
  /** Files that were skipped (unsupported type), with the reason. */
  skipped: { file: string; reason: string }[];
  /** Whether a new index version was written (false when nothing changed). */
  built: boolean;
  /** Source count (without sidecars). */
  sourceCount: number;
  ms: number;
}

/** How a file is named in chunks and the manifest: project-relative when inside the project, else absolute. */
export function sourceName(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(PROJECT_ROOT, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

const SKIP_NAMES = /^(?:readme\.md|\..*|_.*)$/i;

async function walk(root: string, out: string[]): Promise<void> {
  const st = await stat(root).catch(() => undefined);
  if (!st) throw new IngestError(root, 'source path does not exist');
  if (st.isFile()) {
    out.push(root);
    return;
  }
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (SKIP_NAMES.test(e.name)) continue;
    const full = path.join(root, e.name);
    // Mounted configuration (e.g. a Kubernetes ConfigMap) arrives as symlinks: follow them like the files they name.
    const kind = e.isSymbolicLink() ? await stat(full).catch(() => undefined) : e;
    if (!kind) throw new IngestError(full, 'symbolic link points to nothing');
    if (kind.isDirectory()) await walk(full, out);
    else if (kind.isFile() && !e.name.endsWith('.meta.yaml')) out.push(full);
  }
}

interface Previous {
  dir: string;
  manifest: IndexManifest;
  bySource: Map<string, Chunk[]>;
}

/**
 * The index currently served at `indexDir`, if it is complete, readable and every file matches its checksum in the
 * manifest; a damaged one (one changed byte anywhere) just means a full build, so nothing of it is reused.
 */
async function readPrevious(indexDir: string, log?: Logger): Promise<Previous | undefined> {
  if (!existsSync(path.join(indexDir, 'manifest.json'))) return undefined;
  try {
    const dir = await realDir(indexDir);
    const problems = verifyIndexFiles(dir);
    if (problems.length) {
      log?.warn({ event: 'ingest.previous_damaged', problems }, 'previous index fails its checksums; building from scratch');
      return undefined;
    }
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
    const chunks = JSON.parse(await readFile(path.join(dir, 'chunks.json'), 'utf8')) as Chunk[];
    if (!Array.isArray(chunks) || typeof manifest?.sources !== 'object') throw new Error('unexpected shape');
    const bySource = new Map<string, Chunk[]>();
    for (const c of chunks) {
      const list = bySource.get(c.sourcePath) ?? [];
      list.push(c);
      bySource.set(c.sourcePath, list);
    }
    return { dir, manifest, bySource };
  } catch (e) {
    log?.warn({ event: 'ingest.previous_unreadable', err: e }, 'previous index unreadable; building from scratch');
    return undefined;
  }
}

async function realDir(p: string): Promise<string> {
  const st = await lstat(p);
  if (!st.isSymbolicLink()) return path.resolve(p);
  return path.resolve(path.dirname(path.resolve(p)), await readlink(p));
}

async function defaultBuild(): Promise<BuildFn> {
  const mod = await import('../knowledge/search/build.js');
  return mod.buildIndex as BuildFn;
}

interface ProgressBar {
  start(total: number, value: number, payload?: object): void;
  update(value: number, payload?: object): void;
  setTotal(total: number): void;
  stop(): void;
}

async function progressBar(enabled: boolean | undefined): Promise<ProgressBar | undefined> {
  if (!enabled || !process.stdout.isTTY) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}

/** One ingest at a time per index: a lock file beside it (stale locks of dead processes are taken over). */
async function acquireLock(indexDir: string): Promise<() => Promise<void>> {
  const lock = path.join(path.dirname(path.resolve(indexDir)), `.${path.basename(indexDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await unlink(lock).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        if (pid > 0) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (alive) throw new Error(`another ingest (pid ${pid}) is writing ${indexDir}; lock file ${lock}`);
      await unlink(lock).catch(() => undefined);
    }
  }
  throw new Error(`cannot take the ingest lock ${lock}`);
}

/** Put the finished build in place of `indexDir` atomically and remove the version it replaces. */
export async function swapIn(indexDir: string, builtDir: string): Promise<string> {
  const target = path.resolve(indexDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const stamp = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const versionDir = path.join(parent, `${base}-${stamp}`);
  await rename(builtDir, versionDir);
  let old: string | undefined;
  const st = await lstat(target).catch(() => undefined);
  if (st?.isSymbolicLink()) {
    old = await realDir(target);
  } else if (st?.isDirectory()) {
    old = path.join(parent, `${base}-replaced-${stamp}`);
    await rename(target, old);
  } else if (st) {
    throw new Error(`${target} exists but is neither a directory nor a symlink; not replacing it`);
  }
  const link = path.join(parent, `.${base}.link-${stamp}`);
  await symlink(path.basename(versionDir), link);
  await rename(link, target);
  // Only remove what we created: a sibling named after the index.
  if (old && old !== versionDir && path.dirname(old) === parent && path.basename(old).startsWith(`${base}-`)) {
    await rm(old, { recursive: true, force: true });
  }
  return versionDir;
}

/**
 * Under the lock no other ingest is running, so temp builds, links and version directories that the index link does
 * not point at are leftovers of a crashed run.
 */
async function removeLeftovers(indexDir: string, log?: Logger): Promise<void> {
  const target = path.resolve(indexDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const current = await realDir(target).catch(() => undefined);
  const ours = new RegExp(
    `^(?:\\.${escapeRe(base)}\\.(?:build|link)-.+|${escapeRe(base)}-(?:replaced-)?\\d{4}-\\d\\d-\\d\\dT.+)$`,
  );
  for (const name of await readdir(parent)) {
    const full = path.join(parent, name);
    if (!ours.test(name) || full === current) continue;
    await rm(full, { recursive: true, force: true });
    log?.info({ event: 'ingest.leftover_removed', file: name });
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function runIngest(opts: RunIngestOptions): Promise<IngestResult> {
  const started = Date.now();
  const log = opts.log;
  const roots = opts.roots && opts.roots.length > 0 ? opts.roots : [DEFAULT_ROOT];
  const files: string[] = [];
  for (const root of roots) await walk(root, files);
  const unique = [...new Set(files.map((f) => path.resolve(f)))];

  const previous = opts.force ? undefined : await readPrevious(opts.indexDir, log);
  const bar = await progressBar(opts.progress);
  bar?.start(unique.length, 0, { phase: 'read ' });

  const sources: Record<string, string> = {};
  const chunks: Chunk[] = [];
  const changedSources: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  let sourceCount = 0;
  try {
    for (const [i, file] of unique.entries()) {
      const name = sourceName(file);
      bar?.update(i + 1, { phase: 'read ' });
      if (!isSupported(file)) {
        const reason = `unsupported file type "${path.extname(file) || '(none)'}"`;
        skipped.push({ file: name, reason });
        log?.warn({ event: 'ingest.skip', file: name }, 'unsupported source skipped');
        continue;
      }
      const bytes = new Uint8Array(await readFile(file));
      const hash = sha256(bytes);
      const side = sidecarPath(file);
      const sideHash = existsSync(side) ? sha256(await readFile(side)) : undefined;
      const sideName = sourceName(side);
      const unchanged =
        previous !== undefined &&
        previous.manifest.sources[name] === hash &&
        previous.manifest.sources[sideName] === sideHash &&
        previous.bySource.has(name);
      let own: Chunk[];
      if (unchanged) {
        own = previous.bySource.get(name)!;
      } else {
        try {
          own = await readSource({ file, sourcePath: name, ...(opts.flags ? { flags: opts.flags } : {}) }, bytes);
        } catch (e) {
          if (e instanceof UnsupportedSourceError) {
            skipped.push({ file: name, reason: e.reason });
            continue;
          }
          throw e;
        }
        changedSources.push(name);
      }
      sources[name] = hash;
      if (sideHash) sources[sideName] = sideHash;
      sourceCount++;
      chunks.push(...own);
    }
  } finally {
    bar?.stop();
  }

  const seen = new Map<string, string>();
  for (const c of chunks) {
    const other = seen.get(c.id);
    if (other !== undefined) {
      throw new IngestError(
        c.sourcePath,
        other === c.sourcePath
          ? `chunk id ${c.id} occurs twice`
          : `chunk id ${c.id} is also produced by ${other} (same document code and section in two sources)`,
      );
    }
    seen.set(c.id, c.sourcePath);
  }
  if (chunks.length === 0) throw new Error(`no chunks: the sources under ${roots.join(', ')} gave no text`);

  const removedSources = previous
    ? [...previous.bySource.keys()].filter((s) => !(s in sources))
    : [];
  const neuralMatches = previous !== undefined && Boolean(previous.manifest.neural) === Boolean(opts.neural);
  if (previous && changedSources.length === 0 && removedSources.length === 0 && neuralMatches) {
    const result = {
      manifest: previous.manifest,
      changedSources,
      chunkCount: chunks.length,
      removedSources,
      skipped,
      built: false,
      sourceCount,
      ms: Date.now() - started,
    };
    log?.info({ event: 'ingest.unchanged', sources: sourceCount, chunks: chunks.length, ms: result.ms });
    return result;
  }

  const build = opts.build ?? (await defaultBuild());
  const parent = path.dirname(path.resolve(opts.indexDir));
  await mkdir(parent, { recursive: true });
  const release = await acquireLock(opts.indexDir);
  await removeLeftovers(opts.indexDir, log);
  const tmp = await mkdtemp(path.join(parent, `.${path.basename(opts.indexDir)}.build-`));
  const buildBar = await progressBar(opts.progress);
  try {
    buildBar?.start(chunks.length, 0, { phase: 'index' });
    const manifest = await build(chunks, {
      outDir: tmp,
      ...(previous ? { previousDir: previous.dir } : {}),
      sources,
      ...(opts.neural ? { neural: opts.neural } : {}),
      onProgress: (done, total) => {
        buildBar?.setTotal(total);
        buildBar?.update(done, { phase: 'index' });
      },
    });
    buildBar?.stop();
    if (!existsSync(path.join(tmp, 'manifest.json'))) throw new Error('index build finished without writing manifest.json');
    // mkdtemp makes the directory private; the served index must be readable by the bot's user too.
    await chmod(tmp, 0o755);
    await swapIn(opts.indexDir, tmp);
    const ms = Date.now() - started;
    log?.info({
      event: 'ingest.done',
      sources: sourceCount,
      changed: changedSources.length,
      removed: removedSources.length,
      chunks: chunks.length,
      tiers: manifest.tiers,
      ms,
    });
    return { manifest, changedSources, chunkCount: chunks.length, removedSources, skipped, built: true, sourceCount, ms };
  } catch (e) {
    buildBar?.stop();
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    await release();
  }
}

function resolvedDir(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Sources of the index at `indexDir` that lie outside knowledge/corpus and still exist (extra documents passed to
 * an earlier `npm run ingest`). A refresh that should keep them passes these as roots too.
 */
export function indexedExtraSources(indexDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')) as IndexManifest;
    return Object.keys(manifest.sources ?? {})
      .filter((s) => !s.endsWith('.meta.yaml'))
      .map((s) => (path.isAbsolute(s) ? s : path.join(PROJECT_ROOT, s)))
      .filter((f) => !f.startsWith(DEFAULT_ROOT + path.sep) && existsSync(f));
  } catch {
    return [];
  }
}

/**
 * Make sure an index exists at `indexDir`: build it (from `roots`, default knowledge/corpus) only when it is missing
 * or unreadable. With `refresh: true` it runs an incremental ingest instead, which is cheap when nothing changed;
 * extra documents an operator ingested earlier stay in (as with `npm run ingest`), so a refresh never drops an
 * organisation's own regulation just because it is not listed in `roots`.
 */
export async function ensureIndex(
  indexDir: string,
  opts: Omit<RunIngestOptions, 'indexDir'> & { refresh?: boolean } = {},
): Promise<IngestResult> {
  const manifestFile = path.join(indexDir, 'manifest.json');
  // Only an intact index (every file matching its checksum) counts as present; a damaged one is rebuilt.
  if (!opts.refresh && existsSync(manifestFile) && verifyIndexFiles(resolvedDir(indexDir)).length === 0) {
    try {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as IndexManifest;
      const sourceCount = Object.keys(manifest.sources ?? {}).filter((s) => !s.endsWith('.meta.yaml')).length;
      return {
        manifest,
        changedSources: [],
        chunkCount: manifest.chunkCount,
        removedSources: [],
        skipped: [],
        built: false,
        sourceCount,
        ms: 0,
      };
    } catch {
      // Unreadable manifest: fall through and rebuild.
    }
  }
  const { refresh, ...rest } = opts;
  const roots = refresh ? [...new Set([...(opts.roots?.length ? opts.roots : [DEFAULT_ROOT]), ...indexedExtraSources(indexDir)])] : opts.roots;
  return runIngest({ ...rest, ...(roots ? { roots } : {}), indexDir });
}

/**
 * The search behind the privacy tests: which files did the process write, and does any of them (or any other
 * text we hand it, such as what reached a fake Slack server) hold a canary string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Every regular file under `dir` (recursively); a missing dir is empty. */
export function walk(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.isFile() ? [p] : [];
  });
}

/** Files created or changed in os.tmpdir() since `since` (ms), plus everything under `roots`. */
export function writtenFiles(roots: string[], since: number): string[] {
  const fresh = readdirSync(tmpdir(), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(tmpdir(), e.name);
    try {
      if (statSync(p).mtimeMs < since) return [];
    } catch {
      return [];
    }
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
  return [...new Set([...roots.flatMap(walk), ...fresh])];
}

/** Which canaries occur in which files (bytes searched as latin1, so binary files such as SQLite pages count). */
export function findCanaries(files: string[], needles: string[]): { file: string; canary: string }[] {
  const found: { file: string; canary: string }[] = [];
  for (const file of files) {
    let bytes: string;
    try {
      if (statSync(file).size > 64 * 1024 * 1024) continue;
      bytes = readFileSync(file).toString('latin1');
    } catch {
      continue; // removed meanwhile (another test's temp file)
    }
    for (const n of needles) if (bytes.includes(n)) found.push({ file, canary: n });
  }
  return found;
}

/** The same search over texts that are not files (requests a fake server recorded, a CLI's output). */
export function findCanariesIn(texts: Record<string, string>, needles: string[]): { where: string; canary: string }[] {
  return Object.entries(texts).flatMap(([where, text]) => needles.filter((n) => text.includes(n)).map((canary) => ({ where, canary })));
}

/**
 * `npm run knowledge:check -- [--max-age-months 12] [--now YYYY-MM-DD] [--summary] [--json] [--strict] [dirs…]`
 *
 * Lists every knowledge card with its source version, verification date and method and law text date, and flags
 * the cards a maintainer should review (see `knowledge/freshness.ts`). The verification date is the card's
 * `verifiedOn`, or else the date of the last commit that changed the card (shown as "git"). Exits 0 unless
 * `--strict` is given and a card is flagged.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import { CardFrontmatter } from './card-schema.js';
import { freshnessReport, reportText, summaryText, type CardInfo } from './freshness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cardFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return cardFiles(full);
    return e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md' ? [full] : [];
  });
}

/** Last commit date (YYYY-MM-DD) per file under `dirs`, from one `git log`; empty when git is not available. */
export function lastChanged(dirs: string[], cwd = ROOT): Map<string, string> {
  const dates = new Map<string, string>();
  let out: string;
  try {
    out = execFileSync('git', ['log', '--format=@%cs', '--name-only', '--', ...dirs], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return dates;
  }
  let date = '';
  for (const line of out.split('\n')) {
    if (line.startsWith('@')) date = line.slice(1).trim();
    else if (line.trim() && !dates.has(line.trim())) dates.set(line.trim(), date);
  }
  return dates;
}

export function readCards(dirs: string[], cwd = ROOT): CardInfo[] {
  const changed = lastChanged(dirs.map((d) => path.relative(cwd, path.resolve(cwd, d)) || '.'), cwd);
  return dirs.flatMap((d) => cardFiles(path.resolve(cwd, d))).map((file) => {
    const rel = path.relative(cwd, file).split(path.sep).join('/');
    const r = CardFrontmatter.safeParse(matter(readFileSync(file, 'utf8'), {}).data);
    if (!r.success) throw new Error(`${rel}: invalid card frontmatter (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
    const fm = r.data;
    const date = changed.get(rel);
    return {
      file: rel,
      doc: fm.doc,
      section: fm.section,
      version: fm.version,
      verified: fm.verified,
      verifiedAt: fm.verifiedAt,
      ...(fm.verifiedOn ? { verifiedOn: fm.verifiedOn } : {}),
      ...(date ? { changedOn: date } : {}),
      ...(fm.geldendVanaf ? { geldendVanaf: fm.geldendVanaf } : {}),
    };
  });
}

const USAGE = 'Gebruik: npm run knowledge:check -- [--max-age-months 12] [--now YYYY-MM-DD] [--summary] [--json] [--strict] [mappen…]';

export function main(argv: string[], log: (s: string) => void = console.log): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'max-age-months': { type: 'string', default: '12' },
      now: { type: 'string' },
      summary: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const maxAgeMonths = Number(values['max-age-months']);
  if (!Number.isInteger(maxAgeMonths) || maxAgeMonths < 1) {
    log(`--max-age-months: moet een heel getal van minstens 1 zijn\n${USAGE}`);
    return 2;
  }
  const now = values.now ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(now)) {
    log(`--now: moet een datum JJJJ-MM-DD zijn\n${USAGE}`);
    return 2;
  }
  const dirs = positionals.length ? positionals : ['knowledge/corpus'];
  const report = freshnessReport(readCards(dirs), { now, maxAgeMonths });
  if (values.json) log(JSON.stringify(report, null, 2));
  else log(values.summary ? summaryText(report) : reportText(report));
  return values.strict && report.flagged > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}

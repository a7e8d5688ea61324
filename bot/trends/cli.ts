/**
 * `npm run trends -- [--weeks 12] [--k 5] [--channel teams] [--audience medewerker] [--csv]`
 *   prints the same suppressed tables as the dashboard (or its CSV) for the configured store.
 * `npm run trends -- hash-password` reads a password from stdin and prints a hash for DASHBOARD_PASSWORD_HASH.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load.js';
import { KSchema } from './config.js';
import { parseDashboardQuery, toStoreFilters } from './dashboard/filters.js';
import { hashPassword } from './dashboard/password.js';
import { reportToCsv, reportToText } from './format.js';
import { buildReport } from './report.js';
import { seedDemo } from './demo.js';
import { openTrendStore } from './store/index.js';
import { isDemoFile, openSqliteStore } from './store/sqlite.js';

const USAGE = `Gebruik:
  npm run trends -- [--weeks 4|8|12|26|52] [--k N] [--channel slack|teams|web|cli] [--audience …] [--csv]
  npm run trends -- hash-password    (wachtwoord via stdin; print een hash voor DASHBOARD_PASSWORD_HASH)
  npm run trends -- demo [--path data/trends-demo.sqlite]    (vul een aparte demo-opslag met verzonnen cijfers)`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Fills a separate SQLite file with made-up events. It never touches the real store: it refuses the configured
 * store's path and any existing file that is not already a demo store, and the file is marked so the dashboard
 * says "demo" on every page.
 */
async function demo(target: string | undefined): Promise<number> {
  const config = loadConfig();
  const file = path.resolve(target ?? process.env.TRENDS_DEMO_PATH ?? path.join(config.dataDir, 'trends-demo.sqlite'));
  if (file === path.resolve(config.trends.sqlitePath)) {
    console.error(`${file} is de echte trendopslag; kies met --path een ander bestand voor de demo.`);
    return 2;
  }
  if (fs.existsSync(file) && !isDemoFile(file)) {
    console.error(`${file} bestaat al en is geen demo-opslag; die wordt niet overschreven.`);
    return 2;
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const store = openSqliteStore({ path: file, markDemo: true });
  const now = new Date();
  const n = seedDemo(store, now);
  await store.close();
  console.log(`Demo-opslag met ${n} verzonnen gebeurtenissen: ${file}`);
  console.log(`Bekijk hem in het dashboard met: TRENDS_SQLITE_PATH=${file} npm start   (en DASHBOARD_USERNAME/DASHBOARD_PASSWORD)`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      weeks: { type: 'string', default: '12' },
      k: { type: 'string' },
      channel: { type: 'string', default: 'alle' },
      audience: { type: 'string', default: 'alle' },
      csv: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      path: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] === 'hash-password') {
    const password = await readStdin();
    if (password.length < 12) {
      console.error('Het wachtwoord moet minstens 12 tekens hebben.');
      return 2;
    }
    console.log(await hashPassword(password));
    return 0;
  }
  if (positionals[0] === 'demo') return demo(values.path);
  if (positionals.length) {
    console.error(`Onbekend commando: ${positionals[0]}\n${USAGE}`);
    return 2;
  }

  const query = parseDashboardQuery({ weeks: values.weeks, channel: values.channel, audience: values.audience });
  if (!query.ok) {
    console.error(`Ongeldige optie: ${query.fields.map((f) => `--${f}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig().trends;
  let k = config.k;
  if (values.k !== undefined) {
    const parsed = KSchema.safeParse(Number(values.k));
    if (!parsed.success) {
      console.error(`--k: ${parsed.error.issues[0]?.message}`);
      return 2;
    }
    k = parsed.data;
  }
  const store = await openTrendStore(config);
  try {
    const now = new Date();
    const { weeks, filters, view } = toStoreFilters(query.value, now);
    const report = buildReport(await store.query(filters), { now, k, view });
    const period = `${weeks[0]} t/m ${weeks.at(-1)}`;
    if (values.csv) {
      process.stdout.write(reportToCsv(report, { periode: period, kanaal: query.value.channel, doelgroep: query.value.audience, k: String(k) }));
    } else {
      const heading = `${store.demo ? 'DEMO (verzonnen cijfers) – ' : ''}Trends integriteitsvragen, ${period} (kanaal: ${query.value.channel}, doelgroep: ${query.value.audience}, opslag: ${store.kind})`;
      console.log(reportToText(report, heading));
    }
  } finally {
    await store.close();
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e instanceof ConfigError || e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    },
  );
}

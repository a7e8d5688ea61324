/**
 * A real PostgreSQL for tests. TEST_DATABASE_URL wins; otherwise a throwaway cluster is made in a temp dir with
 * the Debian server binaries (initdb + pg_ctl), listening on a free 127.0.0.1 port with its socket in the temp
 * dir, and stopped and deleted by `stop()`. Each caller gets its own fresh database.
 *
 * No binaries: in CI (process.env.CI) that is an error with the install command; locally the tests may skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A new, empty database; returns its connection URL. */
  createDatabase(): Promise<string>;
  /** A URL on which nothing listens (for "store is down" tests). */
  deadUrl(): Promise<string>;
  stop(): Promise<void>;
}

export const INSTALL_HINT =
  'PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb and initdb on PATH). ' +
  'Install them with: apt-get install -y postgresql  (or set TEST_DATABASE_URL to a database you may create databases on)';

/** Returns undefined (after a message) only outside CI when PostgreSQL is missing. */
export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return withDatabases(external, async () => undefined);
  const bin = findBinDir();
  if (!bin) {
    if (process.env.CI) throw new Error(INSTALL_HINT);
    console.warn(`[skip] ${INSTALL_HINT}`);
    return undefined;
  }
  return startCluster(bin);
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')) && fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const initdb = which.stdout.trim();
  if (which.status === 0 && initdb) {
    const dir = path.dirname(fs.realpathSync(initdb));
    if (fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/** PostgreSQL refuses to run as root; as root we run its binaries as an unprivileged OS user. */
function osUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'trends-pg']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (id.status === 0) {
      const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
      return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
    }
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'trends-pg']);
  return osUser();
}

function run(user: ReturnType<typeof osUser>, file: string, args: string[]): void {
  const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) {
    throw new Error(`${path.basename(file)} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(-800)}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startCluster(bin: string): Promise<TestPostgres> {
  const user = osUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  try {
    run(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    run(user, pgCtl, [
      '-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const stop = async () => {
    try {
      run(user, pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, stop);
}

function withDatabases(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const urlFor = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `trends_test_${process.pid}_${created.length}_${Date.now().toString(36)}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      return urlFor(name);
    },
    async deadUrl() {
      const u = new URL(adminUrl);
      u.hostname = '127.0.0.1';
      u.port = String(await freePort());
      return u.toString();
    },
    async stop() {
      if (process.env.TEST_DATABASE_URL) {
        await admin(async (c) => {
          for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await stopServer();
    },
  };
}

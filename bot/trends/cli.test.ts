/** The CLI as a user runs it: a real process, a real SQLite file, the same suppression as the dashboard. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDashboard } from './dashboard/index.js';
import { verifyPassword } from './dashboard/password.js';
import { openSqliteStore } from './store/sqlite.js';
import type { TrendEvent } from './types.js';
import { isoWeek } from './week.js';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let dbPath: string;

function cli(args: string[], input?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRENDS_SQLITE_PATH: dbPath, CONFIG_FILE: path.join(tmp, 'config.yaml') };
  delete env.DATABASE_URL;
  return spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'bot/trends/cli.ts'), ...args], {
    cwd: tmp,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-cli-'));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), '{}\n');
  dbPath = path.join(tmp, 'trends.sqlite');
  const store = openSqliteStore({ path: dbPath });
  const week = isoWeek(new Date());
  const e: TrendEvent = { week, kind: 'question', topic: 'geschenken', intent: 'advice', outcome: 'answered', channel: 'web', audience: 'medewerker' };
  for (let i = 0; i < 9; i++) store.record(e);
  for (let i = 0; i < 2; i++) store.record({ ...e, outcome: 'abstained' });
  for (let i = 0; i < 6; i++) store.record({ ...e, topic: 'inkoop' });
  void store.close();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run trends', () => {
  it('prints the suppressed tables', () => {
    const r = cli(['--weeks', '4']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('Geschenken') && l.includes('< 5'));
    // Geschenken: 9 answered, 2 abstained. The 2 is "< 5" and the 9 is hidden, or 11 - 9 would reveal it; that
    // in turn hides inkoop's 6 in the same column, both topic totals and the answered total (17 - 15 = 2).
    // The columns are answered, abstained, handed off, refused, clarified, total.
    expect(line).toMatch(/^Geschenken\s+×\s+< 5\s+0\s+0\s+0\s+×$/);
    expect(r.stdout).toMatch(/^Totaal\s+×\s+< 5\s+0\s+0\s+0\s+17$/m);
    expect(r.stdout).not.toMatch(/\s2\s/);
  });

  it('honours --k and refuses a k below 3', () => {
    const seven = cli(['--weeks', '4', '--k', '7']);
    expect(seven.status).toBe(0);
    expect(seven.stdout).toContain('< 7');
    const two = cli(['--weeks', '4', '--k', '2']);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/--k: must be at least 3/);
  });

  it('writes the same cells as CSV', () => {
    const r = cli(['--weeks', '4', '--csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Uitkomsten per onderwerp;Geschenken;Niet in de bronnen;< 5');
    expect(r.stdout).toContain('Uitkomsten per onderwerp;Geschenken;Beantwoord;×');
  });

  it('fills a separate demo store, never the real one, and the dashboard marks it as demo', async () => {
    const demoPath = path.join(tmp, 'demo', 'trends-demo.sqlite');
    const r = cli(['demo', '--path', demoPath]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const demo = openSqliteStore({ path: demoPath });
    const real = openSqliteStore({ path: dbPath });
    try {
      expect(demo.demo).toBe(true);
      expect(real.demo).toBe(false);
      const all = { fromWeek: '2000-W01', toWeek: '2099-W53' };
      expect((await demo.query(all)).reduce((s, c) => s + c.count, 0)).toBeGreaterThan(200);
      expect((await real.query(all)).reduce((s, c) => s + c.count, 0)).toBe(17); // untouched
      const app = express();
      app.use(createDashboard({ store: demo, config: { k: 5, dashboard: { username: 'c', password: 'demo-only-password' } } }).router!);
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const html = await (
        await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard`, {
          headers: { authorization: `Basic ${Buffer.from('c:demo-only-password').toString('base64')}` },
        })
      ).text();
      server.close();
      expect(html).toContain('id="demo"');
      expect(html).toMatch(/<title>DEMO/);
    } finally {
      await demo.close();
      await real.close();
    }
    // Again into the same demo file: allowed. Into the real store or a file that is not a demo store: refused.
    expect(cli(['demo', '--path', demoPath]).status).toBe(0);
    expect(cli(['demo', '--path', dbPath]).status).toBe(2);
    fs.writeFileSync(path.join(tmp, 'other.sqlite'), '');
    const other = cli(['demo', '--path', path.join(tmp, 'other.sqlite')]);
    expect(other.status).toBe(2);
  });

  it('hashes a dashboard password read from stdin', async () => {
    const r = cli(['hash-password'], 'a long enough password\n');
    expect(r.status).toBe(0);
    const hash = r.stdout.trim();
    expect(await verifyPassword('a long enough password', hash)).toBe(true);
    expect(await verifyPassword('another password', hash)).toBe(false);
  });
});

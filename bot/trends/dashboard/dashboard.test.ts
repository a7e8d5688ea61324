/**
 * The dashboard end to end: real express router, real SQLite file, real Chromium. Login, charts drawn, small
 * cells shown as "< 5", filters, and a CSV download that holds exactly the cells on the page.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import type { TrendStore } from '../store/types.js';
import type { TrendEvent } from '../types.js';
import { launchChromium } from './browser.js';
import { createDashboard } from './index.js';
import { hashPassword } from './password.js';

const NOW = new Date('2026-11-26T12:00:00Z'); // 2026-W48
const USER = 'coordinator';
const PASSWORD = 'correct horse battery staple';

let tmp: string;
let store: TrendStore;
let server: ReturnType<express.Express['listen']>;
let base: string;
let browser: Browser;

function seed(store: TrendStore): void {
  const add = (n: number, e: Partial<TrendEvent>) => {
    for (let i = 0; i < n; i++) {
      store.record({
        week: '2026-W48',
        kind: 'question',
        topic: 'geschenken',
        intent: 'advice',
        outcome: 'answered',
        channel: 'teams',
        audience: 'medewerker',
        ...e,
      } as TrendEvent);
    }
  };
  for (const week of ['2026-W45', '2026-W46', '2026-W47', '2026-W48']) {
    add(10, { week });
    add(8, { week, topic: 'nevenwerkzaamheden' });
  }
  add(6, { week: '2026-W47', topic: 'nevenwerkzaamheden', outcome: 'abstained' });
  add(7, { week: '2026-W48', topic: 'nevenwerkzaamheden', outcome: 'abstained' });
  add(2, { week: '2026-W47', topic: 'melden', intent: 'handoff', outcome: 'handed-off', channel: 'slack' });
  add(6, { week: '2026-W48', channel: 'slack' });
  add(12, { kind: 'feedback', vote: 'up' });
  add(6, { kind: 'feedback', vote: 'down' });
  add(30, { week: '2026-W30' }); // outside the last 4 weeks
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-dashboard-'));
  store = openSqliteStore({ path: path.join(tmp, 'trends.sqlite') });
  seed(store);
  const dashboard = createDashboard({
    store,
    config: { k: 5, dashboard: { username: USER, passwordHash: await hashPassword(PASSWORD) } },
    now: () => NOW,
  });
  const app = express();
  app.use(dashboard.router!);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('dashboard access', () => {
  it('refuses every route without valid credentials', async () => {
    for (const route of ['/dashboard', '/dashboard/export.csv', '/dashboard/assets/dashboard.js', '/dashboard/assets/chart.js/chart.umd.min.js']) {
      const res = await fetch(base + route);
      expect(res.status, route).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(await res.text()).not.toContain('Geschenken');
    }
    for (const auth of [basic(USER, 'wrong password'), basic('someone', PASSWORD), 'Basic !!!', 'Bearer x']) {
      const res = await fetch(`${base}/dashboard`, { headers: { authorization: auth } });
      expect(res.status, auth).toBe(401);
    }
  });

  it('serves the page with valid credentials and strict security headers', async () => {
    const res = await fetch(`${base}/dashboard`, { headers: { authorization: basic(USER, PASSWORD) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing from a CDN
  });

  it('rejects an invalid filter with a clear 400', async () => {
    const res = await fetch(`${base}/dashboard?weeks=7&channel=fax`, { headers: { authorization: basic(USER, PASSWORD) } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('weeks');
    expect(html).toContain('channel');
  });
});

describe('dashboard login throttle', () => {
  it('answers 429 after ten failed logins from one address, even with the right password', async () => {
    const app = express();
    app.use(createDashboard({ store, config: { k: 5, dashboard: { username: USER, password: PASSWORD } }, now: () => NOW }).router!);
    const srv = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => srv.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/dashboard`;
      for (let i = 0; i < 10; i++) expect((await fetch(url, { headers: { authorization: basic(USER, `guess ${i}`) } })).status).toBe(401);
      const blocked = await fetch(url, { headers: { authorization: basic(USER, PASSWORD) } });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('60');
    } finally {
      await new Promise((resolve) => srv.close(resolve));
    }
  });
});

describe('dashboard with a failing store', () => {
  it('answers 503 with a Dutch message and no details beyond the error kind', async () => {
    const broken = openSqliteStore({ path: path.join(tmp, 'broken.sqlite') });
    await broken.close();
    const app = express();
    app.use(createDashboard({ store: broken, config: { k: 5, dashboard: { username: USER, password: PASSWORD } }, now: () => NOW }).router!);
    const srv = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => srv.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
      for (const route of ['/dashboard', '/dashboard/export.csv']) {
        const res = await fetch(url + route, { headers: { authorization: basic(USER, PASSWORD) } });
        expect(res.status, route).toBe(503);
        expect(await res.text()).toContain('Trendgegevens niet bereikbaar');
      }
    } finally {
      await new Promise((resolve) => srv.close(resolve));
    }
  });
});

describe('dashboard in Chromium', () => {
  it('draws charts, shows "< 5", filters, and downloads exactly what is shown as CSV', async () => {
    const context = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD }, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${base}/dashboard?weeks=4`);

    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('h1').textContent()).toBe('Trends in integriteitsvragen');
    expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(6);
    // Every filter has a label.
    for (const label of ['Periode', 'Kanaal', 'Doelgroep']) await expect(page.getByLabel(label).count()).resolves.toBe(1);

    // Charts: a Chart.js instance with data on every canvas, and pixels actually drawn.
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: { data: unknown[] }[] } } | undefined } }).Chart.getChart(canvas);
        const ctx = canvas.getContext('2d')!;
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return { id: canvas.id, datasets: chart?.data.datasets.length ?? 0, points: chart?.data.datasets.flatMap((d) => d.data).length ?? 0, painted };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'grafiek-onderwerpen',
      'grafiek-uitkomsten',
      'grafiek-kennishiaten',
      'grafiek-doorverwijzingen',
      'grafiek-feedback',
    ]);
    for (const c of charts) {
      expect(c.datasets, c.id).toBeGreaterThan(0);
      expect(c.painted, c.id).toBeGreaterThan(500);
    }

    // The two handoffs about "melden" are a small cell: "< 5" in the table, and the total cannot give them away.
    const melden = page.locator('#uitkomsten-per-onderwerp tr[data-key="melden"] td');
    await expect(melden.nth(2).getAttribute('data-display')).resolves.toBe('< 5');
    // Columns: answered, abstained, handed off, refused, clarified, total.
    await expect(melden.nth(5).getAttribute('data-display')).resolves.toBe('< 5');
    const handoffWeek = page.locator('#uitkomsten-per-week tr[data-key="2026-W47"] td').nth(2);
    await expect(handoffWeek.getAttribute('data-display')).resolves.toBe('< 5');

    // Key figures on top, from the same suppressed release.
    const figures = await page.locator('#kerncijfers .kerncijfer').evaluateAll((items) =>
      items.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.getAttribute('data-display')]),
    );
    expect(figures.map((f) => f[0])).toEqual(['Vragen', 'Beantwoord', 'Doorverwezen', 'Niet in de bronnen', 'Feedback', 'Nuttig (👍)', 'Aandeel nuttig']);
    expect(Object.fromEntries(figures)).toMatchObject({ Doorverwezen: '< 5', Feedback: '18', 'Nuttig (👍)': '12', 'Aandeel nuttig': '67%' });

    // The handoffs chart agrees with its table point for point: a number where the table has one, the mark where
    // the table has a mark, and the mark is drawn (hatched) on the canvas rather than left out.
    const chartData = JSON.parse((await page.locator('#trends-data').textContent())!) as {
      charts: { id: string; datasets: { data: (number | null)[]; marks: (string | null)[] }[] }[];
    };
    const handoffs = chartData.charts.find((c) => c.id === 'grafiek-doorverwijzingen')!.datasets[0]!;
    const handoffCells = await page
      .locator('#uitkomsten-per-week tbody tr:not(.totaal)')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]!.getAttribute('data-display')));
    expect(handoffs.data.map((v, i) => (v === null ? handoffs.marks[i] : String(v)))).toEqual(handoffCells);
    expect(handoffs.marks.filter(Boolean).length).toBeGreaterThan(0);
    for (const chart of chartData.charts) {
      const marks = chart.datasets.flatMap((d) => d.marks).filter(Boolean).length;
      await expect(page.locator(`#${chart.id}`).getAttribute('data-afgeschermd'), chart.id).resolves.toBe(String(marks));
    }
    // The hatched marker is really painted: the marker's orange appears on the handoffs canvas.
    const orange = await page.evaluate(() => {
      const canvas = document.getElementById('grafiek-doorverwijzingen') as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! > 200 && px[i + 1]! > 90 && px[i + 1]! < 140 && px[i + 2]! < 40) n++;
      return n;
    });
    expect(orange).toBeGreaterThan(20);

    // No accessibility violations (axe-core, the WCAG 2.1 AA rules). Evaluated rather than added as a <script>:
    // the page's Content-Security-Policy rightly refuses inline scripts, and this test keeps that policy on.
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);

    // The cells on the page, as (table, row, column, value): key figures first, then every table.
    const shown = await page.evaluate(() => [
      ...[...document.querySelectorAll('#kerncijfers .kerncijfer')].map((d) =>
        ['Kerncijfers', d.querySelector('dt')!.textContent, 'Aantal', d.querySelector('dd')!.getAttribute('data-display')].join('|'),
      ),
      ...[...document.querySelectorAll('table')].flatMap((table) => {
        const title = table.querySelector('caption')!.textContent!.replace(/^Tabel: /, '');
        const cols = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent!);
        return [...table.querySelectorAll('tbody tr')].flatMap((tr) => {
          const row = tr.querySelector('th')?.textContent ?? '';
          return [...tr.querySelectorAll('td[data-display]')].map((td, i) => [title, row, cols[i], td.getAttribute('data-display')].join('|'));
        });
      }),
    ]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv-link').click()]);
    expect(download.suggestedFilename()).toBe('integriteitsbot-trends-2026-W45-2026-W48.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = csv
      .split('\r\n')
      .filter((l) => l && !l.startsWith('#'))
      .slice(1)
      .map((l) => l.split(';').map((f) => f.replace(/^"|"$/g, '').replace(/""/g, '"')).join('|'));
    expect(rows).toEqual(shown);
    expect(rows).toContain('Uitkomsten per onderwerp|Melden|Doorverwezen|< 5');
    expect(csv).not.toMatch(/Melden;Doorverwezen;2\b/);

    // Filter by channel: the Slack group's period totals per topic and outcome (6 gift questions, 2 handoffs),
    // cut from the same release; no per-week tables for a group.
    await page.getByLabel('Kanaal').selectOption('slack');
    await Promise.all([page.waitForURL(/channel=slack/), page.getByRole('button', { name: 'Filters toepassen' }).click()]);
    const groupCells = (id: string) =>
      page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.getAttribute('data-display')]));
    await expect(groupCells('onderwerpen-groep')).resolves.toContainEqual(['Melden', '< 5']);
    await expect(page.locator('#onderwerpen-per-week').count()).resolves.toBe(0);
    expect(await page.getAttribute('#csv-link', 'href')).toContain('channel=slack');

    // Channel and audience together: a plain-Dutch sentence, no numbers.
    await page.getByLabel('Doelgroep').selectOption('medewerker');
    await Promise.all([page.waitForURL(/audience=medewerker/), page.getByRole('button', { name: 'Filters toepassen' }).click()]);
    await expect(page.locator('#melding').textContent()).resolves.toMatch(/Kies één van de twee/);
    await expect(page.locator('table').count()).resolves.toBe(0);

    // Keyboard: the first Tab lands on the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');

    expect(problems).toEqual([]);
    await context.close();
  });
});

/**
 * `npx tsx bot/trends/dashboard/screenshot.ts [docs/dashboard.png]`: renders the dashboard with made-up demo
 * counts (temp SQLite file) in headless Chromium and saves a full-page screenshot for the docs.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { seedDemo } from '../demo.js';
import { openSqliteStore } from '../store/sqlite.js';
import { launchChromium } from './browser.js';
import { createDashboard } from './index.js';

const out = path.resolve(process.argv[2] ?? 'docs/dashboard.png');
const now = new Date('2026-11-26T12:00:00Z');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trends-screenshot-'));
const store = openSqliteStore({ path: path.join(tmp, 'trends.sqlite') });
seedDemo(store, now);
const password = 'screenshot-only-password';
const app = express();
app.use(createDashboard({ store, config: { k: 5, dashboard: { username: 'demo', password } }, now: () => now }).router!);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const browser = await launchChromium();
try {
  const context = await browser.newContext({ httpCredentials: { username: 'demo', password }, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard?weeks=12`);
  await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  server.close();
  await store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

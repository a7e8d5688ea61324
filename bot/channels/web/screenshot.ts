/**
 * `npx tsx bot/channels/web/screenshot.ts [docs]`: serves the web chat on the real core (the index under DATA_DIR,
 * built when missing; the example directory of fictional people), asks a gift question and a harassment message
 * in headless Chromium and saves docs/webchat.png (1280 px, whole page) and docs/webchat-phone.png (390 × 844,
 * what the phone shows after the handoff).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import type { Page } from 'playwright-core';
import { DEFAULT_ROOT, PROJECT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../../../knowledge/search/load.js';
import { loadConfig } from '../../config/load.js';
import { createCore } from '../../core/index.js';
import { loadDirectory } from '../../directory/index.js';
import { launchChromium } from '../../trends/dashboard/browser.js';
import { createWebChat } from './index.js';

const outDir = path.resolve(process.argv[2] ?? 'docs');
const config = loadConfig();
const indexDir = path.resolve(PROJECT_ROOT, config.dataDir, 'index');
await ensureIndex(indexDir, { roots: [DEFAULT_ROOT] });
const core = createCore({ retriever: await loadRetriever(indexDir), directory: loadDirectory(path.join(PROJECT_ROOT, 'config', 'vertrouwenspersonen.example.yaml')) });
const app = express();
app.use(createWebChat({ core, maxChars: 2000, contactRequests: false }).router!);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

async function converse(page: Page): Promise<void> {
  await page.goto(base);
  await page.locator('#log article[data-kind]').first().waitFor();
  for (const [question, kind] of [
    ['Mag ik een fles wijn van een leverancier aannemen?', 'answer'],
    ['Ik word al weken gepest door mijn teamleider', 'handoff'],
  ]) {
    await page.locator('#vraag').fill(question!);
    await page.locator('#vraag').press('Enter');
    await page.locator(`#log article[data-kind="${kind}"]`).waitFor({ timeout: 15_000 });
  }
}

const browser = await launchChromium();
try {
  fs.mkdirSync(outDir, { recursive: true });
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await converse(desktop);
  // The whole conversation in one viewport: a full-page capture would paint the sticky question box mid-page.
  await desktop.setViewportSize({ width: 1280, height: await desktop.evaluate(() => document.documentElement.scrollHeight) });
  await desktop.screenshot({ path: path.join(outDir, 'webchat.png') });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await converse(phone);
  await phone.locator('#log article[data-kind="handoff"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await phone.screenshot({ path: path.join(outDir, 'webchat-phone.png') });
  console.log(`saved ${path.join(outDir, 'webchat.png')} and webchat-phone.png`);
} finally {
  await browser.close();
  server.close();
}

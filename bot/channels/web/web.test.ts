/**
 * The web chat mounted in a tiny local express app over the real core and index; the page is driven in real
 * Chromium (playwright-core, /usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../test/support/core.js';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import type { Notifier, NotifyRequest } from '../../core/notify.js';
import type { TrendEvent } from '../../trends/types.js';
import { createWebChat } from './index.js';

let server: http.Server;
let base = '';
const events: TrendEvent[] = [];
// The page is served with a notifier that records warm-handoff requests; the API tests use none.
const notified: NotifyRequest[] = [];
let pageServer: http.Server;
let pageBase = '';

async function serve(core: Awaited<ReturnType<typeof createTestCore>>): Promise<[http.Server, string]> {
  const app = express();
  app.use(createWebChat({ core }).router!);
  const s = await new Promise<http.Server>((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  return [s, `http://127.0.0.1:${(s.address() as { port: number }).port}`];
}

beforeAll(async () => {
  [server, base] = await serve(await createTestCore({ recorder: { record: (e) => events.push(e) } }));
  const notifier: Notifier = { configured: true, notify: async (r) => (notified.push(r), { ok: true }) };
  [pageServer, pageBase] = await serve(await createTestCore({ recorder: { record: (e) => events.push(e) }, notifier }));
});
afterAll(async () => {
  for (const s of [server, pageServer]) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

const post = (p: string, body: string, type = 'application/json') => fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('web chat API', () => {
  it('answers a question as Reply JSON', async () => {
    const res = await post('/api/chat', JSON.stringify({ text: 'Mag ik een fles wijn van een leverancier aannemen?' }));
    expect(res.status).toBe(200);
    const reply = await res.json();
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
  });

  it('honours the chosen language', async () => {
    const reply = await (await post('/api/chat', JSON.stringify({ text: 'geschenk leverancier', lang: 'en' }))).json();
    expect(reply.lang).toBe('en');
  });

  it('rejects malformed bodies with 400 without echoing them, and oversized bodies with 413', async () => {
    const bad = await post('/api/chat', '{"text": "SECRET-ECHO-CHECK');
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('SECRET-ECHO-CHECK');
    expect((await post('/api/chat', JSON.stringify({ txt: 'x' }))).status).toBe(400);
    expect((await post('/api/chat', JSON.stringify({ text: 42 }))).status).toBe(400);
    expect((await post('/api/chat', JSON.stringify({ text: 'x'.repeat(40_000) }))).status).toBe(413);
  });

  it('refuses a too-long question politely (core limit) instead of failing', async () => {
    const reply = await (await post('/api/chat', JSON.stringify({ text: 'Mag dat? '.repeat(300) }))).json();
    expect(reply.kind).toBe('refusal');
  });

  it('records feedback and validates it', async () => {
    events.length = 0;
    const ok = await post('/api/feedback', JSON.stringify({ vote: 'up', meta: { intent: 'advice', topic: 'geschenken', audience: null, outcome: 'answered' } }));
    expect(ok.status).toBe(204);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'feedback', vote: 'up', channel: 'web', topic: 'geschenken' }));
    expect((await post('/api/feedback', JSON.stringify({ vote: 'sideways', meta: {} }))).status).toBe(400);
  });

  it('handles a contact request (no notifier configured: routes to reach out directly)', async () => {
    const res = await post('/api/contact', JSON.stringify({ contactId: 'vp-anna', lang: 'nl' }));
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.reply.text).toContain('anna.voorbeeld@example.org');
  });
});

describe('web chat page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers with a GIR 4.1 source link, shows the vertrouwenspersonen for a handoff, loads only local assets', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${pageBase}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    // The design-system CSS is applied (the token class defines custom properties on body).
    const token = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--rhc-color-lintblauw-500').trim());
    expect(token).not.toBe('');
    expect(await page.getAttribute('#log', 'aria-live')).toBe('polite');

    const input = page.getByLabel('Je vraag');
    await input.fill('Mag ik een fles wijn van een leverancier aannemen?');
    await input.press('Enter');
    const link = page.locator('#log a[data-doc="GIR"][data-section="4.1"]');
    await link.first().waitFor({ timeout: 15_000 });
    expect(await link.first().textContent()).toContain('Gedragscode Integriteit Rijk §4.1');
    expect(await link.first().getAttribute('href')).toMatch(/^https:\/\//);
    await expect.poll(() => page.locator('#log button[data-vote="up"]').count()).toBeGreaterThan(0);

    // Keyboard only: focus the textarea with Tab navigation from the form, type, submit with Enter.
    await input.focus();
    await page.keyboard.type('Ik word al weken gepest door mijn teamleider');
    await page.keyboard.press('Enter');
    const handoff = page.locator('#log article[data-kind="handoff"]');
    await handoff.waitFor({ timeout: 15_000 });
    const text = (await handoff.textContent()) ?? '';
    expect(text).toContain('Anna Voorbeeld');
    expect(text).toContain('Bram Proefpersoon');
    expect(text).toContain('088-133 10 00');
    expect(await handoff.getByRole('button', { name: /Vraag om contact met Anna Voorbeeld/ }).count()).toBe(1);

    // Feedback click reaches the API.
    await page.locator('#log button[data-vote="up"]').first().click();
    await page.getByText('Dank voor je reactie.').waitFor();

    // Warm handoff: the person says how they can be reached; only that goes to the vertrouwenspersoon.
    await handoff.getByRole('button', { name: /Vraag om contact met Anna Voorbeeld/ }).click();
    await page.getByLabel('Naam').fill('Sam Voorbeeld');
    await page.getByLabel('E-mailadres').fill('sam@example.org');
    await page.getByRole('button', { name: 'Vraag om contact', exact: true }).click();
    await expect.poll(() => notified.length).toBe(1);
    expect(notified[0]).toMatchObject({ contact: { id: 'vp-anna' }, requester: { displayName: 'Sam Voorbeeld', email: 'sam@example.org' }, channel: 'web' });
    expect(JSON.stringify(notified[0])).not.toContain('gepest');
    await expect.poll(() => page.locator('#log article').count()).toBeGreaterThan(3);

    mkdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'webchat.png'), fullPage: true });
    expect(failed).toEqual([]);
    for (const url of requested) expect(url.startsWith(pageBase), url).toBe(true);
    await page.close();
  });
});

/**
 * The web chat mounted in a tiny local express app over the real core and index; the page is driven in real
 * Chromium (playwright-core, /usr/bin/chromium).
 */
import type http from 'node:http';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../test/support/core.js';
import { switchableTriage } from '../../../test/support/triage.js';
import { t } from '../../core/messages.js';
import { createTriage } from '../../core/triage/index.js';
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
// The trained model; a test about the buttons after triage forces the route it needs.
const triage = switchableTriage(createTriage());

async function serve(core: Awaited<ReturnType<typeof createTestCore>>): Promise<[http.Server, string]> {
  const app = express();
  app.use(createWebChat({ core, contactRequests: true }).router!);
  const s = await new Promise<http.Server>((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  return [s, `http://127.0.0.1:${(s.address() as { port: number }).port}`];
}

beforeAll(async () => {
  [server, base] = await serve(await createTestCore({ recorder: { record: (e) => events.push(e) }, triage }));
  const notifier: Notifier = { configured: true, notify: async (r) => (notified.push(r), { ok: true }) };
  [pageServer, pageBase] = await serve(await createTestCore({ recorder: { record: (e) => events.push(e) }, notifier, triage }));
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

  it('answers a follow-up against the previous answer when the page sends its context token back', async () => {
    const first = await (await post('/api/chat', JSON.stringify({ text: 'Mag een oud-minister als lobbyist bij ons ministerie langskomen?' }))).json();
    expect(first.citations[0]).toMatchObject({ doc: 'GIR', section: '4.7' });
    expect(first.context).toEqual(expect.any(String));
    const followup = await (await post('/api/chat', JSON.stringify({ text: 'hoe lang geldt dat?', context: first.context }))).json();
    expect(followup.kind).toBe('answer');
    expect(followup.citations[0]).toMatchObject({ doc: 'GIR', section: '4.7' });
    const alone = await (await post('/api/chat', JSON.stringify({ text: 'hoe lang geldt dat?' }))).json();
    expect(alone.kind).not.toBe('answer');
    // A context is a sealed token of bounded size; anything else is a bad request, a forged one is ignored.
    expect((await post('/api/chat', JSON.stringify({ text: 'x', context: 'y'.repeat(5000) }))).status).toBe(400);
    expect((await post('/api/chat', JSON.stringify({ text: 'hoe lang geldt dat?', context: 'vervalst' }))).status).toBe(200);
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
    const answer = await (await post('/api/chat', JSON.stringify({ text: 'Mag ik een fles wijn van een leverancier aannemen?' }))).json();
    events.length = 0;
    const ok = await post('/api/feedback', JSON.stringify({ vote: 'up', ref: answer.ref }));
    expect(ok.status).toBe(204);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'feedback', vote: 'up', channel: 'web', topic: 'geschenken' }));
    expect((await post('/api/feedback', JSON.stringify({ vote: 'sideways', ref: answer.ref }))).status).toBe(400);
  });

  it('accepts JSON only: other content types get 415 before the body is read, on every API route', async () => {
    for (const p of ['/api/chat', '/api/reroute', '/api/feedback', '/api/contact']) {
      expect((await post(p, JSON.stringify({ text: 'x' }), 'text/plain')).status, p).toBe(415);
      expect((await post(p, 'text=x', 'application/x-www-form-urlencoded')).status, p).toBe(415);
    }
  });

  it('reroutes a sealed question both ways through POST /api/reroute, with the same body rules as /api/chat', async () => {
    triage.force('clarify');
    try {
      const clarify = await (await post('/api/chat', JSON.stringify({ text: 'Mijn collega neemt soms kantoorspullen mee naar huis' }))).json();
      expect(clarify.kind).toBe('clarify');
      expect(clarify.actions.map((a: { label: string }) => a.label)).toEqual([t('clarifyRules', 'nl'), t('clarifyTalk', 'nl')]);
      const token = clarify.actions[0].token as string;
      expect(token).not.toContain('kantoor');
      const handoff = await (await post('/api/reroute', JSON.stringify({ token, target: 'handoff' }))).json();
      expect(handoff.kind).toBe('handoff');
      expect(handoff.private).toBe(false);
      const back = handoff.actions.find((a: { type: string }) => a.type === 'reroute');
      expect(back).toMatchObject({ target: 'advice', label: t('onlyRules', 'nl') });
      const advice = await (await post('/api/reroute', JSON.stringify({ token: back.token, target: 'advice' }))).json();
      expect(['answer', 'abstain', 'refusal']).toContain(advice.kind);
      expect(advice.meta.route ?? 'advice').not.toBe('handoff');
    } finally {
      triage.force(null);
    }
    const expired = await (await post('/api/reroute', JSON.stringify({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', target: 'advice' }))).json();
    expect(expired.kind).toBe('help');
    expect(expired.text).toBe(t('rerouteExpired', 'nl'));
    const bad = await post('/api/reroute', '{"token": "SECRET-ECHO-CHECK');
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('SECRET-ECHO-CHECK');
    expect((await post('/api/reroute', JSON.stringify({ token: 'x', target: 'elsewhere' }))).status).toBe(400);
    expect((await post('/api/reroute', JSON.stringify({ token: 'x', target: 'advice', text: 'plain' }))).status).toBe(400);
    expect((await post('/api/reroute', JSON.stringify({ token: 'x'.repeat(40_000), target: 'advice' }))).status).toBe(413);
  });

  it('handles a contact request (no notifier configured: routes to reach out directly)', async () => {
    triage.force('handoff');
    const handoff = await (await post('/api/chat', JSON.stringify({ text: 'ik word gepest' }))).json();
    triage.force(null);
    const res = await post('/api/contact', JSON.stringify({ contactId: 'vp-anna', lang: 'nl', ref: handoff.ref }));
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

    // The handoff offers the way back to the rules: a button like the others, reachable by keyboard.
    expect(await handoff.getByRole('button', { name: t('onlyRules', 'nl') }).count()).toBe(1);

    expect(failed).toEqual([]);
    for (const url of requested) expect(url.startsWith(pageBase), url).toBe(true);
    await page.close();
  });

  it('asks the clarifying question as a bot turn; each kind of reroute button answers once and moves focus to the new reply', async () => {
    triage.force('clarify');
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const rerouted: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/reroute')) rerouted.push(r.postData() ?? '');
    });
    try {
      await page.goto(`${pageBase}/`);
      const input = page.getByLabel('Je vraag');
      await input.fill('Mijn collega neemt soms kantoorspullen mee naar huis');
      await input.press('Enter');
      const clarify = page.locator('#log article[data-kind="clarify"]');
      await clarify.waitFor({ timeout: 15_000 });
      expect(await clarify.textContent()).toContain(t('clarifyQuestion', 'nl').slice(0, 30));
      const choices = clarify.getByRole('group', { name: 'Kies hoe je verder wilt' }).getByRole('button');
      expect(await choices.allTextContents()).toEqual([t('clarifyRules', 'nl'), t('clarifyTalk', 'nl')]);

      // The clarifying question's choice, by keyboard: confidential talk.
      await clarify.getByRole('button', { name: t('clarifyTalk', 'nl') }).focus();
      await page.keyboard.press('Enter');
      const handoff = page.locator('#log article[data-kind="handoff"]');
      await handoff.waitFor({ timeout: 15_000 });
      expect(await handoff.textContent()).toContain('Anna Voorbeeld');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-kind'))).toBe('handoff');
      for (const b of await choices.all()) expect(await b.isDisabled()).toBe(true);
      expect(await clarify.getByRole('button', { name: t('clarifyTalk', 'nl') }).getAttribute('aria-pressed')).toBe('true');
      expect(await clarify.textContent()).toContain(`Gekozen: ${t('clarifyTalk', 'nl')}`);

      // The handoff's way back: only the rules.
      await handoff.getByRole('button', { name: t('onlyRules', 'nl') }).click();
      const next = page.locator('#log article[data-kind]').last();
      await expect.poll(() => page.locator('#log article[data-kind]').count()).toBe(4); // welcome, clarify, handoff, rules
      expect(['answer', 'abstain', 'refusal']).toContain(await next.getAttribute('data-kind'));
      await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelector('#log article[data-kind]:last-of-type'))).toBe(true);
      expect(await handoff.getByRole('button', { name: t('onlyRules', 'nl') }).isDisabled()).toBe(true);

      // Each button sent the sealed token only, never the question.
      expect(rerouted).toHaveLength(2);
      for (const body of rerouted) {
        expect(Object.keys(JSON.parse(body)).sort()).toEqual(['target', 'token']);
        expect(body).not.toContain('kantoor');
      }
    } finally {
      triage.force(null);
      await page.close();
    }
  });
});

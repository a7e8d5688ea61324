/**
 * The web chat page as people use it, in real Chromium (playwright-core, /usr/bin/chromium) over the real core:
 * phone widths, keyboard-only use, axe-core, the contact flow with and without a notifier, double sends, errors,
 * the character counter, links in replies, feedback, the page's language. Network faults are made with
 * page.route (the browser's own request interception); everything else goes to the real server.
 */
import { createRequire } from 'node:module';
import type http from 'node:http';
import express from 'express';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../test/support/core.js';
import { switchableTriage } from '../../../test/support/triage.js';
import { t } from '../../core/messages.js';
import { createTriage } from '../../core/triage/index.js';
import type { Notifier, NotifyRequest } from '../../core/notify.js';
import { launchChromium } from '../../trends/dashboard/browser.js';
import { createWebChat } from './index.js';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const triage = switchableTriage(createTriage());
const notified: NotifyRequest[] = [];
let browser: Browser;
const servers: http.Server[] = [];
/** With a notifier (the warm handoff form) and without one (the quick-start state: direct routes). */
let withNotifier = '';
let withoutNotifier = '';

async function serve(notifier?: Notifier): Promise<string> {
  const core = await createTestCore({ triage, ...(notifier ? { notifier } : {}) });
  const app = express();
  app.use(createWebChat({ core, contactRequests: Boolean(notifier), maxChars: 2000 }).router!);
  const s = await new Promise<http.Server>((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  servers.push(s);
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

beforeAll(async () => {
  withNotifier = await serve({ configured: true, notify: async (r) => (notified.push(r), { ok: true }) });
  withoutNotifier = await serve();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function open(base: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  // The welcome is the first bot turn.
  await page.locator('#log article[data-kind]').first().waitFor();
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

/** Types a question, sends it with Enter and waits for the reply it produced; returns that reply's article. */
async function ask(page: Page, text: string, route: Parameters<typeof triage.force>[0] = null) {
  triage.force(route);
  const before = await page.locator('#log article[data-kind]').count();
  await page.locator('#vraag').fill(text);
  await page.locator('#vraag').press('Enter');
  await expect.poll(() => page.locator('#log article[data-kind]').count(), { timeout: 15_000 }).toBe(before + 1);
  return page.locator('#log article[data-kind]').last();
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
/** Against the device width: on a phone Chromium widens the layout viewport to fit content that overflows. */
const horizontalOverflow = (page: Page, width: number) => page.evaluate((w) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - w, width);

describe('web chat on a phone', () => {
  for (const [width, height] of [
    [320, 568],
    [390, 844],
  ] as const) {
    it(`${width} px wide: no sideways scrolling, the question box in the first viewport, long addresses wrap`, async () => {
      const page = await open(withoutNotifier, { viewport: { width, height }, isMobile: true, hasTouch: true });
      try {
        expect(await horizontalOverflow(page, width)).toBeLessThanOrEqual(0);
        const box = await page.locator('#vraag').boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height).toBeLessThanOrEqual(height);
        const send = await page.locator('#verstuur').boundingBox();
        expect(send!.y + send!.height).toBeLessThanOrEqual(height);
        // The header's "Nieuwe vraag" fits too (an overflow hidden by the header would not widen the page).
        const restart = await page.locator('#opnieuw').boundingBox();
        expect(restart!.x + restart!.width).toBeLessThanOrEqual(width);
        // A handoff carries unbreakable e-mail addresses and URLs.
        await ask(page, 'Ik word al weken gepest door mijn teamleider', 'handoff');
        expect(await horizontalOverflow(page, width)).toBeLessThanOrEqual(0);
        const after = await page.locator('#vraag').boundingBox();
        expect(after!.y + after!.height).toBeLessThanOrEqual(height);
      } finally {
        triage.force(null);
        await close(page);
      }
    });
  }
});

describe('web chat input', () => {
  it('sends once while an answer is loading, however often Enter or the button is pressed', async () => {
    const page = await open(withoutNotifier);
    let requests = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/chat', async (route) => {
      requests++;
      await held;
      await route.continue();
    });
    try {
      triage.force('advice');
      await page.locator('#vraag').fill('Mag ik een fles wijn van een leverancier aannemen?');
      await page.locator('#vraag').press('Enter');
      await expect.poll(() => requests).toBe(1);
      // Impatient: more typing and Enter while the answer is on its way.
      await page.locator('#vraag').focus();
      await page.keyboard.type(' Nog een vraag');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.locator('#verstuur').click({ force: true });
      const busyWhileLoading = await page.locator('#chat-form').getAttribute('aria-busy');
      release();
      await page.locator('#log article[data-kind="answer"]').waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      expect(requests).toBe(1);
      expect(busyWhileLoading).toBe('true');
      expect(await page.locator('#vraag').inputValue()).toBe('');
      expect(await page.locator('#chat-form').getAttribute('aria-busy')).not.toBe('true');
    } finally {
      triage.force(null);
      await close(page);
    }
  });

  it('keeps the typed text on an error and offers a retry that sends it again', async () => {
    const page = await open(withoutNotifier, { bypassCSP: true });
    let calls = 0;
    await page.route('**/api/chat', async (route) => {
      calls++;
      if (calls === 1) await route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"internal error"}' });
      else await route.continue();
    });
    try {
      triage.force('advice');
      const question = 'Mag ik een fles wijn van een leverancier aannemen?';
      await page.locator('#vraag').fill(question);
      await page.locator('#vraag').press('Enter');
      const retry = page.getByRole('button', { name: 'Opnieuw proberen' });
      await retry.waitFor();
      expect(await page.locator('#vraag').inputValue()).toBe(question);
      expect(await page.locator('#log article[data-kind]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await retry.click();
      await page.locator('#log article[data-kind="answer"]').waitFor({ timeout: 15_000 });
      expect(calls).toBe(2);
      expect(await page.locator('#vraag').inputValue()).toBe('');
      expect(await retry.count()).toBe(0);
    } finally {
      triage.force(null);
      await close(page);
    }
  });

  it('counts characters visibly and does not cut a pasted overlong message and gets the "te lang" reply', async () => {
    const page = await open(withoutNotifier);
    try {
      const long = 'Mag ik dit aannemen? '.repeat(110); // 2,310 characters
      await page.locator('#vraag').fill(long);
      expect(await page.locator('#vraag').inputValue()).toHaveLength(long.length);
      const counter = page.locator('#vraag-teller');
      expect(await counter.isVisible()).toBe(true);
      expect(await counter.textContent()).toContain('2310');
      expect(await counter.textContent()).toContain('2000');
      await page.locator('#vraag').press('Enter');
      const reply = page.locator('#log article[data-kind="refusal"]');
      await reply.waitFor({ timeout: 15_000 });
      expect(await reply.textContent()).toContain(t('tooLong', 'nl', { max: 2000 }));
    } finally {
      await close(page);
    }
  });

  it('"Nieuwe vraag" starts over: the conversation and the follow-up context are cleared, the question box has focus', async () => {
    const page = await open(withoutNotifier);
    const bodies: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/chat')) bodies.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
    });
    try {
      const first = await ask(page, 'Mag ik een fles wijn van een leverancier aannemen?', 'advice');
      expect(await first.getAttribute('data-kind')).toBe('answer');
      // The next question carries the answer's context token (sealed card ids), so a follow-up can be answered.
      const followup = await ask(page, 'en als het 60 euro is?', null);
      expect(bodies[1]?.context).toEqual(expect.any(String));
      expect(await followup.getAttribute('data-kind')).toBe('answer');
      await page.locator('#vraag').fill('half getypt');
      await page.getByRole('button', { name: 'Nieuwe vraag' }).click();
      expect(await page.locator('#log article[data-kind="answer"]').count()).toBe(0);
      expect(await page.locator('#log .chat-turn--user').count()).toBe(0);
      expect(await page.locator('#vraag').inputValue()).toBe('');
      expect(await activeId(page)).toBe('vraag');
      await ask(page, 'en als het 60 euro is?', null);
      expect(bodies).toHaveLength(3);
      expect(bodies[2]).not.toHaveProperty('context');
    } finally {
      triage.force(null);
      await close(page);
    }
  });

  it('announces only the first lines of a new reply, never the whole log or the welcome', async () => {
    const page = await open(withoutNotifier);
    try {
      expect(await page.getAttribute('#log', 'aria-live')).toBeNull();
      const live = page.locator('#announce');
      expect(await live.getAttribute('aria-live')).toBe('polite');
      expect((await live.textContent())?.trim()).toBe('');
      const reply = await ask(page, 'Mag ik een fles wijn van een leverancier aannemen?', 'advice');
      await expect.poll(async () => (await live.textContent())?.length ?? 0).toBeGreaterThan(20);
      const announced = (await live.textContent()) ?? '';
      expect(announced.length).toBeLessThanOrEqual(320);
      expect(((await reply.textContent()) ?? '').length).toBeGreaterThan(announced.length);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

describe('web chat answer size', () => {
  it('folds the rest of an answer under "Meer", with the sources it cites there', async () => {
    const page = await open(withoutNotifier);
    try {
      const reply = await ask(page, 'Mag ik een fles wijn van een leverancier aannemen?', 'advice');
      const more = reply.locator('details.chat-more');
      expect(await more.count()).toBe(1);
      expect((await more.locator('summary').textContent())?.trim()).toBe('Meer');
      expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

describe('web chat links', () => {
  it('turns e-mail addresses, phone numbers and URLs into links built as DOM nodes; reply text never becomes markup', async () => {
    const page = await open(withoutNotifier);
    const evil = {
      kind: 'answer',
      lang: 'nl',
      text: '',
      sections: [
        { text: 'Mail naar a.b@example.org of bel 070 000 00 01, zie https://example.org/pad?x=1. <img src=x onerror="window.pwned=1"> javascript:alert(1)' },
        { bullets: ['<b>vet</b> www.example.org'] },
      ],
      citations: [{ doc: 'X', docTitle: 'X', section: '1', sectionTitle: 'Y', url: 'javascript:alert(1)', label: 'X §1' }],
      contacts: [],
      actions: [],
      meta: { intent: 'advice', topic: null, audience: null, outcome: 'answered' },
    };
    await page.route('**/api/chat', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(evil) }));
    try {
      const reply = await ask(page, 'iets');
      expect(await reply.locator('a[href="mailto:a.b@example.org"]').textContent()).toBe('a.b@example.org');
      expect(await reply.locator('a[href="tel:0700000001"]').textContent()).toBe('070 000 00 01');
      expect(await reply.locator('a[href="https://example.org/pad?x=1"]').textContent()).toBe('https://example.org/pad?x=1');
      expect(await reply.locator('img, b').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await reply.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await reply.textContent()).toContain('<img src=x');
    } finally {
      await close(page);
    }
  });
});

describe('web chat quoted Dutch', () => {
  it('marks a section quoted in Dutch inside an English reply with lang="nl", and only that section', async () => {
    const page = await open(withoutNotifier);
    const reply = {
      kind: 'answer',
      lang: 'en',
      text: '',
      sections: [
        { text: 'According to the source: you may accept a gift worth at most € 50. [1]' },
        { heading: 'Rules (Dutch source text)', bullets: ['De grens is € 50.'], lang: 'nl' },
        { text: 'Stays English', lang: 'en' },
      ],
      more: [{ heading: 'Note (Dutch source text)', text: 'Je organisatie kan strenger zijn.', lang: 'nl' }],
      citations: [{ doc: 'GIR', docTitle: 'Gedragscode Integriteit Rijk', section: '4.1', sectionTitle: 'Geschenken', url: 'https://example.org/gir', label: 'GIR §4.1' }],
      contacts: [],
      actions: [],
      meta: { intent: 'advice', topic: null, audience: null, outcome: 'answered' },
    };
    await page.route('**/api/chat', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(reply) }));
    try {
      const turn = await ask(page, 'gift limit');
      expect(await turn.getAttribute('lang')).toBe('en');
      expect(await turn.locator('[lang="nl"]').evaluateAll((els) => els.map((e) => `${e.tagName} ${e.textContent}`))).toEqual([
        'UL De grens is € 50.',
        'P Je organisatie kan strenger zijn.',
      ]);
      // The heading is the reply's own language.
      expect(await turn.locator('h3', { hasText: 'Rules (Dutch source text)' }).getAttribute('lang')).toBeNull();
    } finally {
      await close(page);
    }
  });
});

describe('web chat contact flow', () => {
  it('without a notifier: the handoff shows every vertrouwenspersoon\'s direct routes first, no form', async () => {
    const page = await open(withoutNotifier, { bypassCSP: true });
    try {
      const handoff = await ask(page, 'Ik word al weken gepest door mijn teamleider', 'handoff');
      for (const [name, mail, tel] of [
        ['Anna Voorbeeld', 'anna.voorbeeld@example.org', '0700000001'],
        ['Bram Proefpersoon', 'bram.proefpersoon@example.org', '0700000002'],
        ['Carla Fictief', 'vertrouwenspersoon@example.org', '0300000003'],
      ]) {
        const routes = handoff.locator('.chat-routes').getByRole('listitem').filter({ hasText: name! });
        expect(await routes.locator(`a[href="mailto:${mail}"]`).count(), name).toBe(1);
        expect(await routes.locator(`a[href="tel:${tel}"]`).count(), name).toBe(1);
      }
      expect(await handoff.locator('form').count()).toBe(0);
      expect(await handoff.getByRole('button', { name: /Vraag om contact/ }).count()).toBe(0);
      // The routes come before the policy sources.
      const order = await handoff.evaluate((el) => {
        const routes = el.querySelector('.chat-routes');
        const sources = el.querySelector('.chat-sources');
        return routes && sources ? routes.compareDocumentPosition(sources) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
      });
      expect(order).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      triage.force(null);
      await close(page);
    }
  });

  it('with a notifier: every vertrouwenspersoon (internal and external) can be asked; the page says what was passed on', async () => {
    notified.length = 0;
    const page = await open(withNotifier, { bypassCSP: true });
    try {
      const handoff = await ask(page, 'Ik word al weken gepest door mijn teamleider', 'handoff');
      for (const name of ['Anna Voorbeeld', 'Bram Proefpersoon', 'Carla Fictief']) {
        expect(await handoff.getByRole('button', { name: new RegExp(`Vraag om contact met ${name}`) }).count(), name).toBe(1);
      }
      await handoff.getByRole('button', { name: /Vraag om contact met Carla Fictief/ }).click();
      expect(await activeId(page)).toMatch(/^contact-name/);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Naam').fill('Sam Voorbeeld');
      await page.getByLabel('E-mailadres').fill('sam@example.org');
      await page.getByRole('button', { name: 'Vraag om contact', exact: true }).click();
      await expect.poll(() => notified.length).toBe(1);
      expect(notified[0]).toMatchObject({ contact: { id: 'vp-extern' }, requester: { displayName: 'Sam Voorbeeld', email: 'sam@example.org' } });
      const confirmation = page.locator('#log article[data-kind]').last();
      await expect.poll(() => confirmation.textContent()).toContain('sam@example.org');
      expect(await confirmation.textContent()).toContain('Sam Voorbeeld');
      // Focus goes to the confirmation, not to the page body.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('chat-turn') ?? false)).toBe(true);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

describe('web chat feedback', () => {
  it('offers one vote on every reply kind, including handoffs and refusals', async () => {
    const page = await open(withoutNotifier);
    const votes: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/feedback')) votes.push(r.postData() ?? '');
    });
    try {
      for (const [text, route, kind] of [
        ['Ik word al weken gepest door mijn teamleider', 'handoff', 'handoff'],
        ['Hoe warm wordt het morgen?', 'out-of-scope', 'refusal'],
      ] as const) {
        const reply = await ask(page, text, route);
        expect(await reply.getAttribute('data-kind')).toBe(kind);
        const up = reply.locator('button[data-vote="up"]');
        expect(await up.count(), kind).toBe(1);
        await up.dblclick();
        await reply.getByText('Dank voor je reactie.').waitFor();
        expect(await reply.locator('button[data-vote]').count()).toBe(0);
      }
      expect(votes).toHaveLength(2);
      // Each vote hands back its own reply's sealed ref (the server takes the labels from it, never from the page).
      const refs = votes.map((v) => JSON.parse(v) as { ref?: unknown; meta?: unknown });
      for (const r of refs) {
        expect(typeof r.ref).toBe('string');
        expect(r.meta).toBeUndefined();
      }
      expect(refs[0]!.ref).not.toBe(refs[1]!.ref);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

describe('web chat keyboard and language', () => {
  it('works with the keyboard only: Tab to the question, send, vote, ask for contact; focus never falls to the body', async () => {
    notified.length = 0;
    const page = await open(withNotifier);
    try {
      for (let i = 0; i < 15 && (await activeId(page)) !== 'vraag'; i++) await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('vraag');
      triage.force('handoff');
      await page.keyboard.type('Ik word al weken gepest door mijn teamleider');
      await page.keyboard.press('Enter');
      const handoff = page.locator('#log article[data-kind="handoff"]');
      await handoff.waitFor({ timeout: 15_000 });
      // Focus stays in the question box after sending; Shift+Tab walks back into the reply.
      expect(await activeId(page)).toBe('vraag');
      const tabTo = async (selector: string, key: 'Tab' | 'Shift+Tab') => {
        for (let i = 0; i < 40; i++) {
          if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
          await page.keyboard.press(key);
        }
        throw new Error(`never reached ${selector}`);
      };
      await tabTo('#log article[data-kind="handoff"] button[data-vote="up"]', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await handoff.getByText('Dank voor je reactie.').waitFor();
      expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
      await tabTo('#log article[data-kind="handoff"] button.chat-contact-button', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => activeId(page)).toMatch(/^contact-name/);
      await page.keyboard.type('Sam Voorbeeld');
      await page.keyboard.press('Tab');
      await page.keyboard.type('sam@example.org');
      await page.keyboard.press('Enter');
      await expect.poll(() => notified.length).toBe(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('chat-turn') ?? false)).toBe(true);
    } finally {
      triage.force(null);
      await close(page);
    }
  });

  it('switches the page\'s own labels to English when the reply is English, and back', async () => {
    const page = await open(withoutNotifier);
    try {
      await ask(page, 'Can I accept a gift from a supplier?', 'advice');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByLabel('Your question').count()).toBe(1);
      expect(await page.locator('#verstuur').textContent()).toBe('Send');
      expect(await page.getByRole('button', { name: 'New question' }).count()).toBe(1);
      await ask(page, 'Mag ik een fles wijn van een leverancier aannemen?', 'advice');
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      expect(await page.getByLabel('Je vraag').count()).toBe(1);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

describe('web chat accessibility (axe-core)', () => {
  it('has no violations on the first load, after an answer and after a handoff', async () => {
    const page = await open(withoutNotifier, { bypassCSP: true });
    try {
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, 'Mag ik een fles wijn van een leverancier aannemen?', 'advice');
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, 'Ik word al weken gepest door mijn teamleider', 'handoff');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      triage.force(null);
      await close(page);
    }
  });
});

/**
 * The browser endpoints against forged and repeated requests: another site's form or script (Origin /
 * Sec-Fetch-Site), floods of contact requests and votes (per-address limits), a second contact request or vote for
 * the same reply (the reply's sealed `ref`), and a display name carrying line breaks or markup.
 */
import type http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../test/support/core.js';
import { switchableTriage } from '../../../test/support/triage.js';
import type { Notifier, NotifyRequest } from '../../core/notify.js';
import { createTriage } from '../../core/triage/index.js';
import type { Reply } from '../../core/types.js';
import type { TrendEvent } from '../../trends/types.js';
import { createWebChat } from './index.js';

const triage = switchableTriage(createTriage());
const events: TrendEvent[] = [];
const notified: NotifyRequest[] = [];
const servers: http.Server[] = [];

async function serve(): Promise<string> {
  const notifier: Notifier = { configured: true, notify: async (r) => (notified.push(r), { ok: true }) };
  const core = await createTestCore({ recorder: { record: (e) => events.push(e) }, notifier, triage });
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(createWebChat({ core }).router!);
  const s = await new Promise<http.Server>((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  servers.push(s);
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

let base = '';
beforeAll(async () => {
  base = await serve();
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

let client = 0;
/** Each test speaks from its own client address (X-Forwarded-For through the trusted loopback proxy). */
const from = () => `198.51.100.${++client}`;
const post = (p: string, body: unknown, headers: Record<string, string> = {}, url = base) =>
  fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function handoffReply(headers: Record<string, string>): Promise<Reply & { ref?: string }> {
  triage.force('handoff');
  try {
    return (await (await post('/api/chat', { text: 'ik word gepest door mijn leidinggevende' }, headers)).json()) as Reply & { ref?: string };
  } finally {
    triage.force(null);
  }
}

describe('web chat API: same origin only', () => {
  it('refuses a cross-site request (Origin or Sec-Fetch-Site) with 403 before anything happens', async () => {
    const before = notified.length;
    const headers = { 'x-forwarded-for': from() };
    for (const p of ['/api/chat', '/api/reroute', '/api/feedback', '/api/contact']) {
      expect((await post(p, { contactId: 'vp-anna' }, { ...headers, origin: 'https://evil.example' })).status, p).toBe(403);
      expect((await post(p, { contactId: 'vp-anna' }, { ...headers, 'sec-fetch-site': 'cross-site' })).status, p).toBe(403);
      expect((await post(p, { contactId: 'vp-anna' }, { ...headers, origin: 'null' })).status, p).toBe(403);
    }
    expect(notified.length).toBe(before);
    // The page itself: same origin.
    const own = await post('/api/chat', { text: 'geschenk leverancier' }, { ...headers, origin: base, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
  });
});

describe('web chat API: one contact request and one vote per reply', () => {
  it('sends one notification per reply; a repeat is acknowledged and sends nothing; a forged ref sends nothing', async () => {
    const headers = { 'x-forwarded-for': from() };
    const reply = await handoffReply(headers);
    expect(typeof reply.ref).toBe('string');
    const before = notified.length;
    const ask = (ref: unknown) => post('/api/contact', { contactId: 'vp-anna', ref, requester: { displayName: 'Sam' } }, headers);
    const first = await ask(reply.ref);
    expect(first.status).toBe(200);
    expect((await first.json()).ok).toBe(true);
    const again = await Promise.all([ask(reply.ref), ask(reply.ref), ask(reply.ref)]);
    for (const r of again) expect((await r.json()).ok).toBe(true);
    expect(notified.length).toBe(before + 1);
    const forged = await ask('A'.repeat(60));
    expect((await forged.json()).ok).toBe(false);
    expect((await post('/api/contact', { contactId: 'vp-anna' }, { 'x-forwarded-for': from() })).status).toBe(400);
    expect(notified.length).toBe(before + 1);
  });

  it('records one vote per reply, with the reply\'s own labels, and none for a forged ref', async () => {
    const headers = { 'x-forwarded-for': from() };
    const answer = (await (await post('/api/chat', { text: 'Mag ik een fles wijn van een leverancier aannemen?' }, headers)).json()) as Reply & { ref?: string };
    expect(answer.actions.some((a) => a.type === 'feedback')).toBe(true);
    events.length = 0;
    for (let i = 0; i < 5; i++) expect((await post('/api/feedback', { vote: 'down', ref: answer.ref }, headers)).status).toBe(204);
    await post('/api/feedback', { vote: 'down', ref: 'A'.repeat(60) }, headers);
    const votes = events.filter((e) => e.kind === 'feedback');
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ vote: 'down', channel: 'web', topic: answer.meta.topic, outcome: answer.meta.outcome });
    // Labels chosen by the caller are not accepted.
    expect((await post('/api/feedback', { vote: 'up', ref: answer.ref, meta: { intent: 'handoff', topic: 'melden', audience: null, outcome: 'handed-off' } }, headers)).status).toBe(400);
  });
});

describe('web chat API: limits per address', () => {
  it('answers 429 to a flood of contact requests and of votes from one address, not to another address', async () => {
    const headers = { 'x-forwarded-for': from() };
    const contact = await Promise.all(Array.from({ length: 30 }, () => post('/api/contact', { contactId: 'vp-anna', ref: 'A'.repeat(60) }, headers).then((r) => r.status)));
    expect(contact.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    const votes = await Promise.all(Array.from({ length: 80 }, () => post('/api/feedback', { vote: 'up', ref: 'A'.repeat(60) }, headers).then((r) => r.status)));
    expect(votes.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
    expect((await post('/api/contact', { contactId: 'vp-anna', ref: 'A'.repeat(60) }, { 'x-forwarded-for': from() })).status).toBe(200);
  });
});

describe('web chat API: display name', () => {
  it('passes one plain-text line: no line breaks, control characters or markup, bounded length', async () => {
    const headers = { 'x-forwarded-for': from() };
    const reply = await handoffReply(headers);
    const before = notified.length;
    const displayName = 'Sam\r\nBcc: x@evil.example\u0007 <b>Voorbeeld</b><script>alert(1)</script> \u202Eabc ' + 'x'.repeat(100);
    const res = await post('/api/contact', { contactId: 'vp-anna', ref: reply.ref, requester: { displayName } }, headers);
    expect(res.status).toBe(200);
    expect(notified.length).toBe(before + 1);
    const sent = notified.at(-1)!.requester.displayName!;
    expect(sent).toMatch(/^Sam Bcc: x@evil\.example Voorbeeld/);
    expect(sent).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/);
    expect(sent.length).toBeLessThanOrEqual(80);
  });
});

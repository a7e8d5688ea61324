/**
 * The Slack channel end to end: real Bolt behind its Express receiver with signature verification, real HTTP
 * requests shaped and signed as Slack sends them, and the real Web API client pointed at a local fake Slack API.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../test/support/core.js';
import { switchableTriage } from '../../../test/support/triage.js';
import { t } from '../../core/messages.js';
import { createTriage } from '../../core/triage/index.js';
import type { ContactRequest, Core, FeedbackInput, Message, Reply, RerouteRequest } from '../../core/types.js';
import { createLogger } from '../../log.js';
import { createSlackChannel, type SlackChannel } from './index.js';
import { contactValue, feedbackValue, renderHome } from './render.js';
import { texts } from './texts.js';
import {
  appMention,
  eventEnvelope,
  imMessage,
  postSigned,
  startFakeSlackApi,
  type ApiCall,
  type FakeSlackApi,
} from './testing/fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const GIFT_NL = 'Mag ik een kerstpakket van een leverancier aannemen?';
const HARASSMENT = 'ik word gepest door mijn leidinggevende';

interface Harness {
  api: FakeSlackApi;
  channel: SlackChannel;
  core: Core;
  handled: Message[];
  feedback: FeedbackInput[];
  contactRequests: ContactRequest[];
  reroutes: RerouteRequest[];
  /** Notifications that reached the (stand-in) vertrouwenspersoon. */
  notified: number;
  logs: string[];
  url: string;
  server: Server;
  /** When set, core.handle waits for this promise before answering. */
  gate?: Promise<void>;
  /** When set, core.handle throws (with the question in the error message, as a careless core might). */
  broken?: boolean;
  /** When set, core.reroute throws. */
  rerouteBroken?: boolean;
}

let h: Harness;
// The trained model, loaded once; a test that is about what comes after triage forces the route it needs.
const triage = switchableTriage(createTriage());

async function setup(): Promise<Harness> {
  const api = await startFakeSlackApi();
  triage.force(null);
  const harness = { api, handled: [], feedback: [], contactRequests: [], reroutes: [], notified: 0, logs: [] } as unknown as Harness;
  const notifier = { configured: true, notify: async () => ((harness.notified += 1), { ok: true }) };
  const real = await createTestCore({ triage, notifier });
  harness.core = {
    handle: async (m) => {
      harness.handled.push(m);
      if (harness.gate) await harness.gate;
      if (harness.broken) throw new Error(`cannot answer: ${m.text}`);
      return real.handle(m);
    },
    feedback: (input) => {
      harness.feedback.push(input);
      real.feedback(input);
    },
    requestContact: async (r) => {
      harness.contactRequests.push(r);
      return real.requestContact(r);
    },
    welcome: (lang) => real.welcome(lang),
    reroute: async (r) => {
      harness.reroutes.push(r);
      if (harness.rerouteBroken) throw new Error('reroute failed');
      return real.reroute(r);
    },
  };
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void harness.logs.push(line) } });
  harness.channel = createSlackChannel({
    config: { mode: 'http', signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: api.url },
    core: harness.core,
    log,
  });
  await harness.channel.start();
  const app = express();
  app.use(harness.channel.router!);
  harness.server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  harness.url = `http://127.0.0.1:${(harness.server.address() as AddressInfo).port}/slack/events`;
  return harness;
}

beforeEach(async () => {
  h = await setup();
});

afterEach(async () => {
  await h.channel.stop();
  await new Promise<void>((resolve) => {
    h.server.closeAllConnections();
    h.server.close(() => resolve());
  });
  await h.api.close();
  // Privacy: whatever happened in the test, no user-written text reached the log.
  const log = h.logs.join('');
  for (const m of h.handled) expect(log).not.toContain(m.text);
  for (const text of [GIFT_NL, HARASSMENT, 'gepest']) expect(log).not.toContain(text);
});

/**
 * Slack signs every delivery anew, a retry or a second click too: identical bytes under the same signature are a
 * replay and refused. Tests that send the same body twice sign each delivery with its own timestamp.
 */
const usedTimestamps = new Set<number>();
function freshTimestamp(): number {
  let ts = Math.floor(Date.now() / 1000);
  while (usedTimestamps.has(ts)) ts--;
  usedTimestamps.add(ts);
  return ts;
}

const postEvent = (event: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postSigned(h.url, SECRET, JSON.stringify(event), 'application/json', headers, freshTimestamp());

function commandBody(text: string, channel = 'C0GENERAL', extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: channel,
    channel_name: 'general',
    user_id: 'U0ASKER',
    user_name: 'asker',
    command: '/integriteit',
    text,
    api_app_id: 'A0TEST',
    response_url: `${h.api.responseUrl}T0TEST/1/abc`,
    trigger_id: '123.456.abc',
    ...extra,
  }).toString();
}

function blockActionsBody(actionId: string, value: string, label: string, channel: string | null = 'D0DM'): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ASKER', username: 'asker', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel ?? undefined, is_ephemeral: false },
    trigger_id: '123.456.abc',
    team: { id: 'T0TEST', domain: 'test' },
    ...(channel ? { channel: { id: channel, name: 'directmessage' } } : {}),
    response_url: `${h.api.responseUrl}T0TEST/2/def`,
    actions: [
      {
        action_id: actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: label, emoji: true },
        value,
        type: 'button',
        action_ts: '1700000001.000200',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function blocksText(call: ApiCall | undefined): string {
  return JSON.stringify(call?.params.blocks ?? []) + String(call?.params.text ?? '');
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Our posts without the answers' "Meer" parts (those go as a reply in the answer's thread). */
type Call = { params: Record<string, unknown> };
const isMorePart = (c: Call) => /^\*(Meer|More)\*$/.test(String((c.params.blocks as Array<{ elements?: Array<{ text?: string }> }> | undefined)?.[0]?.elements?.[0]?.text ?? ''));
const answers = <C extends Call>(calls: C[]): C[] => calls.filter((c) => !isMorePart(c));

describe('Slack channel over HTTP', () => {
  it('answers the url_verification handshake', async () => {
    const res = await postEvent({ token: 'legacy', challenge: 'challenge-abc123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'challenge-abc123' });
  });

  it('answers a DM in the DM with cited sources (GIR, with a link) and feedback buttons', async () => {
    const res = await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    expect(res.status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post!.params.channel).toBe('D0DM');
    expect(post!.token).toBe('xoxb-test-token');
    expect(h.handled).toEqual([{ text: GIFT_NL, channel: 'slack', conversation: 'personal', userKey: 'U0ASKER' }]);
    const blocks = post!.params.blocks as Array<{ type: string; elements?: Array<{ text?: string; action_id?: string }> }>;
    const sources = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements ?? []).map((e) => e.text ?? '');
    expect(sources.some((s) => /\*GIR §\d/.test(s) && /<https?:\/\/[^|>]+\|[^>]+>/.test(s))).toBe(true);
    const actionIds = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(actionIds).toEqual(expect.arrayContaining(['feedback_up', 'feedback_down']));
    expect(typeof post!.params.text).toBe('string');
    expect((post!.params.text as string).length).toBeGreaterThan(0);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
    expect(h.api.callsTo('auth.test')).toHaveLength(1);
  });

  it('posts the rest of a DM answer ("Meer") as a reply in the answer\'s thread, with the sources it cites', async () => {
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length >= 2);
    const [answer, more] = h.api.callsTo('chat.postMessage');
    expect(answer!.params.thread_ts).toBeUndefined();
    expect(isMorePart(more!)).toBe(true);
    expect(more!.params).toMatchObject({ channel: 'D0DM' });
    // The thread of the answer: the fake API gives each post a ts; the reply must point at the first one.
    expect(typeof more!.params.thread_ts).toBe('string');
    expect(blocksText(more)).toContain('Wat kun je doen');
    expect(blocksText(answer)).not.toContain('Wat kun je doen');
  });

  it('answers a mention in the thread of the mention, without the mention in the question', async () => {
    const event = appMention(`<@U0BOT> ${GIFT_NL}`);
    await postEvent(eventEnvelope(event));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post!.params.channel).toBe('C0GENERAL');
    expect(post!.params.thread_ts).toBe(event.ts);
    expect(h.handled[0]).toEqual({ text: GIFT_NL, channel: 'slack', conversation: 'channel', userKey: 'U0ASKER' });
    expect(blocksText(post)).toMatch(/GIR/);
  });

  it('answers a harassment report made in a channel ephemerally to the writer only, without quoting it', async () => {
    // About the channel's private path, not about triage (triage has its own tests and blind sets).
    triage.force('handoff');
    await postEvent(eventEnvelope(appMention(`<@U0BOT> ${HARASSMENT}`)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    const reply = await h.core.handle({ text: HARASSMENT, channel: 'slack', conversation: 'channel' });
    expect(reply.kind).toBe('handoff');
    expect(reply.private).toBe(true);
    const [eph] = h.api.callsTo('chat.postEphemeral');
    expect(eph!.params.channel).toBe('C0GENERAL');
    expect(eph!.params.user).toBe('U0ASKER');
    expect(blocksText(eph)).not.toContain('gepest');
    expect(blocksText(eph)).toContain(texts(reply.lang).privateHint.slice(0, 30));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers /integriteit only to the asker; a handoff in a channel goes by postEphemeral and is not quoted', async () => {
    const res = await postSigned(h.url, SECRET, commandBody(HARASSMENT), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    const [eph] = h.api.callsTo('chat.postEphemeral');
    expect(eph!.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(blocksText(eph)).not.toContain('gepest');
    expect(h.handled[0]).toEqual({ text: HARASSMENT, channel: 'slack', conversation: 'channel', userKey: 'U0ASKER' });

    await postSigned(h.url, SECRET, commandBody(GIFT_NL), 'application/x-www-form-urlencoded');
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postEphemeral').length === 2);
    expect(blocksText(h.api.callsTo('chat.postEphemeral')[1])).toMatch(/\*GIR §\d[^*]*\*.*<https?:\/\//);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('falls back to the response_url when chat.postEphemeral is refused (e.g. a DM between two people)', async () => {
    h.api.failWith('chat.postEphemeral', 'channel_not_found');
    await postSigned(h.url, SECRET, commandBody(GIFT_NL, 'D0OTHER'), 'application/x-www-form-urlencoded');
    await h.api.waitFor((c) => c.some((x) => x.method === 'response_url'));
    const [resp] = h.api.callsTo('response_url');
    expect(resp!.params.response_type).toBe('ephemeral');
    expect(blocksText(resp)).toMatch(/GIR/);
  });

  it('explains the command when /integriteit comes without a question', async () => {
    const res = await postSigned(h.url, SECRET, commandBody('  '), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_type: 'ephemeral', text: texts('nl').emptyQuestion });
    expect(h.handled).toHaveLength(0);
  });

  it('answers a retried or redelivered event once', async () => {
    const envelope = eventEnvelope(imMessage(GIFT_NL), 'Ev0RETRY1');
    expect((await postEvent(envelope)).status).toBe(200);
    expect((await postEvent(envelope, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' })).status).toBe(200);
    expect((await postEvent(envelope)).status).toBe(200);
    await until(() => h.logs.filter((l) => l.includes('slack.duplicate_ignored')).length === 2);
    // A later, different event is answered: the duplicates were dropped, not the channel.
    await postEvent(eventEnvelope(imMessage('Mag ik een etentje aannemen?', 'U0OTHER', 'D0OTHER'), 'Ev0OTHER'));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.params.channel === 'D0OTHER'));
    await new Promise((r) => setTimeout(r, 150));
    expect(answers(h.api.callsTo('chat.postMessage')).filter((c) => c.params.channel === 'D0DM')).toHaveLength(1);
    expect(h.handled.filter((m) => m.text === GIFT_NL)).toHaveLength(1);
  });

  it('answers a resend of an event whose first delivery was never processed (e.g. refused during a restart)', async () => {
    // The first delivery went to a replica that was stopping (503); Slack resends it with a retry number.
    const envelope = eventEnvelope(imMessage(GIFT_NL), 'Ev0NEVERSEEN');
    expect((await postEvent(envelope, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_error' })).status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(h.handled.filter((m) => m.text === GIFT_NL)).toHaveLength(1);
  });

  it('acts once on a signed slash command or button click replayed within the signature window', async () => {
    const ts = Math.floor(Date.now() / 1000) - 30;
    const command = commandBody(GIFT_NL);
    const first = await postSigned(h.url, SECRET, command, 'application/x-www-form-urlencoded', {}, ts);
    expect(first.status).toBe(200);
    const replay = await postSigned(h.url, SECRET, command, 'application/x-www-form-urlencoded', {}, ts);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.text)).toEqual({ ok: false, error: 'replayed_request' });

    const meta: Reply['meta'] = { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' };
    const click = blockActionsBody('feedback_up', feedbackValue(meta), texts('nl').feedbackUp);
    expect((await postSigned(h.url, SECRET, click, 'application/x-www-form-urlencoded', {}, ts)).status).toBe(200);
    expect((await postSigned(h.url, SECRET, click, 'application/x-www-form-urlencoded', {}, ts)).status).toBe(401);

    await until(() => h.handled.length === 1 && h.feedback.length === 1);
    const posted = h.api.callsTo('chat.postEphemeral').length;
    await new Promise((r) => setTimeout(r, 300));
    // The replays changed nothing: one answer, one vote, no further messages.
    expect(h.handled).toHaveLength(1);
    expect(h.feedback).toHaveLength(1);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(posted);
    // The same command signed anew (a second, deliberate use by the person) is a new request and is answered.
    expect((await postSigned(h.url, SECRET, command, 'application/x-www-form-urlencoded')).status).toBe(200);
    await until(() => h.handled.length === 2);
  });

  it('refuses a signed request dated in the future beyond a small clock skew', async () => {
    const body = JSON.stringify(eventEnvelope(imMessage(GIFT_NL)));
    const hourAhead = await postSigned(h.url, SECRET, body, 'application/json', {}, Math.floor(Date.now() / 1000) + 3600);
    expect(hourAhead.status).toBe(401);
    const command = await postSigned(h.url, SECRET, commandBody(GIFT_NL), 'application/x-www-form-urlencoded', {}, Math.floor(Date.now() / 1000) + 5 * 60);
    expect(command.status).toBe(401);
    // A few seconds ahead is ordinary clock skew between Slack and us.
    const skewed = await postSigned(h.url, SECRET, JSON.stringify(eventEnvelope(imMessage(GIFT_NL))), 'application/json', {}, Math.floor(Date.now() / 1000) + 20);
    expect(skewed.status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(h.handled).toHaveLength(1);
  });

  it('refuses a bad or stale signature with 401 and does nothing', async () => {
    const body = JSON.stringify(eventEnvelope(imMessage(GIFT_NL)));
    const wrongSecret = await postSigned(h.url, 'not-the-secret', body, 'application/json');
    expect(wrongSecret.status).toBe(401);
    const stale = await postSigned(h.url, SECRET, body, 'application/json', {}, Math.floor(Date.now() / 1000) - 6 * 60);
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const tampered = await fetch(h.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...Object.fromEntries(Object.entries((await import('./testing/fake-slack.js')).signSlackRequest(SECRET, body))),
      },
      body: body.replace('kerstpakket', 'kerstpakker'),
    });
    expect(tampered.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.handled).toHaveLength(0);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses malformed payloads clearly and keeps working', async () => {
    const badJson = await postSigned(h.url, SECRET, '{"type":"event_callback",', 'application/json');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text)).toMatchObject({ ok: false, error: 'malformed_json' });

    const noChannel = eventEnvelope(appMention('<@U0BOT> hallo'));
    delete (noChannel.event as Record<string, unknown>).channel;
    const missing = await postEvent(noChannel);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({ ok: false, error: 'malformed_event', field: 'event.channel' });

    const noEvent = await postEvent({ type: 'event_callback', event_id: 'Ev0BAD' });
    expect(noEvent.status).toBe(400);

    const unknownType = await postEvent({ type: 'something_else' });
    expect(JSON.parse(unknownType.text)).toMatchObject({ error: 'unsupported_payload_type' });

    const emptyForm = await postSigned(h.url, SECRET, 'foo=bar', 'application/x-www-form-urlencoded');
    expect(emptyForm.status).toBe(400);

    // A slash command missing the user: a polite, private refusal rather than an error page.
    const cmd = new URLSearchParams(commandBody(GIFT_NL));
    cmd.delete('user_id');
    const badCommand = await postSigned(h.url, SECRET, cmd.toString(), 'application/x-www-form-urlencoded');
    expect(badCommand.status).toBe(200);
    expect(JSON.parse(badCommand.text)).toEqual({ response_type: 'ephemeral', text: texts('nl').unreadable });

    const badPayload = await postSigned(h.url, SECRET, 'payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    expect(badPayload.status).toBe(400);

    // A tampered feedback value: acknowledged, a polite ephemeral, and no feedback recorded.
    const tampered = await postSigned(
      h.url,
      SECRET,
      blockActionsBody('feedback_up', '{"i":"advice","t":"no-such-topic","a":null,"o":"answered"}', texts('nl').feedbackUp),
      'application/x-www-form-urlencoded',
    );
    expect(tampered.status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(blocksText(h.api.callsTo('chat.postEphemeral')[0])).toContain(texts('nl').unreadable);
    expect(h.feedback).toHaveLength(0);
    expect(h.handled).toHaveLength(0);

    const tooBig = await postSigned(h.url, SECRET, JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(1_100_000) }), 'application/json');
    expect(tooBig.status).toBe(413);

    // Still alive.
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
  });

  it('acknowledges before the answer is computed', async () => {
    let release!: () => void;
    h.gate = new Promise<void>((r) => (release = r));
    const res = await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    expect(res.status).toBe(200);
    await until(() => h.handled.length === 1); // the core has the question but has not answered
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);

    const cmd = await postSigned(h.url, SECRET, commandBody(GIFT_NL), 'application/x-www-form-urlencoded');
    expect(cmd.status).toBe(200);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);

    const releasedAt = Date.now();
    release();
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage') && c.some((x) => x.method === 'chat.postEphemeral'));
    expect(res.at).toBeLessThanOrEqual(releasedAt);
    expect(cmd.at).toBeLessThanOrEqual(releasedAt);
    expect(h.api.callsTo('chat.postMessage')[0]!.at).toBeGreaterThanOrEqual(releasedAt);
  });

  it('waits as long as a 429 Retry-After asks and then delivers the answer once', async () => {
    h.api.rateLimitOnce('chat.postMessage', 1);
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'), 15_000);
    const limited = h.api.callsTo('chat.postMessage#429');
    const delivered = h.api.callsTo('chat.postMessage');
    expect(limited).toHaveLength(1);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.at - limited[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('records feedback from a 👍 click with labels only, and thanks the user ephemerally', async () => {
    const meta: Reply['meta'] = { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' };
    const res = await postSigned(h.url, SECRET, blockActionsBody('feedback_up', feedbackValue(meta), texts('nl').feedbackUp), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(h.feedback).toEqual([{ vote: 'up', meta, channel: 'slack' }]);
    expect(blocksText(h.api.callsTo('chat.postEphemeral')[0])).toContain(texts('nl').feedbackThanks);
  });

  it('passes a contact request to the core with the Slack user id and confirms ephemerally', async () => {
    const res = await postSigned(
      h.url,
      SECRET,
      blockActionsBody('request_contact_0', contactValue('vp-1', 'nl'), texts('nl').requestContact, 'C0GENERAL'),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(h.contactRequests).toEqual([{ contactId: 'vp-1', channel: 'slack', requester: { slackUserId: 'U0ASKER' }, lang: 'nl' }]);
    expect(h.api.callsTo('chat.postEphemeral')[0]!.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('confirms a contact request clicked on the App Home tab in the bot DM', async () => {
    await postSigned(h.url, SECRET, blockActionsBody('request_contact_0', contactValue('vp-1', 'en'), texts('en').requestContact, null), 'application/x-www-form-urlencoded');
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(h.api.callsTo('chat.postMessage')[0]!.params.channel).toBe('U0ASKER');
    expect(h.contactRequests[0]?.lang).toBe('en');
  });

  it('publishes the App Home tab from core.welcome', async () => {
    await postEvent(eventEnvelope({ type: 'app_home_opened', user: 'U0ASKER', channel: 'D0DM', tab: 'home', event_ts: '1700000000.1' }));
    await h.api.waitFor((c) => c.some((x) => x.method === 'views.publish'));
    const [pub] = h.api.callsTo('views.publish');
    expect(pub!.params.user_id).toBe('U0ASKER');
    expect(pub!.params.view).toEqual(JSON.parse(JSON.stringify(renderHome(h.core.welcome('nl')))));

    await postEvent(eventEnvelope({ type: 'app_home_opened', user: 'U0ASKER', channel: 'D0DM', tab: 'messages', event_ts: '1700000000.2' }));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.api.callsTo('views.publish')).toHaveLength(1);
  });

  it('answers a mention made inside the bot DM once (as the DM message), with the mention stripped', async () => {
    await postEvent(eventEnvelope({ ...imMessage(`<@U0BOT> ${GIFT_NL}`), channel: 'D0DM' }));
    await postEvent(eventEnvelope(appMention(`<@U0BOT> ${GIFT_NL}`, 'U0ASKER', 'D0DM')));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    await new Promise((r) => setTimeout(r, 150));
    expect(answers(h.api.callsTo('chat.postMessage'))).toHaveLength(1);
    expect(h.handled).toEqual([{ text: GIFT_NL, channel: 'slack', conversation: 'personal', userKey: 'U0ASKER' }]);
  });

  it('tells the user when the core fails, in their language, without logging the question', async () => {
    h.broken = true;
    await postEvent(eventEnvelope(imMessage('May I accept a gift from a supplier?')));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(h.api.callsTo('chat.postMessage')[0]!.params.text).toBe(texts('en').failed);
    await postSigned(h.url, SECRET, commandBody(GIFT_NL), 'application/x-www-form-urlencoded');
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(h.api.callsTo('chat.postEphemeral')[0]!.params.text).toBe(texts('nl').failed);
    expect(h.logs.some((l) => l.includes('slack.core_failed'))).toBe(true);
    expect(h.logs.join('')).not.toContain('cannot answer');
  });

  it('ignores its own messages and message edits in the DM', async () => {
    await postEvent(eventEnvelope({ ...imMessage('antwoord van de bot', 'U0BOT'), bot_id: 'B0BOT' }));
    await postEvent(eventEnvelope({ ...imMessage(GIFT_NL), subtype: 'message_changed' }));
    await postEvent(eventEnvelope(imMessage(GIFT_NL, 'U0ASKER', 'D0LAST')));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    await new Promise((r) => setTimeout(r, 150));
    expect(answers(h.api.callsTo('chat.postMessage')).map((c) => c.params.channel)).toEqual(['D0LAST']);
    expect(h.handled).toHaveLength(1);
  });
});

interface PostedButton {
  action_id: string;
  value: string;
  text: { text: string };
  block_id: string;
}

/** The reroute buttons of a message the bot posted, as Slack would show them. */
function rerouteButtons(call: ApiCall | undefined): PostedButton[] {
  const blocks = (call?.params.blocks ?? []) as Array<{ type: string; block_id?: string; elements?: Array<Omit<PostedButton, 'block_id'>> }>;
  return blocks
    .filter((b) => b.type === 'actions' && b.block_id?.startsWith('reroute_'))
    .flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id! })));
}

/** A click on one of those buttons, shaped as Slack sends it: ephemeral messages come without `message`. */
function rerouteClick(button: PostedButton, where: { channel: string; ephemeral: boolean; messageTs?: string; threadTs?: string; blocks?: unknown[] }): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ASKER', username: 'asker', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy',
    container: { type: 'message', message_ts: where.messageTs ?? '1700000000.000100', channel_id: where.channel, is_ephemeral: where.ephemeral, ...(where.threadTs ? { thread_ts: where.threadTs } : {}) },
    trigger_id: '123.456.abc',
    team: { id: 'T0TEST', domain: 'test' },
    channel: { id: where.channel, name: 'x' },
    ...(where.blocks ? { message: { type: 'message', ts: where.messageTs ?? '1700000000.000100', ...(where.threadTs ? { thread_ts: where.threadTs } : {}), blocks: where.blocks } } : {}),
    response_url: `${h.api.responseUrl}T0TEST/3/ghi`,
    actions: [{ action_id: button.action_id, block_id: button.block_id, text: button.text, value: button.value, type: 'button', action_ts: '1700000001.000200' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

const clickSigned = (body: string) => postSigned(h.url, SECRET, body, 'application/x-www-form-urlencoded', {}, freshTimestamp());

describe('Slack reroute buttons', () => {
  it('asks the clarifying question in a channel privately; a click answers privately, replaces the question, and a second click does nothing', async () => {
    triage.force('clarify');
    await postEvent(eventEnvelope(appMention(`<@U0BOT> ${HARASSMENT}`)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    const question = h.api.callsTo('chat.postEphemeral')[0]!;
    expect(question.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(blocksText(question)).toContain(t('clarifyQuestion', 'nl').slice(0, 30));
    expect(blocksText(question)).not.toContain('gepest');
    const buttons = rerouteButtons(question);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      ['reroute_advice', t('clarifyRules', 'nl')],
      ['reroute_handoff', t('clarifyTalk', 'nl')],
    ]);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);

    // "Talk in confidence": the handoff goes privately too, with its contact buttons and the way back to the rules.
    const talk = buttons[1]!;
    const res = await clickSigned(rerouteClick(talk, { channel: 'C0GENERAL', ephemeral: true }));
    expect(res.status).toBe(200);
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postEphemeral').length === 2);
    expect(h.reroutes).toEqual([{ token: JSON.parse(talk.value).s, target: 'handoff', channel: 'slack', conversation: 'channel', userKey: 'U0ASKER' }]);
    const handoff = h.api.callsTo('chat.postEphemeral')[1]!;
    expect(handoff.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(blocksText(handoff)).toContain('Anna Voorbeeld');
    expect(blocksText(handoff)).toContain(texts('nl').privateHint.slice(0, 30));
    expect(rerouteButtons(handoff).map((b) => b.action_id)).toEqual(['reroute_advice']);
    // The ephemeral question is replaced by the choice (its buttons are gone).
    const [replaced] = h.api.callsTo('response_url');
    expect(replaced!.params.replace_original).toBe(true);
    expect(blocksText(replaced)).toContain(`Gekozen: ${t('clarifyTalk', 'nl')}`);
    expect(JSON.stringify(replaced!.params)).not.toContain('reroute_');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);

    // The same button once more (a client that had not refreshed yet): a notice, no second answer.
    await clickSigned(rerouteClick(talk, { channel: 'C0GENERAL', ephemeral: true }));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postEphemeral').length === 3);
    expect(blocksText(h.api.callsTo('chat.postEphemeral')[2])).toContain(texts('nl').alreadyChosen);
    expect(h.reroutes).toHaveLength(1);

    // The other way from the private handoff: the rules, still privately, in English for an English message too.
    await clickSigned(rerouteClick(rerouteButtons(handoff)[0]!, { channel: 'C0GENERAL', ephemeral: true }));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postEphemeral').length === 4);
    expect(h.reroutes[1]).toMatchObject({ target: 'advice', conversation: 'channel', userKey: 'U0ASKER' });
    expect(h.api.callsTo('chat.postEphemeral')[3]!.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('in a DM: a handoff offers "only the rules"; the click answers in the DM and takes the button off the message', async () => {
    triage.force('handoff');
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const handoff = h.api.callsTo('chat.postMessage')[0]!;
    const [back] = rerouteButtons(handoff);
    expect(back).toMatchObject({ action_id: 'reroute_advice', text: { text: t('onlyRules', 'nl') }, block_id: 'reroute_handoff' });
    expect(back!.value).not.toContain('kerstpakket');

    triage.force(null);
    await clickSigned(rerouteClick(back!, { channel: 'D0DM', ephemeral: false, messageTs: '1700000000.000300', blocks: handoff.params.blocks as unknown[] }));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length === 2);
    const answer = h.api.callsTo('chat.postMessage')[1]!;
    expect(answer.params.channel).toBe('D0DM');
    expect(answer.params.thread_ts).toBeUndefined();
    expect(blocksText(answer)).toMatch(/GIR §4\.1/);
    expect(h.reroutes).toEqual([{ token: JSON.parse(back!.value).s, target: 'advice', channel: 'slack', conversation: 'personal', userKey: 'U0ASKER' }]);
    const [replaced] = h.api.callsTo('response_url');
    expect(replaced!.params.replace_original).toBe(true);
    expect(blocksText(replaced)).toContain('Anna Voorbeeld');
    expect(blocksText(replaced)).toContain(`Gekozen: ${t('onlyRules', 'nl')}`);
    expect(JSON.stringify(replaced!.params.blocks)).not.toContain('reroute_advice');
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('a click on "talk in confidence" under an answer in a channel thread answers privately in that thread', async () => {
    triage.force('advice');
    await postEvent(eventEnvelope(appMention('<@U0BOT> Wat moet ik doen als ik een integriteitsschending wil melden?')));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const answer = h.api.callsTo('chat.postMessage')[0]!;
    const talk = rerouteButtons(answer).find((b) => b.action_id === 'reroute_handoff');
    expect(talk, 'an answer on reporting offers confidential talk').toBeDefined();
    expect(talk!.text.text).toBe(t('sensitiveButton', 'nl'));
    await clickSigned(rerouteClick(talk!, { channel: 'C0GENERAL', ephemeral: false, messageTs: '1700000000.000500', threadTs: answer.params.thread_ts as string, blocks: answer.params.blocks as unknown[] }));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    const eph = h.api.callsTo('chat.postEphemeral')[0]!;
    expect(eph.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER', thread_ts: answer.params.thread_ts });
    expect(blocksText(eph)).toContain('Anna Voorbeeld');
    expect(answers(h.api.callsTo('chat.postMessage'))).toHaveLength(1);
  });

  it('tells the clicker when the answer failed, and lets the same button be tried again', async () => {
    triage.force('handoff');
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const [back] = rerouteButtons(h.api.callsTo('chat.postMessage')[0]);
    h.rerouteBroken = true;
    await clickSigned(rerouteClick(back!, { channel: 'D0DM', ephemeral: false }));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(blocksText(h.api.callsTo('chat.postEphemeral')[0])).toContain(texts('nl').failed);
    h.rerouteBroken = false;
    await clickSigned(rerouteClick(back!, { channel: 'D0DM', ephemeral: false }));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length === 2);
    expect(h.reroutes).toHaveLength(2);
  });

  it('an expired or forged token gets the "this button has expired" reply, not an error', async () => {
    const forged: PostedButton = { action_id: 'reroute_advice', block_id: 'reroute_handoff', text: { text: t('onlyRules', 'nl') }, value: JSON.stringify({ r: 'advice', l: 'nl', s: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }) };
    await clickSigned(rerouteClick(forged, { channel: 'D0DM', ephemeral: false }));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(blocksText(h.api.callsTo('chat.postMessage')[0])).toContain(t('rerouteExpired', 'nl').slice(0, 20));
    // A value we did not render is refused without asking the core.
    await clickSigned(rerouteClick({ ...forged, value: '{"r":"advice","text":"hallo"}' }, { channel: 'D0DM', ephemeral: false }));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(h.reroutes).toHaveLength(1);
  });
});

/** Every button of a message the bot posted whose action id starts with `prefix`, with its block id. */
function buttonsIn(call: ApiCall | undefined, prefix: string): PostedButton[] {
  const blocks = (call?.params.blocks ?? []) as Array<{ type: string; block_id?: string; elements?: Array<Omit<PostedButton, 'block_id'>> }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id ?? '' })))
    .filter((e) => e.action_id.startsWith(prefix));
}

const responses = () => h.api.callsTo('response_url');

describe('Slack one-shot buttons: one vote per reply, one contact request per click', () => {
  it('a double click on the contact button under a DM handoff notifies the vertrouwenspersoon once and takes that button off', async () => {
    triage.force('handoff');
    await postEvent(eventEnvelope(imMessage(HARASSMENT)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const handoff = h.api.callsTo('chat.postMessage')[0]!;
    const [contact] = buttonsIn(handoff, 'request_contact_');
    const click = rerouteClick(contact!, { channel: 'D0DM', ephemeral: false, messageTs: '1700000000.000700', blocks: handoff.params.blocks as unknown[] });
    await Promise.all([clickSigned(click), clickSigned(click)]);
    await until(() => h.logs.filter((l) => l.includes('slack.contact_')).length >= 2);
    expect(h.contactRequests).toHaveLength(1);
    expect(h.notified).toBe(1);
    await h.api.waitFor((c) => c.some((x) => x.method === 'response_url'));
    // The second click was told so, privately.
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral' && blocksText(x).includes(texts('nl').contactAlready)));
    // The original handoff keeps its text and contacts, but no button can ask again.
    const replaced = responses().find((c) => c.params.replace_original === true);
    expect(replaced, 'the handoff is replaced without its contact buttons').toBeDefined();
    const left = buttonsIn(replaced, 'request_contact_');
    expect(left.map((b) => b.action_id)).not.toContain(contact!.action_id);
    expect(left.length, 'the other vertrouwenspersoon can still be asked').toBe(buttonsIn(handoff, 'request_contact_').length - 1);
    expect(blocksText(replaced)).toContain(`Gekozen: ${contact!.text.text}`);
    expect(blocksText(replaced)).toContain('Anna Voorbeeld');
  });

  it('a second vote on the same answer is ignored, and the vote buttons become a thank-you', async () => {
    await postEvent(eventEnvelope(imMessage(GIFT_NL)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    const answer = h.api.callsTo('chat.postMessage')[0]!;
    const [up, down] = [buttonsIn(answer, 'feedback_up')[0]!, buttonsIn(answer, 'feedback_down')[0]!];
    const where = { channel: 'D0DM', ephemeral: false, messageTs: '1700000000.000800', blocks: answer.params.blocks as unknown[] };
    await clickSigned(rerouteClick(up, where));
    await until(() => h.feedback.length === 1);
    await clickSigned(rerouteClick(up, where));
    await clickSigned(rerouteClick(down, where));
    await until(() => h.logs.filter((l) => l.includes('slack.feedback')).length >= 3);
    expect(h.feedback).toHaveLength(1);
    const replaced = responses().find((c) => c.params.replace_original === true);
    expect(replaced, 'the answer is replaced without its vote buttons').toBeDefined();
    expect(JSON.stringify(replaced!.params.blocks)).not.toContain('feedback_');
    expect(blocksText(replaced)).toContain(texts('nl').feedbackThanks);
    expect(blocksText(replaced)).toMatch(/GIR §4\.1/);
  });

  it('offers a vote on handoffs and refusals too', async () => {
    triage.force('handoff');
    await postEvent(eventEnvelope(imMessage(HARASSMENT)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    triage.force('out-of-scope');
    await postEvent(eventEnvelope(imMessage('Hoe warm wordt het morgen?', 'U0ASKER', 'D0TWO')));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length === 2);
    for (const call of h.api.callsTo('chat.postMessage')) {
      expect(buttonsIn(call, 'feedback_').map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down']);
    }
  });
});

describe('Slack handoff layout', () => {
  it('names every contact once and gives one privacy notice on a handoff in a channel', async () => {
    triage.force('handoff');
    await postEvent(eventEnvelope(appMention(`<@U0BOT> ${HARASSMENT}`)));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    const eph = h.api.callsTo('chat.postEphemeral')[0]!;
    const visible = JSON.stringify((eph.params.blocks as Array<{ type: string }>).filter((b) => b.type !== 'actions'));
    expect(visible.split('Anna Voorbeeld')).toHaveLength(2);
    expect(visible).toContain(texts('nl').privateHint.slice(0, 30));
    expect(visible).not.toContain(t('handoffPrivate', 'nl').slice(0, 30));
  });
});

describe('Slack assistant container (AI apps)', () => {
  const THREAD = '1729999327.187299';
  const threadStarted = () =>
    eventEnvelope({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0ASKER', context: { channel_id: 'C0GENERAL', team_id: 'T0TEST', enterprise_id: null }, channel_id: 'D0DM', thread_ts: THREAD },
      event_ts: '1729999327.187300',
    });
  const inThread = (text: string) => eventEnvelope({ ...imMessage(text), thread_ts: THREAD });

  it('offers suggested prompts when a thread starts, Dutch first and one in English', async () => {
    await postEvent(threadStarted());
    await h.api.waitFor((c) => c.some((x) => x.method === 'assistant.threads.setSuggestedPrompts'));
    const [call] = h.api.callsTo('assistant.threads.setSuggestedPrompts');
    expect(call!.params).toMatchObject({ channel_id: 'D0DM', thread_ts: THREAD });
    const messages = (call!.params.prompts as Array<{ message: string }>).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining(['Mag ik een geschenk aannemen?', 'Ik heb een melding gekregen, wat nu?', 'May I accept a gift?']));
    expect(messages.length).toBeLessThanOrEqual(4);
    // The context (the channel the user looks at) is not read: no history call.
    await postEvent(eventEnvelope({ type: 'assistant_thread_context_changed', assistant_thread: { user_id: 'U0ASKER', context: { channel_id: 'C0OTHER' }, channel_id: 'D0DM', thread_ts: THREAD }, event_ts: '1.2' }));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.api.calls.map((c) => c.method)).not.toContain('conversations.replies');
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers in the thread with a status first, then a title from the topic label, never from the question', async () => {
    await postEvent(inThread(GIFT_NL));
    await h.api.waitFor((c) => c.some((x) => x.method === 'assistant.threads.setTitle'));
    const order = h.api.calls.map((c) => c.method).filter((m) => m.startsWith('assistant.') || m === 'chat.postMessage');
    // Status first, then the answer (and its "Meer" part), and only then the title.
    expect(order.slice(0, 2)).toEqual(['assistant.threads.setStatus', 'chat.postMessage']);
    expect(order.indexOf('assistant.threads.setTitle')).toBeGreaterThan(order.indexOf('chat.postMessage'));
    expect(h.api.callsTo('assistant.threads.setStatus')[0]!.params).toMatchObject({ channel_id: 'D0DM', thread_ts: THREAD, status: texts('nl').thinking });
    const answer = h.api.callsTo('chat.postMessage')[0]!;
    expect(answer.params).toMatchObject({ channel: 'D0DM', thread_ts: THREAD });
    expect(blocksText(answer)).toMatch(/GIR §4\.1/);
    expect(h.api.callsTo('assistant.threads.setTitle')[0]!.params.title).toBe('Geschenken');
    expect(h.handled).toEqual([{ text: GIFT_NL, channel: 'slack', conversation: 'personal', userKey: 'U0ASKER' }]);
  });

  it('speaks English in an English thread and names a handoff thread neutrally', async () => {
    await postEvent(inThread('May I accept a gift from a supplier?'));
    await h.api.waitFor((c) => c.some((x) => x.method === 'assistant.threads.setTitle'));
    expect(h.api.callsTo('assistant.threads.setStatus')[0]!.params.status).toBe(texts('en').thinking);
    expect(h.api.callsTo('assistant.threads.setTitle')[0]!.params.title).toBe('Gifts');
    await h.api.waitFor((c) => c.some((x) => x.method === 'assistant.threads.setSuggestedPrompts'));
    expect(JSON.stringify(h.api.callsTo('assistant.threads.setSuggestedPrompts')[0]!.params.prompts)).toContain('May I take on a side job?');

    triage.force('handoff');
    await postEvent(inThread(HARASSMENT));
    await h.api.waitFor((c) => c.filter((x) => x.method === 'assistant.threads.setTitle').length === 2);
    expect(h.api.callsTo('assistant.threads.setTitle')[1]!.params.title).toBe(texts('nl').confidentialTitle);
  });

  it('still answers when Slack refuses the status (a DM thread outside the container)', async () => {
    h.api.failWith('assistant.threads.setStatus', 'not_allowed');
    h.api.failWith('assistant.threads.setTitle', 'not_allowed');
    await postEvent(inThread(GIFT_NL));
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(blocksText(h.api.callsTo('chat.postMessage')[0])).toMatch(/GIR §4\.1/);
  });
});

describe('Slack follow-ups: the context travels in the answer\'s message metadata, nothing is kept', () => {
  const FOLLOW_UP = 'En als het 60 euro is?';
  const THREAD = '1729999327.187299';
  type Meta = { event_type: string; event_payload: Record<string, unknown> };
  const metaOf = (call: ApiCall | undefined) => call?.params.metadata as Meta | undefined;
  /** A user message as Slack delivers it and, as Slack does, in the DM's history too. */
  const userMessage = (text: string, extra: Record<string, unknown> = {}) => {
    // Written after everything already in the DM (Slack's ts are µs and ordered; imMessage's are ms).
    const after = Math.max(0, ...[...(h.api.messages.get('D0DM') ?? [])].map((m) => Number(m.ts)));
    const ts = Math.max(Date.now() / 1000, after + 0.001).toFixed(6);
    const event = { ...imMessage(text), ts, event_ts: ts, ...extra } as unknown as Record<string, unknown> & { ts: string; channel: string };
    h.api.seedMessage(event.channel, { ts: event.ts, user: 'U0ASKER', text, ...(extra.thread_ts ? { thread_ts: extra.thread_ts as string } : {}) });
    return event;
  };
  const answersPosted = () => answers(h.api.callsTo('chat.postMessage'));

  it('a DM answer carries its sealed context; a plain follow-up in the DM hands it to the core and is answered from that card', async () => {
    await postEvent(eventEnvelope(userMessage(GIFT_NL)));
    await h.api.waitFor(() => answersPosted().length === 1 && h.api.callsTo('chat.postMessage').length === 2);
    const [first] = answersPosted();
    const meta = metaOf(first)!;
    expect(meta.event_type).toBe('integriteitsbot_context');
    const token = meta.event_payload.token as string;
    expect(typeof token).toBe('string');
    expect(token).not.toContain('GIR');
    // The "Meer" part in the answer's thread carries nothing.
    expect(h.api.callsTo('chat.postMessage').filter(isMorePart).every((c) => c.params.metadata === undefined)).toBe(true);

    await postEvent(eventEnvelope(userMessage(FOLLOW_UP)));
    await h.api.waitFor(() => answersPosted().length === 2);
    expect(h.handled).toHaveLength(2);
    expect(h.handled[0]!.context).toBeUndefined();
    expect(h.handled[1]).toEqual({ text: FOLLOW_UP, channel: 'slack', conversation: 'personal', userKey: 'U0ASKER', context: token });
    const lookups = h.api.callsTo('conversations.history');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]!.params).toMatchObject({ channel: 'D0DM', include_all_metadata: 'true' });
    expect(h.api.callsTo('conversations.replies')).toHaveLength(0);
    // Answered against the previous card (the gift rules), not as a question on its own.
    expect(blocksText(answersPosted()[1])).toMatch(/GIR §4\.1/);
  });

  it('after a reply without context (a handoff) the next DM message gets none, not the older answer\'s', async () => {
    await postEvent(eventEnvelope(userMessage(GIFT_NL)));
    await h.api.waitFor(() => answersPosted().length === 1);
    triage.force('handoff');
    await postEvent(eventEnvelope(userMessage(HARASSMENT)));
    await h.api.waitFor(() => answersPosted().length === 2);
    expect(metaOf(answersPosted()[1])).toEqual({ event_type: 'integriteitsbot_context', event_payload: { none: true } });
    triage.force(null);
    await postEvent(eventEnvelope(userMessage(FOLLOW_UP)));
    await h.api.waitFor(() => answersPosted().length === 3);
    expect(h.handled.map((m) => m.context)).toEqual([undefined, expect.any(String), undefined]);
  });

  it('ignores metadata on a message the bot did not post, and answers without context when the lookup is refused', async () => {
    await postEvent(eventEnvelope(userMessage(GIFT_NL)));
    await h.api.waitFor(() => answersPosted().length === 1);
    const real = metaOf(answersPosted()[0])!.event_payload.token as string;
    // A user (through some other app's user token) posts a message with our event type: not the bot's, not read.
    const afterAnswer = (Number(h.api.messages.get('D0DM')!.at(-1)!.ts) + 0.001).toFixed(6);
    h.api.seedMessage('D0DM', { ts: afterAnswer, user: 'U0ASKER', text: 'x', metadata: { event_type: 'integriteitsbot_context', event_payload: { token: 'forged' } } });
    await postEvent(eventEnvelope(userMessage(FOLLOW_UP)));
    await h.api.waitFor(() => answersPosted().length === 2);
    expect(h.handled[1]!.context).toBe(real);

    h.api.failWith('conversations.history', 'missing_scope');
    await postEvent(eventEnvelope(userMessage(FOLLOW_UP)));
    await h.api.waitFor(() => answersPosted().length === 3);
    expect(h.handled[2]!.context).toBeUndefined();
    expect(h.logs.join('')).toContain('"apiError":"missing_scope"');
  });

  it('a mention in a channel and the slash command carry no metadata and read nothing back', async () => {
    await postEvent(eventEnvelope(appMention(`<@U0BOT> ${GIFT_NL}`)));
    await h.api.waitFor(() => answersPosted().length === 1);
    expect(answersPosted()[0]!.params.metadata).toBeUndefined();
    await postSigned(h.url, SECRET, commandBody(GIFT_NL), 'application/x-www-form-urlencoded', {}, freshTimestamp());
    await h.api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(h.api.callsTo('chat.postEphemeral').every((c) => c.params.metadata === undefined)).toBe(true);
    expect(h.api.calls.map((c) => c.method)).not.toEqual(expect.arrayContaining(['conversations.history']));
    expect(h.api.calls.map((c) => c.method)).not.toEqual(expect.arrayContaining(['conversations.replies']));
  });

  it('in an assistant thread: the follow-up is answered against the thread\'s previous answer (conversations.replies)', async () => {
    h.api.seedMessage('D0DM', { ts: THREAD, bot_id: 'B0BOT', text: 'Hoe kan ik helpen?' });
    await postEvent(eventEnvelope(userMessage(GIFT_NL, { thread_ts: THREAD })));
    await h.api.waitFor((c) => c.some((x) => x.method === 'assistant.threads.setTitle'));
    const first = answersPosted()[0]!;
    expect(first.params.thread_ts).toBe(THREAD);
    const token = metaOf(first)!.event_payload.token as string;
    expect(token.length).toBeGreaterThan(0);

    await postEvent(eventEnvelope(userMessage(FOLLOW_UP, { thread_ts: THREAD })));
    await h.api.waitFor(() => answersPosted().length === 2);
    expect(h.handled[1]).toEqual({ text: FOLLOW_UP, channel: 'slack', conversation: 'personal', userKey: 'U0ASKER', context: token });
    const lookup = h.api.callsTo('conversations.replies').at(-1)!;
    expect(lookup.params).toMatchObject({ channel: 'D0DM', ts: THREAD, include_all_metadata: 'true' });
    expect(blocksText(answersPosted()[1])).toMatch(/GIR §4\.1/);
  });
});

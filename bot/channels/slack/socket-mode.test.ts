/**
 * Socket Mode end to end: the real SocketModeReceiver gets its WebSocket URL from apps.connections.open at the
 * fake Web API, connects to a local WebSocket server that speaks Slack's Socket Mode protocol (hello, envelopes,
 * envelope acks), and answers through the fake Web API.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createTestCore } from '../../../test/support/core.js';
import type { Message } from '../../core/types.js';
import { createLogger } from '../../log.js';
import { createSlackChannel, type SlackChannel } from './index.js';
import { appMention, eventEnvelope, imMessage, startFakeSlackApi, type FakeSlackApi } from './testing/fake-slack.js';

const HARASSMENT = 'ik word gepest door mijn leidinggevende';
const GIFT = 'Mag ik een kerstpakket van een leverancier aannemen?';

let api: FakeSlackApi;
let wss: WebSocketServer;
let socket: WebSocket | undefined;
let acks: string[];
let connectionUrls: string[];
let channel: SlackChannel;
let handled: Message[];
let logs: string[];

beforeEach(async () => {
  api = await startFakeSlackApi();
  acks = [];
  connectionUrls = [];
  handled = [];
  logs = [];
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws, req) => {
    socket = ws;
    connectionUrls.push(req.url ?? '');
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string };
      if (msg.envelope_id) acks.push(msg.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0TEST' } }));
  });
  const port = (wss.address() as AddressInfo).port;
  api.answer('apps.connections.open', { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t1` });
  const core = await createTestCore();
  channel = createSlackChannel({
    config: { mode: 'socket', botToken: 'xoxb-test-token', appToken: 'xapp-test-token', apiUrl: api.url },
    core: { ...core, handle: async (m) => (handled.push(m), core.handle(m)) },
    log: createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(l) } }),
  });
});

afterEach(async () => {
  await channel.stop();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await api.close();
  const log = logs.join('');
  for (const text of [GIFT, HARASSMENT, 'gepest']) expect(log).not.toContain(text);
});

function sendEnvelope(envelopeId: string, type: string, payload: unknown, retryAttempt = 0): void {
  socket!.send(
    JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' } : {}),
    }),
  );
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Slack channel in Socket Mode', () => {
  it('has no HTTP route, connects with the app token and answers a DM once, even when redelivered', async () => {
    expect(channel.router).toBeUndefined();
    await channel.start();
    expect(connectionUrls).toHaveLength(1);
    const open = api.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-test-token');

    const body = eventEnvelope(imMessage(GIFT), 'Ev0SOCKET1');
    sendEnvelope('env-1', 'events_api', body);
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(acks).toContain('env-1');
    const [post] = api.callsTo('chat.postMessage');
    expect(post!.token).toBe('xoxb-test-token');
    expect(post!.params.channel).toBe('D0DM');
    expect(JSON.stringify(post!.params.blocks)).toMatch(/GIR.*<https?:\/\//);

    sendEnvelope('env-2', 'events_api', body, 1);
    sendEnvelope('env-3', 'events_api', body, 0);
    await until(() => acks.includes('env-2') && acks.includes('env-3'));
    sendEnvelope('env-4', 'events_api', eventEnvelope(imMessage(GIFT, 'U0OTHER', 'D0OTHER'), 'Ev0SOCKET2'));
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.params.channel === 'D0OTHER'));
    await new Promise((r) => setTimeout(r, 100));
    // One answer in the DM (its "Meer" part goes into that answer's thread, not as a second answer).
    expect(api.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0DM' && !c.params.thread_ts)).toHaveLength(1);
  });

  it('answers a handoff from a slash command in a channel ephemerally, and a mention with a handoff too', async () => {
    await channel.start();
    sendEnvelope('env-c1', 'slash_commands', {
      token: 'legacy',
      team_id: 'T0TEST',
      channel_id: 'C0GENERAL',
      user_id: 'U0ASKER',
      command: '/integriteit',
      text: HARASSMENT,
      api_app_id: 'A0TEST',
      response_url: `${api.responseUrl}x`,
      trigger_id: '1.2.3',
    });
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postEphemeral'));
    expect(acks).toContain('env-c1');
    sendEnvelope('env-m1', 'events_api', eventEnvelope(appMention(`<@U0BOT> ${HARASSMENT}`), 'Ev0SOCKET3'));
    await api.waitFor((c) => c.filter((x) => x.method === 'chat.postEphemeral').length === 2);
    for (const call of api.callsTo('chat.postEphemeral')) {
      expect(call.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
      expect(JSON.stringify(call.params)).not.toContain('gepest');
    }
    expect(api.callsTo('chat.postMessage')).toHaveLength(0);
    expect(handled.map((m) => m.text)).toEqual([HARASSMENT, HARASSMENT]);
  });

  it('survives a malformed envelope payload and keeps answering', async () => {
    await channel.start();
    sendEnvelope('env-bad', 'events_api', { type: 'event_callback', event_id: 'Ev0BAD', event: { type: 'app_mention', user: 'U0ASKER' } });
    socket!.send('this is not json');
    sendEnvelope('env-ok', 'events_api', eventEnvelope(imMessage(GIFT), 'Ev0SOCKET4'));
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    expect(acks).toEqual(expect.arrayContaining(['env-bad', 'env-ok']));
    expect(logs.some((l) => l.includes('malformed_event'))).toBe(true);
  });

  it('refuses to start with a bot token Slack rejects, naming the variable', async () => {
    api.failWith('auth.test', 'invalid_auth');
    await expect(channel.start()).rejects.toThrow(/invalid_auth.*SLACK_BOT_TOKEN/);
    expect(connectionUrls).toHaveLength(0);
  });
});

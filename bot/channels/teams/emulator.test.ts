/**
 * Emulator mode (Teams without Bot Framework credentials) answers unauthenticated activities, so it must stay on
 * the machine: it refuses to start on a non-loopback address, warns at start and on every request, and never
 * posts a reply to a serviceUrl off the machine (which would make the bot a request forwarder).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core, Message, Reply } from '../../core/types.js';
import { createLogger } from '../../log.js';
import { fallback } from '../../server/limits.js';
import { startFakeConnector, type FakeConnector } from './connector.fixture.js';
import { createTeamsChannel } from './index.js';

const answer: Reply = { ...fallback('nl', 'error'), kind: 'answer', text: 'antwoord' };
const handled: Message[] = [];
const core: Core = {
  handle: async (m) => (handled.push(m), answer),
  reroute: async () => answer,
  feedback: () => undefined,
  requestContact: async () => ({ ok: true, reply: answer }),
  welcome: () => answer,
};
const logLines: string[] = [];
const log = createLogger({ level: 'info', destination: { write: (s: string) => void logLines.push(s) } });
const warnings = () => logLines.map((l) => JSON.parse(l)).filter((l) => l.event === 'teams.emulator-mode');

let connector: FakeConnector;
let server: Server;
let url = '';

beforeAll(async () => {
  connector = await startFakeConnector();
  const app = express();
  app.use(createTeamsChannel({ config: {}, core, log, listenHost: '127.0.0.1' }).router!);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await connector.close();
});

let seq = 0;
const activity = (serviceUrl: string) => ({
  type: 'message',
  id: `emu-${++seq}`,
  timestamp: new Date().toISOString(),
  channelId: 'emulator',
  serviceUrl,
  from: { id: 'user-1', name: 'Sam' },
  recipient: { id: 'bot', name: 'Integriteitsbot' },
  conversation: { id: `conv-${seq}`, conversationType: 'personal' },
  text: 'Mag ik een geschenk aannemen?',
});
const post = (body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Teams emulator mode', () => {
  it('refuses to start on an address other machines can reach', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'bot.example.org']) {
      expect(() => createTeamsChannel({ config: {}, core, log, listenHost: host }), host).toThrow(/loopback/);
    }
    // With credentials every request is authenticated, so any address is fine.
    expect(() => createTeamsChannel({ config: { appId: 'id', appPassword: 'pw', appType: 'MultiTenant' }, core, log, listenHost: '0.0.0.0' })).not.toThrow();
  });

  it('never posts to a serviceUrl off the machine, and does not answer such an activity', async () => {
    const before = handled.length;
    for (const serviceUrl of ['http://169.254.169.254/latest/', 'https://attacker.example/', 'http://10.0.0.7:8080/']) {
      const res = await post(activity(serviceUrl));
      expect(res.status, serviceUrl).toBe(400);
    }
    expect(handled.length).toBe(before);
  });

  it('still answers the Emulator on the machine, and warns on every request', async () => {
    const atStart = warnings().length;
    expect(atStart).toBeGreaterThanOrEqual(1);
    const res = await post(activity(connector.url));
    expect(res.status).toBeLessThan(300);
    expect(handled.length).toBeGreaterThan(0);
    await post(activity(connector.url));
    expect(warnings().length).toBe(atStart + 2);
  });
});

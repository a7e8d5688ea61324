/**
 * A stand-in Bot Connector service for tests: the few REST routes a bot calls (Bot Framework Connector API v3),
 * on 127.0.0.1, recording every request. The real botbuilder ConnectorClient talks to it through `serviceUrl`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Ids of the conversations created through POST /v3/conversations, in order. */
  created: string[];
  /** Activities posted to a conversation (send or reply). */
  activitiesIn(conversationId: string): any[];
  /** Activities replaced in a conversation (updateActivity: PUT …/activities/{id}), with the id replaced. */
  updatesIn(conversationId: string): { id: string; activity: any }[];
  /** Make POST /v3/conversations fail with this status (e.g. 403 when the user has not installed the app). */
  failCreateConversation(status: number | null): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const created: string[] = [];
  let createFailure: number | null = null;
  let next = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      calls.push({ method: req.method ?? '', path, headers: req.headers, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && path === '/v3/conversations') {
        if (createFailure) return json(createFailure, { error: { code: 'Forbidden', message: 'not installed' } });
        const id = `a:created-${next++}`;
        created.push(id);
        return json(201, { id, activityId: '' });
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path)) {
        return json(200, { id: `activity-${next++}` });
      }
      if (req.method === 'PUT' && /^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/.test(path)) {
        return json(200, { id: path.split('/').at(-1) });
      }
      json(404, { error: { code: 'NotFound', message: 'no such route in the fake connector' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    created,
    activitiesIn: (conversationId) =>
      calls
        .filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${conversationId}/activities`))
        .map((c) => c.body),
    updatesIn: (conversationId) =>
      calls
        .filter((c) => c.method === 'PUT' && c.path.startsWith(`/v3/conversations/${conversationId}/activities/`))
        .map((c) => ({ id: c.path.split('/').at(-1)!, activity: c.body })),
    failCreateConversation: (status) => {
      createFailure = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

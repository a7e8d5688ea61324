/**
 * The server answers only the host names it is meant for. A browser tricked by DNS rebinding sends the attacker's
 * name in Host; such requests get 421 before any part sees them. Health checks, which orchestrators send to the
 * pod address, stay open.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { createApp } from './app.js';
import { allowedHostsFor } from './compose.js';
import { isLoopbackHost } from './hosts.js';

const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const servers: http.Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

async function serve(allowedHosts?: string[]): Promise<number> {
  const app = createApp({ parts: [], readiness: [], log, ...(allowedHosts ? { allowedHosts } : {}) }, { shuttingDown: false });
  const srv = http.createServer(app);
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return (srv.address() as AddressInfo).port;
}

/** node:http, because fetch does not let a caller choose the Host header. */
function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host allow-list', () => {
  it('answers loopback names by default and 421 to any other name', async () => {
    const port = await serve();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect(await get(port, '/nothing', host), host).toBe(404);
    for (const host of ['evil.example', `rebind.attacker.example:${port}`, `10.0.0.5:${port}`]) expect(await get(port, '/nothing', host), host).toBe(421);
  });

  it('answers the configured names only, and keeps health checks open to any name', async () => {
    const port = await serve(['bot.example.org']);
    expect(await get(port, '/nothing', 'bot.example.org')).toBe(404);
    expect(await get(port, '/nothing', 'BOT.example.org:443')).toBe(404);
    expect(await get(port, '/nothing', 'evil.example')).toBe(421);
    expect(await get(port, '/healthz', '10.1.2.3:3000')).toBe(200);
  });

  it('takes the names from ALLOWED_HOSTS, PUBLIC_URL and a specific HOST address', () => {
    const env = { PUBLIC_URL: 'https://integriteit.example.org/chat', ALLOWED_HOSTS: 'a.example, b.example', CONFIG_FILE: '' };
    expect(allowedHostsFor(loadConfig({ ...env, HOST: '0.0.0.0' }))).toEqual(['a.example', 'b.example', 'integriteit.example.org']);
    expect(allowedHostsFor(loadConfig({ HOST: '10.0.0.5' }))).toEqual(['10.0.0.5']);
  });

  it('knows loopback when it sees it', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'localhost.example', 'x.localhost', '169.254.169.254', undefined]) expect(isLoopbackHost(h), String(h)).toBe(false);
  });
});

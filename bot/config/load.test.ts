import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';
import { describeConfig } from './describe.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ib-config-'));

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives a working embedded default with no environment at all', () => {
    const config = loadConfig({}, tmp());
    expect(config.port).toBe(3000);
    expect(config.webChat).toBe(true);
    expect(config.slack).toBeUndefined();
    expect(config.trends.k).toBe(5);
  });

  it('names the field and the environment variable that is wrong', () => {
    expect(issuesOf(() => loadConfig({ PORT: 'abc' }, tmp()))[0]).toMatch(/^port: .*\(env PORT\)/);
    expect(issuesOf(() => loadConfig({ TRENDS_K: '2' }, tmp()))[0]).toMatch(/^trends\.k: .*at least 3.*TRENDS_K/);
    expect(issuesOf(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, tmp()))[0]).toMatch(/^slack\.signingSecret: .*required.*(env SLACK_SIGNING_SECRET)/);
    expect(issuesOf(() => loadConfig({ SLACK_BOT_TOKEN: 'abc', SLACK_SIGNING_SECRET: '12345678' }, tmp()))[0]).toMatch(/^slack\.botToken: .*xoxb-/);
    expect(issuesOf(() => loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }, tmp()))[0]).toMatch(/^teams\.appTenantId/);
    expect(issuesOf(() => loadConfig({ WEB_CHAT: 'misschien' }, tmp()))[0]).toMatch(/^WEB_CHAT: expected true or false/);
    expect(issuesOf(() => loadConfig({ DATABASE_URL: 'mysql://x' }, tmp()))[0]).toMatch(/^trends\.databaseUrl/);
  });

  it('maps the documented environment variables of every part', () => {
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret', SLACK_MODE: 'http',
        MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'tenant', MICROSOFT_APP_TYPE: 'MultiTenant',
        DATABASE_URL: 'postgres://u@127.0.0.1/db', TRENDS_K: '7', DASHBOARD_USERNAME: 'coord', DASHBOARD_PASSWORD: 'a long dashboard password',
        EMBEDDING_MODEL: '/models/e5', EMBEDDING_ALLOW_REMOTE: 'false', LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm',
      },
      tmp(),
    );
    expect(config.slack).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 'signing-secret' });
    expect(config.teams).toEqual({ appId: 'id', appPassword: 'pw', appTenantId: 'tenant', appType: 'MultiTenant' });
    expect(config.trends).toMatchObject({ databaseUrl: 'postgres://u@127.0.0.1/db', k: 7, dashboard: { username: 'coord' } });
    expect(config.embedding).toEqual({ model: '/models/e5', allowRemote: false });
    expect(config.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' });
    expect(issuesOf(() => loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }, tmp()))[0]).toMatch(/MICROSOFT_APP_TENANT_ID/);
  });

  it('reads a YAML file and lets the environment override it', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config/integriteitsbot.yaml'), 'port: 4000\nlimits:\n  maxMessageChars: 500\n');
    expect(loadConfig({}, dir)).toMatchObject({ port: 4000, limits: { maxMessageChars: 500 } });
    expect(loadConfig({ PORT: '5000' }, dir)).toMatchObject({ port: 5000, limits: { maxMessageChars: 500 } });
  });

  it('rejects unknown keys in the file, with their path', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'limits:\n  maxMesageChars: 500\n');
    expect(issuesOf(() => loadConfig({ CONFIG_FILE: 'c.yaml' }, dir))[0]).toMatch(/^limits: Unrecognized key/);
  });

  it('never prints a secret value', () => {
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-super-secret-token', SLACK_SIGNING_SECRET: 'signing-secret-value', DASHBOARD_USERNAME: 'coord', DASHBOARD_PASSWORD: 'a-long-dashboard-password' },
      tmp(),
    );
    const printed = JSON.stringify(describeConfig(config));
    expect(printed).not.toContain('xoxb-super-secret-token');
    expect(printed).not.toContain('signing-secret-value');
    expect(printed).not.toContain('a-long-dashboard-password');
    expect(printed).toContain('Slack (/slack/events)');
  });

  it('reads METRICS_TOKEN, refuses a short one, and never prints it', () => {
    const config = loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }, tmp());
    expect(config.metricsToken).toBe('a-long-enough-metrics-token');
    expect(JSON.stringify(describeConfig(config))).not.toContain('a-long-enough-metrics-token');
    expect(issuesOf(() => loadConfig({ METRICS_TOKEN: 'short' }, tmp()))[0]).toMatch(/^metricsToken: .*\(env METRICS_TOKEN\)/);
  });
});

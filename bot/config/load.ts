/**
 * Configuration comes from one optional file (YAML or JSON) and the environment; the environment wins, so a
 * container can override a baked-in file. Validation happens once, here, at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { AppConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEFAULT_FILE = 'config/integriteitsbot.yaml';

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const fromFile = readConfigFile(env.CONFIG_FILE, cwd);
  const merged = deepMerge(fromFile, fromEnv(env));
  withDataDirDefaults(merged);
  const parsed = AppConfig.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}${envHint(i.path)}`),
    );
  }
  return parsed.data;
}

/** Files the process writes default to places under the data directory, wherever that is. */
function withDataDirDefaults(config: Record<string, unknown>): void {
  const dataDir = typeof config.dataDir === 'string' ? config.dataDir : 'data';
  const trends = isPlainObject(config.trends) ? config.trends : (config.trends = {});
  if (isPlainObject(trends) && trends.sqlitePath === undefined) trends.sqlitePath = path.join(dataDir, 'trends.sqlite');
}

function readConfigFile(explicit: string | undefined, cwd: string): Record<string, unknown> {
  const file = explicit ? path.resolve(cwd, explicit) : path.resolve(cwd, DEFAULT_FILE);
  if (!fs.existsSync(file)) {
    if (explicit) throw new ConfigError([`CONFIG_FILE: ${explicit} does not exist`]);
    return {};
  }
  let data: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    data = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new ConfigError([`${path.relative(cwd, file)}: cannot be parsed (${(e as Error).message.split('\n')[0]})`]);
  }
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError([`${file}: must hold a mapping`]);
  return data as Record<string, unknown>;
}

/** Environment variable → config path. Kept as one table so docs and `config:check` can show it. */
export const ENV_VARS: Record<string, string> = {
  HOST: 'host',
  PORT: 'port',
  TRUST_PROXY: 'trustProxy',
  PUBLIC_URL: 'publicUrl',
  ALLOWED_HOSTS: 'allowedHosts',
  DATA_DIR: 'dataDir',
  EXTRA_SOURCES: 'extraSources',
  DIRECTORY_FILE: 'directoryPath',
  WEB_CHAT: 'webChat',
  LOG_LEVEL: 'logLevel',
  SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  MAX_MESSAGE_CHARS: 'limits.maxMessageChars',
  ANSWER_TIMEOUT_MS: 'limits.answerTimeoutMs',
  QUESTIONS_PER_MINUTE: 'limits.questionsPerMinute',
  EMBEDDING_MODEL: 'embedding.model',
  EMBEDDING_ALLOW_REMOTE: 'embedding.allowRemote',
  EMBEDDING_CACHE_DIR: 'embedding.cacheDir',
  LLM_BASE_URL: 'llm.baseUrl',
  LLM_API_KEY: 'llm.apiKey',
  LLM_MODEL: 'llm.model',
  LLM_TIMEOUT_MS: 'llm.timeoutMs',
  SLACK_MODE: 'slack.mode',
  SLACK_SIGNING_SECRET: 'slack.signingSecret',
  SLACK_BOT_TOKEN: 'slack.botToken',
  SLACK_APP_TOKEN: 'slack.appToken',
  SLACK_API_URL: 'slack.apiUrl',
  MICROSOFT_APP_ID: 'teams.appId',
  MICROSOFT_APP_PASSWORD: 'teams.appPassword',
  MICROSOFT_APP_TENANT_ID: 'teams.appTenantId',
  MICROSOFT_APP_TYPE: 'teams.appType',
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'teams.certificateThumbprint',
  MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: 'teams.certificatePrivateKey',
  DATABASE_URL: 'trends.databaseUrl',
  TRENDS_SQLITE_PATH: 'trends.sqlitePath',
  TRENDS_K: 'trends.k',
  DASHBOARD_USERNAME: 'trends.dashboard.username',
  DASHBOARD_PASSWORD_HASH: 'trends.dashboard.passwordHash',
  DASHBOARD_PASSWORD: 'trends.dashboard.password',
  NOTIFY_WEBHOOK_URL: 'notifyWebhookUrl',
  SEAL_KEYS: 'sealKeys',
  METRICS_TOKEN: 'metricsToken',
};

const BOOLEAN_PATHS = new Set(['webChat', 'embedding.allowRemote']);
const LIST_PATHS = new Set(['extraSources', 'allowedHosts']);
const NUMBER_PATHS = new Set(['trends.k']);

function fromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, target] of Object.entries(ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (BOOLEAN_PATHS.has(target)) value = parseBoolean(raw, name);
    if (LIST_PATHS.has(target)) value = raw.split(/[,:]/).map((s) => s.trim()).filter(Boolean);
    if (NUMBER_PATHS.has(target)) value = Number(raw);
    setPath(out, target.split('.'), value);
  }
  // Teams without credentials runs in local (Emulator) mode, but only when asked for.
  if (env.TEAMS_ENABLED && parseBoolean(env.TEAMS_ENABLED, 'TEAMS_ENABLED') && !out.teams) out.teams = {};
  return out;
}

function parseBoolean(raw: string, name: string): boolean {
  if (/^(1|true|yes|on|ja)$/i.test(raw)) return true;
  if (/^(0|false|no|off|nee)$/i.test(raw)) return false;
  throw new ConfigError([`${name}: expected true or false, got a value of ${raw.length} characters`]);
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function envHint(issuePath: PropertyKey[]): string {
  const joined = issuePath.join('.');
  const name = Object.entries(ENV_VARS).find(([, p]) => p === joined)?.[0];
  return name ? ` (env ${name})` : '';
}

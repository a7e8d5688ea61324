/** A printable account of a configuration: what is on, what is off and why. Secrets show only "(set)". */
import type { AppConfig } from './schema.js';
import { SECRET_FIELDS } from './schema.js';

export interface ConfigReport {
  active: string[];
  inactive: string[];
  values: Record<string, string>;
}

export function describeConfig(config: AppConfig): ConfigReport {
  const active: string[] = [];
  const inactive: string[] = [];
  const note = (on: boolean, label: string, missing: string) => (on ? active.push(label) : inactive.push(`${label}: ${missing}`));

  note(config.webChat, 'web chat (/)', 'WEB_CHAT=false');
  note(Boolean(config.slack), `Slack (${config.slack?.mode === 'socket' ? 'Socket Mode' : '/slack/events'})`, 'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_MODE=socket with SLACK_APP_TOKEN)');
  note(
    Boolean(config.teams),
    `Teams (/api/messages${config.teams && !config.teams.appId ? ', local Emulator mode without credentials' : ''})`,
    'set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID (or TEAMS_ENABLED=true for local mode)',
  );
  note(Boolean(config.trends.dashboard), 'coordinator dashboard (/dashboard)', 'set DASHBOARD_USERNAME and DASHBOARD_PASSWORD_HASH (npm run trends -- hash-password)');
  note(Boolean(config.embedding.model), 'neural retrieval tier', 'set EMBEDDING_MODEL to a local model folder (or a hub id with EMBEDDING_ALLOW_REMOTE=true)');
  note(Boolean(config.llm), 'LLM composer', 'set LLM_BASE_URL and LLM_MODEL (extractive answers are used meanwhile)');
  note(Boolean(config.notifyWebhookUrl), 'warm handoff notifications', 'set NOTIFY_WEBHOOK_URL');
  active.push(config.trends.databaseUrl ? 'trend store: PostgreSQL' : `trend store: SQLite (${config.trends.sqlitePath})`);

  return { active, inactive, values: flatten(config) };
}

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out[prefix] = SECRET_FIELDS.has(prefix) ? '(set)' : JSON.stringify(value);
  }
  return out;
}

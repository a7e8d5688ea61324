/**
 * Schema versions for both databases. Each runs once, inside a transaction, and is recorded in `migrations`.
 * One row per distinct label combination holding a count: the store never has a row per event.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

const LABELS = `week TEXT NOT NULL, kind TEXT NOT NULL, topic TEXT NOT NULL, intent TEXT NOT NULL,
  outcome TEXT NOT NULL, channel TEXT NOT NULL, audience TEXT NOT NULL, vote TEXT NOT NULL DEFAULT ''`;
const KEY = 'PRIMARY KEY (week, kind, topic, intent, outcome, channel, audience, vote)';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'trend_counts',
    sqlite: `CREATE TABLE IF NOT EXISTS trend_counts (${LABELS}, count INTEGER NOT NULL CHECK (count > 0),
      CHECK (length(week) = 8), ${KEY}) WITHOUT ROWID`,
    postgres: `CREATE TABLE IF NOT EXISTS trend_counts (${LABELS}, count BIGINT NOT NULL CHECK (count > 0),
      CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'), ${KEY})`,
  },
  {
    version: 2,
    name: 'trend_counts_week_index',
    sqlite: 'CREATE INDEX IF NOT EXISTS trend_counts_week ON trend_counts (week, kind)',
    postgres: 'CREATE INDEX IF NOT EXISTS trend_counts_week ON trend_counts (week, kind)',
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** The upsert both stores run per event; parameters in this order. */
export const UPSERT_COLUMNS = ['week', 'kind', 'topic', 'intent', 'outcome', 'channel', 'audience', 'vote'] as const;

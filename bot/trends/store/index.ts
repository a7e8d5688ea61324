/** Picks the store from config: PostgreSQL when a database URL is set, otherwise the SQLite file. */
import type { Logger } from '../../log.js';
import type { TrendsConfig } from '../config.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { TrendStore } from './types.js';

export type { TrendStore, TrendCount, TrendFilters, Health, TrendStoreMetrics } from './types.js';

export async function openTrendStore(
  config: Pick<TrendsConfig, 'databaseUrl' | 'sqlitePath'>,
  opts: { log?: Logger } = {},
): Promise<TrendStore> {
  const store = config.databaseUrl
    ? await openPostgresStore({ url: config.databaseUrl, log: opts.log })
    : openSqliteStore({ path: config.sqlitePath, log: opts.log });
  opts.log?.info({ event: 'trends.store_open', store: store.kind }, 'trend store ready');
  return store;
}

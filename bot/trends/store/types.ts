/** The one interface both trend stores implement. Reads return counts; only `report.ts` turns them into tables. */
import type { TrendEvent, TrendRecorder } from '../types.js';

export interface TrendFilters {
  /** Inclusive ISO week range ("2026-W37" .. "2026-W48"). Week labels sort as text. */
  fromWeek: string;
  toWeek: string;
  channel?: TrendEvent['channel'];
  audience?: TrendEvent['audience'];
}

/** One aggregated cell as stored: how many events share exactly these labels. */
export interface TrendCount {
  week: string;
  kind: TrendEvent['kind'];
  topic: TrendEvent['topic'];
  intent: TrendEvent['intent'];
  outcome: TrendEvent['outcome'];
  channel: TrendEvent['channel'];
  audience: TrendEvent['audience'];
  vote: 'up' | 'down' | null;
  count: number;
}

export type Health = { ok: true } | { ok: false; reason: string };

export interface TrendStoreMetrics {
  /** Events accepted by the database. */
  recorded: number;
  /** Valid events lost because the store failed (down, closed, overloaded). Never retried, never buffered. */
  dropped: number;
  /** Events refused by validation (unknown field, free text, bad label). */
  rejected: number;
}

export interface TrendStore extends TrendRecorder {
  readonly kind: 'sqlite' | 'postgres';
  /** A store filled by `npm run trends -- demo` with made-up events; the dashboard marks it on every page. */
  readonly demo: boolean;
  /** Same as metrics().dropped; the number the brief's metrics endpoint exports. */
  readonly dropped: number;
  metrics(): TrendStoreMetrics;
  /** Raw aggregated counts. Not for display: pass them through `buildReport`, which applies k-anonymity. */
  query(filters: TrendFilters): Promise<TrendCount[]>;
  health(): Promise<Health>;
  /** Resolves when writes already started have settled (tests, CLI). Holds nothing back itself. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

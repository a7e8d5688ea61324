/**
 * The coordinator dashboard: `createDashboard({ store, config, log })` → a Mountable with routes under /dashboard.
 * Page, CSV and assets all sit behind HTTP Basic authentication; the page and the CSV are built from the same
 * suppressed report, so the download holds exactly what is on screen.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Response } from 'express';
import { errorSummary, type Logger } from '../../log.js';
import type { TrendsConfig } from '../config.js';
import { reportToCsv } from '../format.js';
import { buildRelease, countsFingerprint, viewReport, type Release, type TrendReport } from '../report.js';
import type { TrendFilters, TrendStore } from '../store/types.js';
import type { QuotaStore } from '../../server/ratelimit.js';
import type { Mountable } from '../../server/types.js';
import { basicAuth } from './auth.js';
import { parseDashboardQuery, toStoreFilters, type DashboardQuery } from './filters.js';
import { ASSETS, BASE, renderError, renderPage } from './page.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Page assets come from the project's own node_modules: no CDN, nothing loaded from elsewhere. */
function assetDirs(): Record<string, string> {
  return {
    'chart.js': path.dirname(require.resolve('chart.js')),
    'rhc-components': path.dirname(require.resolve('@rijkshuisstijl-community/components-css/dist/index.css')),
    'rhc-tokens': path.dirname(require.resolve('@rijkshuisstijl-community/design-tokens/dist/index.css')),
  };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function createDashboard(deps: {
  store: TrendStore;
  config: Pick<TrendsConfig, 'k' | 'dashboard'>;
  log?: Logger;
  now?: () => Date;
  /** Login counters; shared through PostgreSQL when the server has it (bot/server/ratelimit.ts). */
  quotas?: QuotaStore;
}): Mountable {
  const { store, config, log } = deps;
  if (!config.dashboard) {
    throw new Error('trends.dashboard: username and passwordHash (or password) are required to mount /dashboard');
  }
  const now = deps.now ?? (() => new Date());
  const router = express.Router();

  router.use(BASE, (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.use(BASE, basicAuth(config.dashboard, log, deps.quotas));

  for (const [name, dir] of Object.entries(assetDirs())) {
    router.use(`${ASSETS}/${name}`, express.static(dir, { index: false, fallthrough: false }));
  }
  router.use(ASSETS, express.static(path.join(here, 'assets'), { index: false, fallthrough: false }));

  // One release per current week and store content: every view is cut from it, so they share one suppression.
  let cached: { key: string; release: Release } | undefined;
  const release = async (filters: TrendFilters, at: Date): Promise<Release> => {
    const counts = await store.query(filters);
    const key = `${filters.toWeek}|${config.k}|${countsFingerprint(counts)}`;
    if (cached?.key !== key) cached = { key, release: buildRelease(counts, { now: at, k: config.k }) };
    return cached.release;
  };

  const load = async (res: Response, raw: unknown): Promise<{ query: DashboardQuery; report: TrendReport } | undefined> => {
    const parsed = parseDashboardQuery(raw);
    if (!parsed.ok) {
      res.status(400).type('html').send(renderError(400, 'Ongeldig filter', `Controleer deze filters: ${parsed.fields.join(', ')}.`));
      return undefined;
    }
    const at = now();
    const { filters, view } = toStoreFilters(parsed.value, at);
    try {
      return { query: parsed.value, report: viewReport(await release(filters, at), view) };
    } catch (e) {
      log?.error({ event: 'dashboard.query_failed', err: e }, 'trend query failed');
      const s = errorSummary(e);
      res
        .status(503)
        .type('html')
        .send(renderError(503, 'Trendgegevens niet bereikbaar', `De opslag van de trendcijfers reageert nu niet (${s.code ?? s.type}). Probeer het later opnieuw.`));
      return undefined;
    }
  };

  router.get(BASE, async (req, res, next) => {
    try {
      const loaded = await load(res, req.query);
      if (!loaded) return;
      const html = renderPage({ ...loaded, health: await store.health(), metrics: store.metrics(), demo: store.demo });
      res.type('html').send(html);
      log?.info({ event: 'dashboard.view', weeks: loaded.query.weeks }, 'dashboard viewed');
    } catch (e) {
      next(e);
    }
  });

  router.get(`${BASE}/export.csv`, async (req, res, next) => {
    try {
      const loaded = await load(res, req.query);
      if (!loaded) return;
      const { query, report } = loaded;
      const csv = reportToCsv(report, {
        periode: `${report.weeks[0]} t/m ${report.weeks.at(-1)}`,
        kanaal: query.channel,
        doelgroep: query.audience,
        k: String(report.k),
        ...(store.demo ? { demo: 'verzonnen cijfers, geen echte vragen' } : {}),
      });
      const name = `integriteitsbot-trends-${report.weeks[0]}-${report.weeks.at(-1)}.csv`;
      res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}"`).send(csv);
      log?.info({ event: 'dashboard.export', weeks: query.weeks }, 'dashboard CSV exported');
    } catch (e) {
      next(e);
    }
  });

  return { router };
}

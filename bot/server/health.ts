/**
 * Liveness and readiness for the orchestrator. Readiness names what is wrong; it never includes user data, and
 * never an absolute path (files are named relative to the data directory, or by their base name).
 *
 * `/readyz` gates traffic: it fails only when answers cannot be given (index, triage model, embedding model).
 * `/healthz` is liveness (always 200 while the process serves HTTP) and carries the state of the parts that do
 * not stop answers, such as the trend store, as details; every detail check has a deadline, so a hung dependency
 * never makes the liveness probe hang.
 */
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { Router } from 'express';
import { withDeadline } from './deadline.js';

export interface CheckResult {
  ok: boolean;
  reason?: string;
  detail?: Record<string, unknown>;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult> | CheckResult;
}

export interface HealthOptions {
  /** Parts that do not stop answers: shown in /healthz (and so never make the replica unready). */
  details?: ReadinessCheck[];
  /** Absolute paths under this directory are shown relative to it. */
  dataDir?: string;
  /** Deadline for each check. */
  timeoutMs?: number;
}

export function healthRoutes(checks: ReadinessCheck[], state: { shuttingDown: boolean }, options: HealthOptions = {}): Router {
  const router = Router();
  const run = (list: ReadinessCheck[]) => runChecks(list, options);
  router.get('/healthz', async (_req, res) => {
    const details = options.details?.length ? { checks: await run(options.details) } : {};
    res.json({ status: 'alive', ...details });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await run(checks);
    if (state.shuttingDown) results.shutdown = { ok: false, reason: 'shutting down' };
    const ready = Object.values(results).every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  return router;
}

export async function runChecks(list: ReadinessCheck[], options: HealthOptions = {}): Promise<Record<string, CheckResult>> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const results: Record<string, CheckResult> = {};
  await Promise.all(
    list.map(async (c) => {
      let result: CheckResult;
      try {
        result = await withDeadline(Promise.resolve(c.check()), timeoutMs, () => ({ ok: false, reason: `no answer within ${timeoutMs} ms` }));
      } catch (e) {
        result = { ok: false, reason: e instanceof Error ? e.name : 'check failed' };
      }
      results[c.name] = result.reason ? { ...result, reason: withoutAbsolutePaths(result.reason, options.dataDir) } : result;
    }),
  );
  // Same order as the checks, whatever order they finished in.
  return Object.fromEntries(list.map((c) => [c.name, results[c.name]!]));
}

/**
 * Names files the way an operator of this deployment reads them, without telling a prober where things live:
 * paths under the data directory become relative to it ("index-…/ngram.hnsw"), any other absolute path becomes
 * its base name ("broken.md").
 */
export function withoutAbsolutePaths(text: string, dataDir?: string): string {
  let out = text;
  if (dataDir) {
    const roots = new Set([path.resolve(dataDir)]);
    try {
      roots.add(realpathSync(dataDir));
    } catch {
      // a missing data dir has no other name
    }
    for (const root of [...roots].sort((a, b) => b.length - a.length)) {
      out = out.split(`${root}${path.sep}`).join('');
    }
  }
  return out.replace(/(^|[\s(['"=:,])((?:[A-Za-z]:)?[\\/][^\s'"()[\],;]+)/g, (_m, before: string, p: string) => {
    const base = p.split(/[\\/]/).filter(Boolean).pop();
    return `${before}${base ?? '(path)'}`;
  });
}

/** Liveness and readiness for the orchestrator. Readiness names what is wrong; it never includes user data. */
import { Router } from 'express';

export interface CheckResult {
  ok: boolean;
  reason?: string;
  detail?: Record<string, unknown>;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult> | CheckResult;
}

export function healthRoutes(checks: ReadinessCheck[], state: { shuttingDown: boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (_req, res) => {
    const results: Record<string, CheckResult> = {};
    for (const c of checks) {
      try {
        results[c.name] = await c.check();
      } catch (e) {
        results[c.name] = { ok: false, reason: e instanceof Error ? e.name : 'check failed' };
      }
    }
    if (state.shuttingDown) results.shutdown = { ok: false, reason: 'shutting down' };
    const ready = Object.values(results).every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  return router;
}

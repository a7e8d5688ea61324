/**
 * The one logger. Privacy rule: log event kinds, ids of our own making and timings, never what a user wrote.
 * Callers pass structured fields; there is no helper that takes a message, so text cannot slip in by habit.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: undefined,
      // Error objects may carry a request body in their message or cause; only their type and code are kept.
      // The hook below may already have reduced an error to its summary; keep that as it is.
      serializers: { err: (e: unknown) => (isSummary(e) ? e : errorSummary(e)) },
      hooks: {
        // pino copies an Error's message into `msg` (`log.error({ err })`, `log.error(err)`), and a message can
        // carry user text; keep only the error's type and code.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (first instanceof Error) return method.apply(this, [{ err: errorSummary(first) }, ...rest] as Parameters<typeof method>);
          if (first && typeof first === 'object') {
            const o = first as Record<string, unknown>;
            if (o.err instanceof Error || o.error instanceof Error) {
              const safe = { ...o };
              if (o.err instanceof Error) safe.err = errorSummary(o.err);
              if (o.error instanceof Error) safe.error = errorSummary(o.error);
              return method.apply(this, [safe, ...rest] as Parameters<typeof method>);
            }
          }
          return method.apply(this, args);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

function isSummary(e: unknown): boolean {
  return !!e && typeof e === 'object' && !(e instanceof Error) && typeof (e as { type?: unknown }).type === 'string' && Object.keys(e).every((k) => k === 'type' || k === 'code');
}

export function errorSummary(e: unknown): { type: string; code?: string } {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { type: e.name, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { type: typeof e };
}

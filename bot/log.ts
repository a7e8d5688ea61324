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
      serializers: { err: (e: unknown) => errorSummary(e) },
    },
    options.destination ?? pino.destination(2),
  );
}

export function errorSummary(e: unknown): { type: string; code?: string } {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { type: e.name, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { type: typeof e };
}

/**
 * Bolt and the Web API client log through this adapter. Their messages can contain request bodies (debug level
 * dumps whole payloads; a JSON parse error quotes the input), so nothing they say is passed on verbatim: debug is
 * dropped, and for other levels only a leading phrase made of plain words is kept as the event kind.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

/** The leading words of a library message, cut at the first character that could start quoted data. */
export function safeKind(message: unknown): string {
  if (typeof message !== 'string') return 'unknown';
  const m = /^[A-Za-z][A-Za-z ,.'-]{0,80}/.exec(message);
  return m ? m[0].replace(/[ ,.'-]+$/, '') : 'unknown';
}

export function boltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => {
      if (level !== LogLevel.WARN && level !== LogLevel.ERROR) log.info({ event: 'slack.lib', kind: safeKind(msg[0]) });
    },
    warn: (...msg: unknown[]) => {
      if (level !== LogLevel.ERROR) log.warn({ event: 'slack.lib', kind: safeKind(msg[0]) });
    },
    error: (...msg: unknown[]) => log.error({ event: 'slack.lib', kind: safeKind(msg[0]) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { boltLogger, safeKind } from './bolt-logger.js';

describe('boltLogger', () => {
  it('keeps only the leading plain words of library messages and drops debug output', () => {
    const lines: string[] = [];
    const logger = boltLogger(createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(l) } }));
    logger.debug(`http request body: {"text":"ik word gepest"}`);
    logger.warn(`Parsing request body failed (error: SyntaxError: Unexpected token 'i', "ik word gepest" is not valid JSON)`);
    logger.error('An unhandled error occurred while Bolt processed an event');
    const out = lines.join('');
    expect(out).not.toContain('gepest');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'slack.lib', kind: 'Parsing request body failed' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ kind: 'An unhandled error occurred while Bolt processed an event' });
  });

  it('falls back to "unknown" for anything that does not start with words', () => {
    expect(safeKind('{"text":"x"}')).toBe('unknown');
    expect(safeKind(new Error('boom'))).toBe('unknown');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import { testIndex } from '../../../test/support/core.js';
import { runAsk } from './ask.js';

const run = promisify(execFile);
const tmp = mkdtempSync(path.join(tmpdir(), 'ask-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ask(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAsk(args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('npm run ask', () => {
  it('answers in the terminal with the source', async () => {
    const { indexDir } = await testIndex();
    const { code, out } = await ask(['Mag ik een fles wijn van een leverancier aannemen?', '--index', indexDir]);
    expect(code).toBe(0);
    expect(out).toContain('Gedragscode Integriteit Rijk §4.1');
    expect(out).toContain('€ 50');
  });

  it('prints the top passages with citations for --passages', async () => {
    const { indexDir } = await testIndex();
    const { out } = await ask(['nevenwerk melden', '--passages', '--index', indexDir, '--k', '3']);
    expect(out.split('\n').filter((l) => /^\d\. /.test(l))).toHaveLength(3);
    expect(out).toMatch(/score 0\.\d+/);
  });

  it('prints usage without a question', async () => {
    const { code, out } = await ask([]);
    expect(code).toBe(2);
    expect(out).toMatch(/usage/);
  });

  it('builds the index when it is missing (as a real process)', async () => {
    const indexDir = path.join(tmp, 'index');
    const { stdout } = await run('npx', ['tsx', 'bot/channels/cli/ask.ts', 'Can I accept a gift from a supplier?', '--index', indexDir], { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(stdout).toMatch(/^According to the Gedragscode Integriteit Rijk §4\.1/);
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ingest/pipeline.js';
import { testIndex } from '../../../test/support/core.js';
import { runAsk } from './ask.js';
import { PassThrough } from 'node:stream';
import { fixedTriage } from '../../../test/support/triage.js';
import { t } from '../../core/messages.js';

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

  it('prints the chat-sized answer with a hint, and the whole answer with --full', async () => {
    const { indexDir } = await testIndex();
    const q = 'Mag ik een fles wijn van een leverancier aannemen?';
    const short = (await ask([q, '--index', indexDir], )).out;
    const full = (await ask([q, '--full', '--index', indexDir])).out;
    expect(short).toContain('--full');
    expect(short).not.toContain('Wat kun je doen:');
    expect(full).toContain('Wat kun je doen:');
    expect(full).toContain('€ 50');
    expect(full.length).toBeGreaterThan(short.length);
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

  it('keeps its index under DATA_DIR, like the server', async () => {
    const dataDir = path.join(tmp, 'data-dir');
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      const { code } = await ask(['nevenwerk melden', '--passages', '--k', '1']);
      expect(code).toBe(0);
      expect(existsSync(path.join(dataDir, 'index', 'manifest.json'))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
    }
  });

  it('--json through `npm run -s` is valid JSON on stdout (as a real process)', async () => {
    const { indexDir } = await testIndex();
    const { stdout } = await run('npm', ['run', '-s', 'ask', '--', 'Mag ik een fles wijn van een leverancier aannemen?', '--json', '--index', indexDir], { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'info' } });
    expect(JSON.parse(stdout).kind).toBe('answer');
  });

  it('builds the index when it is missing (as a real process)', async () => {
    const indexDir = path.join(tmp, 'index');
    const { stdout } = await run('npx', ['tsx', 'bot/channels/cli/ask.ts', 'Can I accept a gift from a supplier?', '--index', indexDir], { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(stdout).toMatch(/^According to the Gedragscode Integriteit Rijk §4\.1/);
  });
});

describe('npm run ask: reroute choices', () => {
  const QUESTION = 'Mijn collega neemt soms kantoorspullen mee naar huis';
  const choiceLines = (out: string) => out.split('\n').filter((l) => /^ {2}\d\. /.test(l)).map((l) => l.trim());

  it('lists the clarifying question\'s two choices once, and says how to pick one when not on a terminal', async () => {
    const { indexDir } = await testIndex();
    const lines: string[] = [];
    const code = await runAsk([QUESTION, '--index', indexDir], (l) => lines.push(l), { triage: fixedTriage('clarify'), input: notATerminal() });
    const out = lines.join('\n');
    expect(code).toBe(0);
    expect(out).toContain(t('clarifyQuestion', 'nl').slice(0, 30));
    expect(choiceLines(out)).toEqual([`1. ${t('clarifyRules', 'nl')}`, `2. ${t('clarifyTalk', 'nl')}`]);
    expect(out).toContain('--choose N');
  });

  it('--choose follows the choices without a terminal: confidential talk, then back to the rules', async () => {
    const { indexDir } = await testIndex();
    const lines: string[] = [];
    const code = await runAsk([QUESTION, '--index', indexDir, '--choose', '2', '--choose', '1'], (l) => lines.push(l), { triage: fixedTriage('clarify'), input: notATerminal() });
    const out = lines.join('\n');
    expect(code).toBe(0);
    expect(out).toContain('Anna Voorbeeld'); // the handoff
    expect(choiceLines(out)).toEqual([`1. ${t('clarifyRules', 'nl')}`, `2. ${t('clarifyTalk', 'nl')}`, `1. ${t('onlyRules', 'nl')}`]);
    expect(out).not.toContain(QUESTION);
  });

  it('refuses a choice that is not offered, and a --choose on a reply without choices', async () => {
    const { indexDir } = await testIndex();
    expect((await ask([QUESTION, '--index', indexDir, '--choose', 'x'])).code).toBe(2);
    const lines: string[] = [];
    expect(await runAsk([QUESTION, '--index', indexDir, '--choose', '3'], (l) => lines.push(l), { triage: fixedTriage('clarify') })).toBe(2);
    expect(lines.at(-1)).toContain('1 tot 2');
    expect(await runAsk(['Mag ik een fles wijn van een leverancier aannemen?', '--index', indexDir, '--choose', '1'], () => {}, { triage: fixedTriage('advice') })).toBe(2);
  });

  it('on a terminal, reads the number typed (a wrong one is asked again, an empty line stops)', async () => {
    const { indexDir } = await testIndex();
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const lines: string[] = [];
    const done = runAsk([QUESTION, '--index', indexDir], (l) => {
      lines.push(l);
      // Answer each prompt as a person would: first a wrong number, then "talk", then stop.
      if (l.startsWith('Typ 1–2')) input.write(lines.filter((x) => x.startsWith('Typ 1–2')).length === 1 ? '7\n' : '2\n');
      else if (l.startsWith('Typ 1–1')) input.write('\n');
    }, { triage: fixedTriage('clarify'), input });
    expect(await done).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('Kies een nummer van 1 tot 2.');
    expect(out).toContain('Anna Voorbeeld');
    expect(out).not.toContain('--choose N');
  });

  it('--json writes one JSON document to stdout, whatever the number of replies; notes go to stderr', async () => {
    const { indexDir } = await testIndex();
    const lines: string[] = [];
    const notes: string[] = [];
    const code = await runAsk([QUESTION, '--index', indexDir, '--json', '--choose', '2'], (l) => lines.push(l), { triage: fixedTriage('clarify'), input: notATerminal(), err: (l) => notes.push(l) });
    expect(code).toBe(0);
    const replies = JSON.parse(lines.join('\n'));
    expect(replies.map((r: { kind: string }) => r.kind)).toEqual(['clarify', 'handoff']);
    const single = await runAsk(['Mag ik een fles wijn van een leverancier aannemen?', '--index', indexDir, '--json'], (l) => lines.splice(0, lines.length, l), { triage: fixedTriage('advice') });
    expect(single).toBe(0);
    expect(JSON.parse(lines.join('\n')).kind).toBe('answer');
    // A wrong choice is said on stderr; stdout stays empty rather than holding half a document.
    const wrong: string[] = [];
    expect(await runAsk([QUESTION, '--index', indexDir, '--json', '--choose', '3'], (l) => wrong.push(l), { triage: fixedTriage('clarify'), err: (l) => notes.push(l) })).toBe(2);
    expect(wrong).toEqual([]);
    expect(notes.at(-1)).toContain('1 tot 2');
  });

  it('documents --choose and --context in the help', async () => {
    const { code, out } = await ask(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--choose N');
    expect(out).toContain('--context');
  });

  it('asks a follow-up with --context, the token from an earlier run\'s --json (with SEAL_KEYS, as two processes need)', async () => {
    const { indexDir } = await testIndex();
    const before = process.env.SEAL_KEYS;
    process.env.SEAL_KEYS = Buffer.alloc(32, 7).toString('base64');
    try {
      const json = async (args: string[]) => {
        const lines: string[] = [];
        expect(await runAsk([...args, '--index', indexDir, '--json'], (l) => lines.push(l), { err: () => {} })).toBe(0);
        return JSON.parse(lines.join('\n')) as { kind: string; context?: string; citations: Array<{ doc: string; section: string }> };
      };
      const first = await json(['Mag een oud-minister als lobbyist bij ons ministerie langskomen?']);
      expect(first.context).toEqual(expect.any(String));
      const followup = await json(['hoe lang geldt dat?', '--context', first.context!]);
      expect(followup.citations[0]).toMatchObject({ doc: 'GIR', section: '4.7' });
      expect((await json(['hoe lang geldt dat?'])).kind).not.toBe('answer');
    } finally {
      if (before === undefined) delete process.env.SEAL_KEYS;
      else process.env.SEAL_KEYS = before;
    }
  });
});

function notATerminal() {
  return Object.assign(new PassThrough(), { isTTY: false });
}

/**
 * `npm run ask -- "vraag" [--choose N]… [--context <token>] [--passages] [--full] [--lang nl|en] [--index <dir>] [--directory file] [--json]`
 *
 * Answers in the terminal on the same core as the chat channels. `--passages` prints the top retrieved passages
 * with their citations instead (retrieval debugging). Uses the index under DATA_DIR like the
 * server, built first when it is missing.
 * A reply with reroute buttons (the clarifying question, "only the rules" under a handoff, confidential talk under
 * a sensitive answer) lists them as numbered choices: on a terminal the number is read from the keyboard, otherwise
 * `--choose N` picks one (repeat it to follow the next reply's choices too).
 * `--context <token>` asks the question as a follow-up of an earlier answer: the token is that answer's `context`
 * (in its --json output). Each run is a new process, so the token opens only with SEAL_KEYS set, as the server's.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createCore, createSealer, parseSealKeys } from '../../core/index.js';
import { sectionLabel } from '../../core/citation.js';
import { fullText, renderText } from '../../core/compose/render.js';
import type { Triage } from '../../core/triage/index.js';
import { neuralConfig } from '../../config/neural.js';
import type { Lang, Reply, ReplyAction } from '../../core/types.js';
import { loadConfig } from '../../config/load.js';
import { loadDirectory } from '../../directory/index.js';
import { createLogger, type Logger } from '../../log.js';
import { DEFAULT_ROOT, PROJECT_ROOT, ensureIndex } from '../../../ingest/pipeline.js';
import { loadRetriever } from '../../../knowledge/search/load.js';

const USAGE = [
  'usage: npm run ask -- "je vraag" [--choose N]... [--passages] [--lang nl|en] [--index <dir>] [--directory <file>] [--json]',
  '',
  '  --choose N     when the reply offers numbered choices (e.g. "Wil je weten wat de regels zijn?" or',
  '                 "Vertrouwelijk praten"), take choice N without asking; repeat for the next reply\'s choices.',
  '                 On a terminal you are asked for the number instead.',
  '  --context <t>  ask as a follow-up of an earlier answer: <t> is that answer\'s "context" from --json; opens only',
  '                 with SEAL_KEYS set (each run has its own key otherwise), and is ignored when it does not open',
  '  --passages     print the top retrieved passages with their scores (retrieval debugging)',
  '  --lang nl|en   answer in this language (detected from the question otherwise)',
  '  --index <dir>  the index to use (built when missing); --directory <file>: the vertrouwenspersonen',
  '  --full         print the whole answer, "Meer" included (by default only the chat-sized part)',
  '  --json         print the reply as JSON (with --choose: an array of the replies in order); only the JSON goes',
  '                 to stdout, so use `npm run -s ask -- … --json` (npm prints its own header to stdout otherwise)',
  '',
  'The index lives under DATA_DIR (default data/), as for the server.',
].join('\n');

const CHOICE_TEXT = {
  nl: { header: 'Kies hoe je verder wilt:', prompt: (n: number) => `Typ 1–${n} en Enter (alleen Enter: stoppen): `, hint: '(Kies met --choose N.)', invalid: (n: number) => `Kies een nummer van 1 tot ${n}.` },
  en: { header: 'Choose how to continue:', prompt: (n: number) => `Type 1–${n} and Enter (just Enter: stop): `, hint: '(Choose with --choose N.)', invalid: (n: number) => `Choose a number from 1 to ${n}.` },
} as const;

const MORE_HINT = { nl: 'Meer: voeg --full toe voor het hele antwoord', en: 'More: add --full for the whole answer' } as const;

type Reroute = Extract<ReplyAction, { type: 'reroute' }>;

export interface AskIo {
  /** Where an interactive choice is read from (default process.stdin); read only when it is a TTY. */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** A triage stand-in (tests force a route); the trained model otherwise. */
  triage?: Triage;
  log?: Logger;
  /** Where notes that are not the answer go (errors, hints, prompts) when stdout must hold JSON only; stderr by default. */
  err?: (line: string) => void;
}

export async function runAsk(argv: string[], stdout: (line: string) => void, io: AskIo = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      choose: { type: 'string', multiple: true },
      context: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      passages: { type: 'boolean', default: false },
      lang: { type: 'string' },
      index: { type: 'string' },
      directory: { type: 'string' },
      json: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      k: { type: 'string', default: '8' },
    },
  });
  if (values.help) {
    stdout(USAGE);
    return 0;
  }
  // With --json, stdout holds one JSON document and nothing else, so it can be piped into a parser.
  const out = values.json ? (io.err ?? ((line: string) => console.error(line))) : stdout;
  const question = positionals.join(' ').trim();
  const chosen = (values.choose ?? []).map((c) => (/^\d{1,2}$/.test(c) ? Number(c) : NaN));
  if (chosen.some((n) => !Number.isInteger(n) || n < 1)) {
    out(`--choose takes a choice number (1, 2, …)\n${USAGE}`);
    return 2;
  }
  if (!question) {
    out(USAGE);
    return 2;
  }
  if (values.lang && values.lang !== 'nl' && values.lang !== 'en') {
    out(`--lang must be nl or en\n${USAGE}`);
    return 2;
  }
  // The same configuration as the server (environment and config file), so both answer alike and share the index.
  const config = loadConfig();
  const indexDir = values.index ? path.resolve(values.index) : path.resolve(PROJECT_ROOT, config.dataDir, 'index');
  const neural = neuralConfig(config);
  const log = io.log ?? createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  // Incremental, like the server: edited cards and EXTRA_SOURCES are picked up, earlier extra documents kept.
  const extra = config.extraSources.map((s) => path.resolve(PROJECT_ROOT, s));
  await ensureIndex(indexDir, { refresh: true, roots: [DEFAULT_ROOT, ...extra], log, ...(neural ? { neural } : {}) });
  const retriever = await loadRetriever(indexDir, neural ? { neural } : {});

  if (values.passages) {
    const hits = await retriever.search(question, { k: Number(values.k) || 8 });
    if (values.json) stdout(JSON.stringify(hits.map((h) => ({ id: h.chunk.id, doc: h.chunk.doc, section: h.chunk.section, score: h.score, tiers: h.tiers })), null, 2));
    else
      hits.forEach((h, i) => {
        const c = h.chunk;
        const tiers = Object.entries(h.tiers)
          .map(([name, t]) => `${name}#${t.rank}=${t.score.toFixed(3)}`)
          .join(' ');
        out(`${i + 1}. ${c.docTitle} ${sectionLabel(c.section) || c.section} (${c.sectionTitle})  score ${h.score.toFixed(4)}  [${tiers}]`);
        if (c.url) out(`   ${c.url}`);
        out(`   ${c.text.replace(/\s+/g, ' ').slice(0, 220)}…`);
      });
    return 0;
  }

  const directoryPath = values.directory ? path.resolve(values.directory) : path.resolve(PROJECT_ROOT, config.directoryPath);
  const composer = { ...(config.llm ? { llm: config.llm } : {}), maxMessageChars: config.limits.maxMessageChars };
  // The server's keys, so a context token from an earlier run (or from the server) opens here too.
  const sealer = createSealer(config.sealKeys ? { keys: parseSealKeys(config.sealKeys) } : {});
  const core = createCore({ retriever, directory: loadDirectory(directoryPath), composer, log, sealer, ...(io.triage ? { triage: io.triage } : {}) });
  let reply = await core.handle({
    text: question,
    channel: 'cli',
    conversation: 'personal',
    ...(values.lang ? { lang: values.lang as Lang } : {}),
    ...(values.context ? { context: values.context } : {}),
  });
  const input = io.input ?? process.stdin;
  const replies: Reply[] = [];
  const code = await converse();
  // One document: the reply, or with --choose every reply in order. Nothing when the run failed half-way.
  if (values.json && code === 0) stdout(JSON.stringify(replies.length === 1 ? replies[0] : replies, null, 2));
  return code;

  async function converse(): Promise<number> {
    // Opened only when there is something to choose, so a plain answer never touches the terminal's input.
    let ask: LineReader | undefined;
    try {
      for (let step = 0; ; step++) {
        replies.push(reply);
        const choices = print(reply, stdout, values.json, values.full);
        if (choices.length === 0) {
          if (step < chosen.length) {
            out(`--choose ${chosen[step]}: ${reply.lang === 'en' ? 'this reply offers no choices' : 'dit antwoord biedt geen keuzes'}`);
            return 2;
          }
          return 0;
        }
        let pick: number | null;
        if (step < chosen.length) pick = chosen[step]!;
        else if (input.isTTY && chosen.length === 0) pick = await askChoice((ask ??= lineReader(input)), choices.length, reply.lang, out);
        else {
          if (chosen.length === 0 && !values.json) out(CHOICE_TEXT[reply.lang].hint);
          return 0;
        }
        if (pick === null) return 0;
        if (pick > choices.length) {
          out(`--choose ${pick}: ${CHOICE_TEXT[reply.lang].invalid(choices.length)}`);
          return 2;
        }
        const choice = choices[pick - 1]!;
        reply = await core.reroute({ token: choice.token, target: choice.target, channel: 'cli', conversation: 'personal' });
      }
    } finally {
      ask?.close();
    }
  }
}

/** Prints a reply as text with its reroute buttons as numbered choices (nothing for JSON); returns those choices. */
function print(reply: Reply, out: (line: string) => void, json: boolean, full: boolean): Reroute[] {
  const choices = reply.actions.filter((a): a is Reroute => a.type === 'reroute');
  if (json) return choices;
  // The clarifying question's text already ends in the numbered choices; print them once, from the actions.
  if (reply.kind === 'clarify') out(renderText(reply.sections, reply.citations, reply.lang));
  else if (full) out(fullText(reply));
  else {
    out(reply.text);
    if (reply.more?.length) out(`\n(${MORE_HINT[reply.lang]})`);
  }
  if (choices.length) {
    out('');
    out(CHOICE_TEXT[reply.lang].header);
    choices.forEach((c, i) => out(`  ${i + 1}. ${c.label}`));
  }
  return choices;
}

interface LineReader {
  next(): Promise<string | null>;
  close(): void;
}

function lineReader(input: NodeJS.ReadableStream): LineReader {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await lines.next();
      return r.done ? null : String(r.value);
    },
    close: () => rl.close(),
  };
}

/** Asks until a valid number comes (null: an empty line or end of input, meaning stop). */
async function askChoice(reader: LineReader, n: number, lang: Lang, out: (line: string) => void): Promise<number | null> {
  for (;;) {
    out(CHOICE_TEXT[lang].prompt(n));
    const line = (await reader.next())?.trim();
    if (!line) return null;
    const pick = /^\d{1,2}$/.test(line) ? Number(line) : NaN;
    if (pick >= 1 && pick <= n) return pick;
    out(CHOICE_TEXT[lang].invalid(n));
  }
}


if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runAsk(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // The message of our own errors names a file or field, never the question.
      console.error(`ask failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}

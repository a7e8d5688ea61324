/**
 * The real langchain ChatOpenAI client against a local server that speaks the OpenAI chat-completions protocol.
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedTriage } from '../../../test/support/triage.js';
import { createTestCore } from '../../../test/support/core.js';
import type { Core, Reply } from '../types.js';
import { verifyCited } from './verify.js';

type Mode = 'good' | 'uncited' | 'marker7' | 'slow' | 'error';
let mode: Mode = 'good';
const bodies: string[] = [];

/** The passage number the prompt gave to GIR §4.1 (so the fake cites a real passage). */
function giftPassage(system: string): number {
  const m = /\[(\d+)\] Gedragscode Integriteit Rijk §4\.1/.exec(system);
  return m ? Number(m[1]) : 1;
}

function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    bodies.push(body);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    const system = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'system')?.content ?? '';
    const n = giftPassage(system);
    const send = (content: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion(content)));
    };
    if (mode === 'error') return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom' } }));
    if (mode === 'slow') return void setTimeout(() => send(`Dat mag tot € 50 [${n}].`), 3000);
    if (mode === 'uncited') return send(`Een geschenk tot € 50 mag je aannemen met toestemming van je leidinggevende [${n}]. Wijn is altijd toegestaan.`);
    if (mode === 'marker7') return send(`Een geschenk tot € 50 mag je aannemen met toestemming [7].`);
    return send(`Een geschenk tot € 50 mag je alleen aannemen als je leidinggevende toestemming geeft [${n}]. Is het meer waard, dan stuur je het terug [${n}].`);
  });
});

let core: Core;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  core = await createTestCore({ triage: fixedTriage('advice'), composer: { llm: { baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'test-key', model: 'test-model', timeoutMs: 800 } } });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  bodies.length = 0;
});

// A question the answerability model answers even with the personal details (a bottle of wine with this much
// padding falls just below its threshold since the 2026-12-01 retrain; README, answer or abstain).
const QUESTION = 'Mag ik een kerstpakket van een leverancier aannemen? Mijn collega Pieter Bakker zegt van wel. Mail me op sanne.visser@voorbeeld.nl of bel 06-12345678, mijn BSN is 111222333.';
const ask = () => core.handle({ text: QUESTION, channel: 'web', conversation: 'personal' });
const isExtractive = (r: Reply) => r.text.startsWith('Een geschenk van een externe relatie');

describe('LLM composer', () => {
  it('uses a fully cited answer, with citations renumbered to the passages used', async () => {
    mode = 'good';
    const r = await ask();
    expect(r.kind).toBe('answer');
    expect(r.text).toContain('als je leidinggevende toestemming geeft [1]');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
    expect(bodies).toHaveLength(1);
  });

  it('falls back to the extractive answer for an uncited claim', async () => {
    mode = 'uncited';
    const r = await ask();
    expect(bodies).toHaveLength(1);
    expect(isExtractive(r)).toBe(true);
    expect(r.text).not.toContain('altijd toegestaan');
  });

  it('falls back when the answer cites a passage that was not given', async () => {
    mode = 'marker7';
    const r = await ask();
    expect(bodies).toHaveLength(1);
    expect(isExtractive(r)).toBe(true);
  });

  it('falls back on a timeout', async () => {
    mode = 'slow';
    const started = Date.now();
    const r = await ask();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(isExtractive(r)).toBe(true);
  });

  it('falls back on HTTP 500', async () => {
    mode = 'error';
    const r = await ask();
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    expect(isExtractive(r)).toBe(true);
    expect(r.citations[0]).toMatchObject({ doc: 'GIR', section: '4.1' });
  });

  it('never sends the e-mail address, phone number, BSN or colleague name', async () => {
    mode = 'good';
    await ask();
    const sent = bodies.join('\n');
    expect(sent).toContain('kerstpakket');
    for (const secret of ['sanne.visser@voorbeeld.nl', '06-12345678', '111222333', 'Pieter', 'Bakker']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[naam]');
  });
});

describe('verifyCited', () => {
  it('accepts sentences that each carry a given marker, also after the full stop', () => {
    expect(verifyCited('Dat mag tot € 50 [1]. Vraag het je leidinggevende. [2]', 2)).toEqual({ ok: true, used: [1, 2] });
    expect(verifyCited('Volgens art. 15 mag dat niet [1].\n- Meld het [1, 2].', 2)).toEqual({ ok: true, used: [1, 2] });
  });
  it('rejects an uncited sentence, an unknown marker and an empty answer', () => {
    expect(verifyCited('Dat mag tot € 50 [1]. Dat is altijd goed.', 2)).toMatchObject({ ok: false, reason: 'uncited-sentence' });
    expect(verifyCited('Dat mag [3].', 2)).toMatchObject({ ok: false, reason: 'unknown-marker' });
    expect(verifyCited('   ', 2)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

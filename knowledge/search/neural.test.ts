/**
 * Wiring of the neural tier with a tiny random-weight ONNX model next to the real multilingual-e5-small tokenizer
 * files. Proves loading, E5 prefixes, truncation to 512 tokens, mean pooling, normalisation and participation in
 * fusion. Says nothing about retrieval quality (the weights are random).
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from './build.js';
import { embedText } from './hash.js';
import { loadRetriever } from './load.js';
import { checkModelFolder, loadEmbedder, type Embedder } from './neural.js';
import { smallCorpus } from './test-support/chunks.js';
import { writeTinyEncoder, type TinyModel } from './test-support/tiny-onnx.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKENIZER_DIR = [
  process.env.E5_TOKENIZER_DIR,
  path.resolve(root, '../shared/models/multilingual-e5-small'),
  '/work/shared/models/multilingual-e5-small',
].find((d): d is string => !!d && existsSync(path.join(d, 'tokenizer.json')));

const DIMS = 8;
let tmp: string;
let modelDir: string;
let tiny: TinyModel;
let embedder: Embedder;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let tokenizer: any;

describe.skipIf(!TOKENIZER_DIR)('neural tier (tiny random model, wiring only)', () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'neural-test-'));
    modelDir = path.join(tmp, 'tiny-e5');
    await mkdir(path.join(modelDir, 'onnx'), { recursive: true });
    for (const f of ['tokenizer.json', 'tokenizer_config.json']) await copyFile(path.join(TOKENIZER_DIR!, f), path.join(modelDir, f));
    const config = JSON.parse(await readFile(path.join(TOKENIZER_DIR!, 'config.json'), 'utf8'));
    config.hidden_size = DIMS;
    await writeFile(path.join(modelDir, 'config.json'), JSON.stringify(config));
    tiny = await writeTinyEncoder(path.join(modelDir, 'onnx/model_quantized.onnx'), config.vocab_size, DIMS);
    embedder = await loadEmbedder({ model: modelDir });
    const { AutoTokenizer } = await import('@xenova/transformers');
    tokenizer = await AutoTokenizer.from_pretrained(path.basename(modelDir));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** The expected embedding computed by hand from token ids and the model's weight tables. */
  const manual = (ids: number[]): number[] => {
    const v = new Float64Array(DIMS);
    for (const id of ids) for (let d = 0; d < DIMS; d++) v[d]! += tiny.wordEmb[id * DIMS + d]! + tiny.typeEmb[d]!;
    const mean = Array.from(v, (x) => x / ids.length);
    const norm = Math.hypot(...mean);
    return mean.map((x) => x / norm);
  };
  const idsOf = (text: string): number[] => Array.from(tokenizer(text).input_ids.data as BigInt64Array, Number);
  const expectClose = (a: number[], b: number[]) => {
    expect(a).toHaveLength(b.length);
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 5));
  };

  it('records the model identity from config.json', () => {
    expect(embedder.modelId).toBe('intfloat/multilingual-e5-small');
  });

  it('prefixes queries with "query: " and passages with "passage: ", mean-pools and normalises', async () => {
    const [q] = await embedder.embedQueries(['mag ik een geschenk aannemen']);
    const [p] = await embedder.embedPassages(['mag ik een geschenk aannemen']);
    expectClose(q!, manual(idsOf('query: mag ik een geschenk aannemen')));
    expectClose(p!, manual(idsOf('passage: mag ik een geschenk aannemen')));
    expect(q).not.toEqual(p);
    expect(Math.hypot(...q!)).toBeCloseTo(1, 6);
  });

  it('ignores padding: a text embeds the same alone and in a batch with a longer one', async () => {
    const short = 'cadeau';
    const long = 'een veel langere tekst over nevenwerkzaamheden en de regels die daarvoor gelden bij het Rijk';
    const [alone] = await embedder.embedPassages([short]);
    const [inBatch, other] = await embedder.embedPassages([short, long]);
    expectClose(inBatch!, alone!);
    expectClose(other!, manual(idsOf('passage: ' + long)));
  });

  it('truncates input to 512 tokens (keeping the end-of-sequence token)', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `woord${i}`).join(' ');
    const ids = idsOf('query: ' + long);
    expect(ids.length).toBeGreaterThan(512);
    const truncated = [...ids.slice(0, 511), ids[ids.length - 1]!];
    const [v] = await embedder.embedQueries([long]);
    expectClose(v!, manual(truncated));
    // and it is not the embedding of the full, untruncated sequence
    expect(Math.abs(v![0]! - manual(ids)[0]!)).toBeGreaterThan(1e-4);
  });

  it('gives a clear error naming the folder and the missing file', async () => {
    const empty = path.join(tmp, 'incomplete');
    await mkdir(empty);
    await copyFile(path.join(modelDir, 'config.json'), path.join(empty, 'config.json'));
    await copyFile(path.join(modelDir, 'tokenizer.json'), path.join(empty, 'tokenizer.json'));
    await copyFile(path.join(modelDir, 'tokenizer_config.json'), path.join(empty, 'tokenizer_config.json'));
    expect(() => checkModelFolder({ model: empty })).toThrow(`neural model folder ${empty} is missing onnx/model_quantized.onnx`);
    await expect(loadEmbedder({ model: empty })).rejects.toThrow(/missing onnx\/model_quantized\.onnx/);
    await expect(loadEmbedder({ model: path.join(tmp, 'nowhere') })).rejects.toThrow(/neural model folder not found/);
    await expect(loadEmbedder({ model: 'Xenova/multilingual-e5-small' })).rejects.toThrow(/allowRemote is false/);
  });

  it('adds a neural tier to the index that takes part in fusion, and reuses its vectors', async () => {
    const dir = path.join(tmp, 'index');
    const manifest = await buildIndex(smallCorpus(), { outDir: dir, sources: {}, neural: { model: modelDir } });
    expect(manifest.tiers).toEqual(['bm25', 'ngram', 'neural']);
    expect(manifest.neural).toEqual({ modelId: 'intfloat/multilingual-e5-small', dimensions: DIMS });
    expect(manifest.vectors?.neural).toEqual({ reused: 0, embedded: 6 });

    const r = await loadRetriever(dir, { neural: { model: modelDir } });
    expect(r.manifest.tiers).toContain('neural');
    const hits = await r.search('nevenwerkzaamheden melden', { k: 6 });
    expect(hits.some((h) => h.tiers.neural !== undefined)).toBe(true);
    const neuralOnly = await r.withTiers(['neural']).search('iets heel anders', { k: 3 });
    expect(neuralOnly).toHaveLength(3);
    expect(neuralOnly.every((h) => h.tiers.neural && !h.tiers.bm25)).toBe(true);
    // the neural ranking is the ranking by cosine between query and passage embeddings
    const [qv] = await embedder.embedQueries(['iets heel anders']);
    const pv = await embedder.embedPassages(smallCorpus().map(embedText));
    const cos = pv.map((v, i) => ({ id: smallCorpus()[i]!.id, s: v.reduce((a, x, d) => a + x * qv![d]!, 0) }));
    cos.sort((a, b) => b.s - a.s);
    expect(neuralOnly.map((h) => h.chunk.id)).toEqual(cos.slice(0, 3).map((c) => c.id));
    expect(neuralOnly[0]!.tiers.neural!.score).toBeCloseTo(cos[0]!.s, 4);

    const again = path.join(tmp, 'index2');
    const m2 = await buildIndex(smallCorpus(), { outDir: again, previousDir: dir, sources: {}, embedder });
    expect(m2.vectors?.neural).toEqual({ reused: 6, embedded: 0 });

    // without a model configured, the index still serves the other tiers
    const plain = await loadRetriever(dir);
    expect(plain.manifest.tiers).toEqual(['bm25', 'ngram', 'routing']);
  });

  it('refuses an index built with another model', async () => {
    const dir = path.join(tmp, 'index-other');
    const other: Embedder = { ...embedder, modelId: 'other/model', embedQueries: embedder.embedQueries, embedPassages: embedder.embedPassages };
    await buildIndex(smallCorpus(), { outDir: dir, sources: {}, embedder: other });
    await expect(loadRetriever(dir, { embedder })).rejects.toThrow(/built with model other\/model/);
  });
});

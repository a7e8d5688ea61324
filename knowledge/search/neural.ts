/**
 * Neural tier: a sentence-embedding model run locally with transformers.js (ONNX runtime). Built for
 * multilingual-e5-small: "query: " / "passage: " prefixes, mean pooling over the attention mask, L2
 * normalisation, inputs truncated to 512 tokens. The model comes from a local folder in transformers.js layout, or
 * from the hub only when `allowRemote` is set (machines in closed networks get the folder from an operator).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NeuralConfig } from './types.js';

export const MAX_TOKENS = 512;
export const QUERY_PREFIX = 'query: ';
export const PASSAGE_PREFIX = 'passage: ';

export interface Embedder {
  /** Stable model identity recorded in the manifest (`_name_or_path` from config.json, else the configured name). */
  readonly modelId: string;
  embedQueries(texts: string[]): Promise<number[][]>;
  embedPassages(texts: string[]): Promise<number[][]>;
}

function looksLikePath(model: string): boolean {
  return path.isAbsolute(model) || model.startsWith('.') || existsSync(model);
}

/** Files transformers.js needs for a feature-extraction model, relative to the model folder. */
export function requiredFiles(cfg: NeuralConfig): string[] {
  const onnx = cfg.quantized === false ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx';
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnx];
}

/** Throws an error naming the folder and the missing file when a local model folder is incomplete. */
export function checkModelFolder(cfg: NeuralConfig): string {
  const folder = path.resolve(cfg.model);
  if (!existsSync(folder)) throw new Error(`neural model folder not found: ${folder}`);
  for (const f of requiredFiles(cfg)) {
    if (!existsSync(path.join(folder, f))) {
      throw new Error(`neural model folder ${folder} is missing ${f} (place the model files there, see docs)`);
    }
  }
  return folder;
}

export async function loadEmbedder(cfg: NeuralConfig): Promise<Embedder> {
  const tf = await import('@xenova/transformers');
  const { env, AutoTokenizer, AutoModel, Tensor } = tf;
  let id: string;
  if (looksLikePath(cfg.model)) {
    const folder = checkModelFolder(cfg);
    env.localModelPath = path.dirname(folder) + path.sep;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    id = path.basename(folder);
  } else {
    if (!cfg.allowRemote) {
      throw new Error(`neural model "${cfg.model}" is not a local folder and allowRemote is false: point neural.model at a folder with the model files`);
    }
    env.allowRemoteModels = true;
    env.allowLocalModels = false;
    id = cfg.model;
  }
  if (cfg.cacheDir) env.cacheDir = cfg.cacheDir;
  const quantized = cfg.quantized !== false;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof AutoModel.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(id, { quantized });
    model = await AutoModel.from_pretrained(id, { quantized });
  } catch (err) {
    throw new Error(`could not load neural model "${cfg.model}": ${(err as Error).message}`);
  }
  const modelId = String((model.config as Record<string, unknown>)?._name_or_path || cfg.model);

  const padId = Number((tokenizer as unknown as { pad_token_id?: number }).pad_token_id ?? 0);
  const embed = async (texts: string[]): Promise<number[][]> => {
    const out: number[][] = [];
    const batch = 16;
    for (let i = 0; i < texts.length; i += batch) {
      const rows = texts.slice(i, i + batch).map((t) => truncateIds(tokenizer.encode(t)));
      const inputs = padBatch(rows, padId, Tensor as unknown as TensorCtor);
      const result = await model(inputs);
      const hidden = result.last_hidden_state as { data: Float32Array; dims: number[] };
      out.push(...meanPool(hidden.data, hidden.dims, inputs.attention_mask.data as BigInt64Array));
    }
    return out;
  };
  return {
    modelId,
    embedQueries: (texts) => embed(texts.map((t) => QUERY_PREFIX + t)),
    embedPassages: (texts) => embed(texts.map((t) => PASSAGE_PREFIX + t)),
  };
}

/**
 * At most MAX_TOKENS ids, keeping the final special token (</s>) as the Python tokenizers do; transformers.js
 * 2.17 would cut it off.
 */
export function truncateIds(ids: number[]): number[] {
  if (ids.length <= MAX_TOKENS) return ids;
  return [...ids.slice(0, MAX_TOKENS - 1), ids[ids.length - 1]!];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TensorCtor = new (type: string, data: BigInt64Array, dims: number[]) => any;

/** Right-padded int64 input tensors for a batch of id rows. */
function padBatch(rows: number[][], padId: number, Tensor: TensorCtor) {
  const seq = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * seq);
  rows.forEach((r, b) =>
    r.forEach((id, s) => {
      ids[b * seq + s] = BigInt(id);
      mask[b * seq + s] = 1n;
    }),
  );
  const dims = [rows.length, seq];
  return {
    input_ids: new Tensor('int64', ids, dims),
    attention_mask: new Tensor('int64', mask, dims),
    token_type_ids: new Tensor('int64', new BigInt64Array(rows.length * seq), dims),
  };
}

/** Mean over the tokens the attention mask keeps, then L2 normalisation. */
export function meanPool(data: Float32Array, dims: number[], mask: BigInt64Array | number[]): number[][] {
  const [batch, seq, hidden] = dims as [number, number, number];
  const out: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float64Array(hidden);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s]) === 0) continue;
      count++;
      const off = (b * seq + s) * hidden;
      for (let h = 0; h < hidden; h++) v[h]! += data[off + h]!;
    }
    let norm = 0;
    for (let h = 0; h < hidden; h++) {
      v[h]! /= Math.max(count, 1);
      norm += v[h]! * v[h]!;
    }
    norm = Math.sqrt(norm) || 1;
    out.push(Array.from(v, (x) => x / norm));
  }
  return out;
}

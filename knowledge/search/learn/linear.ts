/**
 * Multinomial logistic regression over hashed sparse features: one weight row and one bias per label. Small on
 * purpose: the whole model is a dot product per label and a softmax, so a decision costs microseconds and reads
 * the same in training and serving.
 */
import type { SparseVector } from '../analyze/features.js';

export interface LinearModel {
  classes: number;
  dim: number;
  /** dim × classes: the weights of one feature for every label side by side (one cache line per feature). */
  weights: Float32Array;
  bias: Float64Array;
}

export function emptyModel(classes: number, dim: number): LinearModel {
  return { classes, dim, weights: new Float32Array(classes * dim), bias: new Float64Array(classes) };
}

export function logits(model: LinearModel, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const C = model.classes;
  for (let c = 0; c < C; c++) out[c] = model.bias[c]!;
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k]! * C;
    const v = x.val[k]!;
    for (let c = 0; c < C; c++) out[c] = out[c]! + model.weights[base + c]! * v;
  }
  return out;
}

/** Softmax of logits / temperature (temperature > 1 softens over-confident scores; see calibrate.ts). */
export function softmax(z: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]! / temperature);
  const e = Array.from(z, (v) => Math.exp(v / temperature - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The weights as stored on disk: little-endian float32, in memory order. */
export function weightsBytes(model: LinearModel): Buffer {
  const buf = Buffer.alloc(model.weights.length * 4);
  model.weights.forEach((w, i) => buf.writeFloatLE(w, i * 4));
  return buf;
}

/** The weights read back from weightsBytes' format; null when the byte count does not fit `length` weights. */
export function weightsFromBytes(bytes: Buffer, length: number): Float32Array | null {
  if (bytes.length !== length * 4) return null;
  const weights = new Float32Array(length);
  for (let i = 0; i < length; i++) weights[i] = bytes.readFloatLE(i * 4);
  return weights;
}

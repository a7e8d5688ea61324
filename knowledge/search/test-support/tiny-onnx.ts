/**
 * Writes a tiny ONNX "encoder" with random weights, for testing the neural tier's wiring only (loading, prefixes,
 * truncation, pooling, normalisation). It has the inputs and output of a BERT-style encoder
 * (input_ids, attention_mask, token_type_ids → last_hidden_state [batch, seq, dims]) and computes
 *   last_hidden_state = (wordEmb[input_ids] + typeEmb[token_type_ids]) * attention_mask
 * so a test can compute the expected embedding by hand. It says nothing about retrieval quality.
 *
 * The ONNX protobuf schema subset below is written from the field numbers of onnx.proto (proto2).
 */
import { writeFile } from 'node:fs/promises';
import protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto2";
package onnx;
message AttributeProto { optional string name = 1; optional int64 i = 3; optional int32 type = 20; }
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; optional string name = 3; optional string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message TensorProto {
  repeated int64 dims = 1; optional int32 data_type = 2; repeated int64 int64_data = 7 [packed = true];
  optional string name = 8; optional bytes raw_data = 9;
}
message TensorShapeProto { message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; } repeated Dimension dim = 1; }
message TypeProto { message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; } optional Tensor tensor_type = 1; }
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message ModelProto {
  optional int64 ir_version = 1; optional string producer_name = 2; optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

export interface TinyModel {
  vocabSize: number;
  dims: number;
  wordEmb: Float32Array;
  typeEmb: Float32Array;
}

export async function writeTinyEncoder(file: string, vocabSize: number, dims: number, seed = 7): Promise<TinyModel> {
  const rnd = random(seed);
  const wordEmb = Float32Array.from({ length: vocabSize * dims }, rnd);
  const typeEmb = Float32Array.from({ length: 2 * dims }, () => rnd() * 0.1);
  const root = protobuf.parse(ONNX_SUBSET).root;
  const Model = root.lookupType('onnx.ModelProto');
  const ids = (name: string) => ({
    name,
    type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'seq' }] } } },
  });
  const raw = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const model = {
    irVersion: 7,
    producerName: 'integriteitsbot-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-encoder',
      initializer: [
        { name: 'word_emb', dims: [vocabSize, dims], dataType: FLOAT, rawData: raw(wordEmb) },
        { name: 'type_emb', dims: [2, dims], dataType: FLOAT, rawData: raw(typeEmb) },
        { name: 'axes', dims: [1], dataType: INT64, int64Data: [2] },
      ],
      node: [
        { opType: 'Gather', input: ['word_emb', 'input_ids'], output: ['w'], name: 'gather_words' },
        { opType: 'Gather', input: ['type_emb', 'token_type_ids'], output: ['t'], name: 'gather_types' },
        { opType: 'Add', input: ['w', 't'], output: ['wt'], name: 'add' },
        { opType: 'Cast', input: ['attention_mask'], output: ['m'], name: 'cast', attribute: [{ name: 'to', i: FLOAT, type: ATTR_INT }] },
        { opType: 'Unsqueeze', input: ['m', 'axes'], output: ['m3'], name: 'unsqueeze' },
        { opType: 'Mul', input: ['wt', 'm3'], output: ['last_hidden_state'], name: 'mask' },
      ],
      input: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'seq' }, { dimValue: dims }] } } },
        },
      ],
    },
  };
  const err = Model.verify(model);
  if (err) throw new Error(`tiny ONNX model invalid: ${err}`);
  await writeFile(file, Model.encode(Model.fromObject(model)).finish());
  return { vocabSize, dims, wordEmb, typeEmb };
}

import { expect } from 'chai';
import { InputMismatchError, KernelError, ModelLoadError, UnsupportedOperatorError } from '../../src/runtime/errors.js';
import { loadModel } from '../../src/runtime/load-model.js';
import { ModelProtoType } from '../../src/runtime/onnx/schema.js';
import type { Message } from 'protobufjs';
import { random, readBytes, uniform } from './helpers.js';

/** The typed errors a corrupt model may produce: at load, or (KernelError) when a run meets impossible shapes. */
const TYPED = [ModelLoadError, UnsupportedOperatorError, InputMismatchError, KernelError];

/** A decoded protobuf message, edited freely (its fields are onnx.proto's). */
type Loose = Record<string, any>;
type Edit = (model: Loose, next: () => number) => void;

const pick = (list: readonly any[], next: () => number): any => list[Math.floor(next() * list.length)];

/** Field edits on the decoded model: each leaves a well-formed protobuf with a semantically broken ONNX model. */
const EDITS: readonly Edit[] = [
  (m, n) => (pick(m.graph.node, n).op_type = pick(['Conv', 'Reshape', 'Nope', '', 'Gemm', 'Concat'], n)),
  (m, n) => pick(m.graph.node, n).input.pop(),
  (m, n) => pick(m.graph.node, n).input.push(pick(['obs_0', 'ghost', ''], n)),
  (m, n) => (pick(m.graph.node, n).output = []),
  (m, n) => (pick(m.graph.initializer, n).dims = [Math.floor(n() * 5), 3]),
  (m, n) => (pick(m.graph.initializer, n).data_type = Math.floor(n() * 20)),
  (m, n) => (pick(m.graph.initializer, n).raw_data = new Uint8Array(Math.floor(n() * 9))),
  (m, n) => (m.graph.input[0].type.tensor_type.elem_type = Math.floor(n() * 12)),
  (m, n) => (m.graph.input[0].type.tensor_type.shape.dim[1] = { dim_value: Math.floor(n() * 10) }),
  (m, n) => (m.opset_import[0].version = Math.floor(n() * 30)),
  (m, n) => m.graph.node.splice(Math.floor(n() * m.graph.node.length), 1),
  (m) => m.graph.node.reverse(),
  (m, n) => {
    const attr = m.graph.node.flatMap((node: { attribute: unknown[] }) => node.attribute);
    if (attr.length) pick(attr as Record<string, unknown>[], n).type = Math.floor(n() * 15);
  },
  (m, n) => (m.graph.output[0].name = pick(['ghost', 'obs_0', ''], n)),
];

function mutate(original: Uint8Array, next: () => number): Uint8Array {
  const kind = Math.floor(next() * 3);
  if (kind === 0) {
    const bytes = original.slice();
    const flips = 1 + Math.floor(next() * 4);
    for (let i = 0; i < flips; i++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
    return bytes;
  }
  if (kind === 1) return original.slice(0, Math.floor(next() * original.length));
  const model = ModelProtoType.decode(original) as unknown as Loose;
  pick(EDITS, next)(model, next);
  return ModelProtoType.encode(model as Message).finish();
}

describe('loadModel() on 1,000 mutations of a real model', () => {
  it('fails only with typed errors, never hangs or crashes', async function () {
    // A hang fails on this timeout; it is generous because the suite may share a busy machine.
    this.timeout(180_000);
    const original = readBytes('assets/models/ml-agents/3DBall.onnx');
    const feeds = { obs_0: uniform([4, 8], 31) };
    const next = random(2024);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const bytes = mutate(original, next);
      let outcome = 'ran';
      try {
        const model = await loadModel(bytes, { backend: 'cpu' });
        try {
          await model.run(feeds);
        } finally {
          model.dispose();
        }
      } catch (error) {
        if (!TYPED.some((type) => error instanceof type)) expect.fail(`mutation ${i}: untyped ${String((error as Error)?.stack ?? error)}`);
        outcome = (error as Error).name;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(outcomes.get('ModelLoadError')).to.be.greaterThan(100);
  });
});

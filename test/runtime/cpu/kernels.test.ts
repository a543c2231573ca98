import { expect } from 'chai';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import type { CompiledKernel } from '../../../src/runtime/cpu/kernel.js';
import type { GraphNode } from '../../../src/runtime/graph.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { expectClose } from '../helpers.js';
import { kernelCases, RANDOM_OPS, type KernelCase } from '../kernel-cases/index.js';

function outputCount(c: KernelCase): number {
  return c.outputs ?? (Array.isArray(c.expected) ? c.expected.length : c.op === 'LSTM' ? 3 : 1);
}

/** Compiles the case's node on the CPU kernels; `constants` says whether constant inputs are offered for packing. */
function compile(c: KernelCase, constants: boolean): CompiledKernel {
  const node: GraphNode = {
    name: `${c.op.toLowerCase()}_case`,
    opType: c.op,
    domain: '',
    inputs: c.inputs.map((t, i) => (t ? `input${i}` : '')),
    outputs: Array.from({ length: outputCount(c) }, (_, i) => `output${i}`),
    attributes: c.attributes ?? {},
  };
  const factory = cpuKernels[c.op];
  if (!factory) throw new Error(`no CPU kernel for ${c.op}`);
  return factory({ node, opset: c.opset ?? 17, constantInput: (i) => (constants && c.constants?.includes(i) ? c.inputs[i] : undefined) });
}

/** Copies outputs out of the kernel's reused buffers. */
function copy(outputs: readonly Tensor[]): Tensor[] {
  return outputs.map((t) => new Tensor(t.dtype, t.data.slice() as Tensor['data'], t.dims));
}

describe('CPU kernels', () => {
  it('implement every op of the shared cases', () => {
    const missing = [...new Set(kernelCases.map((c) => c.op))].filter((op) => !cpuKernels[op]);
    expect(missing).to.deep.equal([]);
  });

  for (const c of kernelCases) {
    describe(`${c.op}: ${c.name}`, () => {
      if (c.throws) {
        it('throws a KernelError naming the node and op', () => {
          let error: unknown;
          try {
            compile(c, true).run(c.inputs);
          } catch (e) {
            error = e;
          }
          expect(error, 'an error').to.be.instanceOf(Error);
          expect((error as Error).name).to.equal('KernelError');
          expect((error as Error).message).to.contain(`${c.op} node '${c.op.toLowerCase()}_case'`).and.to.match(c.throws!);
        });
        return;
      }
      for (const constants of c.constants ? [true, false] : [false]) {
        it(constants ? 'with constant inputs (pre-packed)' : 'with run-time inputs', () => {
          const kernel = compile(c, constants);
          const first = copy(kernel.run(c.inputs));
          if (typeof c.expected === 'function') c.expected(first);
          else (c.expected ?? []).forEach((want, i) => expectClose(first[i], want, `output ${i}`, c.tolerance ?? 1e-5));
          if (!RANDOM_OPS.has(c.op)) kernel.run(c.inputs).forEach((again, i) => expectClose(again, first[i], `second run, output ${i}`, 0, 0));
        });
      }
    });
  }

  describe('random ops', () => {
    for (const c of kernelCases.filter((k) => RANDOM_OPS.has(k.op) && !k.throws)) {
      it(`${c.op} is deterministic per seed and varies between runs: ${c.name}`, () => {
        const a = compile(c, false), b = compile(c, false);
        const first = copy(a.run(c.inputs));
        expectClose(b.run(c.inputs)[0], first[0], 'same seed', 0, 0);
        const second = a.run(c.inputs);
        expect(Array.from(second[0].data as ArrayLike<number | bigint>).some((v, i) => v !== first[0].data[i])).to.equal(true);
      });
    }
  });
});

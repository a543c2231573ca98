import { expect } from 'chai';
import { WebGpuModel } from '../../../src/runtime/webgpu/webgpu-model.js';
import { expectClose } from '../helpers.js';
import { kernelCases, RANDOM_OPS, type KernelCase } from '../kernel-cases/index.js';
import { describeGpu, expectNoUncapturedErrors } from './gpu.js';
import { caseGraph } from './single-node.js';

function outputCount(c: KernelCase): number {
  return c.outputs ?? (Array.isArray(c.expected) ? c.expected.length : c.op === 'LSTM' ? 3 : 1);
}

describeGpu('WebGPU kernels (shared kernel cases, SwiftShader in Node)', (device) => {
  expectNoUncapturedErrors(device);

  for (const c of kernelCases) {
    it(`${c.op}: ${c.name}`, async () => {
      const { graph, feeds } = caseGraph(c, outputCount(c));
      let model: WebGpuModel;
      try {
        model = new WebGpuModel(graph, device(), { label: `case ${c.name}`, cpuWhileCompiling: false });
      } catch (error) {
        // Like the CPU back end, a node refused at load gives a ModelLoadError caused by the kernel's KernelError.
        expect(c.throws, `load failed: ${String(error)}`).to.not.equal(undefined);
        expect((error as Error).name).to.equal('ModelLoadError');
        expect(((error as Error).cause as Error).message).to.contain(`${c.op} node '${c.op.toLowerCase()}_case'`).and.to.match(c.throws!);
        return;
      }
      try {
        if (c.throws) {
          const error = await model.run(feeds).then(() => undefined, (e: unknown) => e);
          expect(error, 'an error').to.be.instanceOf(Error);
          expect((error as Error).name).to.equal('KernelError');
          expect((error as Error).message).to.contain(`${c.op} node '${c.op.toLowerCase()}_case'`).and.to.match(c.throws);
          return;
        }
        const result = await model.run(feeds);
        const outputs = graph.outputs.map((o) => result[o.name]);
        if (typeof c.expected === 'function') c.expected(outputs);
        else (c.expected ?? []).forEach((want, i) => expectClose(outputs[i], want, `output ${i}`, c.tolerance ?? 1e-5));
        if (!RANDOM_OPS.has(c.op)) {
          const again = await model.run(feeds);
          graph.outputs.forEach((o) => expectClose(again[o.name], result[o.name], `second run, ${o.name}`, 0, 0));
        }
      } finally {
        model.dispose();
      }
    });
  }
});

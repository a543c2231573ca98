/**
 * The checks every WebGPU environment runs (Node with the `webgpu` package, and Chromium through
 * test/browser/fixtures/webgpu-kernels): one shared kernel case, and one real model against the CPU back end.
 * Browser-safe: no Node module. Each throws (chai) on a failure.
 */
import { expect } from 'chai';
import { loadModel } from '../../../src/runtime/load-model.js';
import type { Model } from '../../../src/runtime/model.js';
import { createWebGpuModel } from '../../../src/runtime/webgpu/create-webgpu-model.js';
import { WebGpuModel } from '../../../src/runtime/webgpu/webgpu-model.js';
import { kernelCases, RANDOM_OPS, type KernelCase } from '../kernel-cases/index.js';
import { expectClose } from '../tensor-checks.js';
import type { RealModelCase } from './real-model-cases.js';
import { caseGraph } from './single-node.js';

export { kernelCases };

function outputCount(c: KernelCase): number {
  return c.outputs ?? (Array.isArray(c.expected) ? c.expected.length : c.op === 'LSTM' ? 3 : 1);
}

/**
 * Runs a shared kernel case on `device` (compiled first): its expected outputs (or checks), the same result on a
 * second run for deterministic ops, and the typed error (ModelLoadError at load, KernelError at run) naming the node.
 */
export async function checkKernelCase(device: GPUDevice, c: KernelCase): Promise<void> {
  const { graph, feeds } = caseGraph(c, outputCount(c));
  let model: WebGpuModel;
  try {
    model = new WebGpuModel(graph, device, { label: `case ${c.name}`, cpuWhileCompiling: false });
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
}

/** Runs a real model on `device` and on the CPU back end: same outputs and dims, deterministic ones within tolerance. */
export async function checkRealModel(device: GPUDevice, bytes: Uint8Array, { feeds, deterministic }: RealModelCase): Promise<void> {
  const models: Model[] = [];
  try {
    const gpu = await createWebGpuModel(bytes, { device, warmUpBatchSize: 0, cpuWhileCompiling: false });
    models.push(gpu);
    const cpu = await loadModel(bytes, { backend: 'cpu' });
    models.push(cpu);
    const input = feeds();
    const [got, want] = [await gpu.run(input), await cpu.run(input)];
    expect(Object.keys(got).sort()).to.deep.equal(Object.keys(want).sort());
    for (const name of deterministic) expectClose(got[name], want[name], name);
    for (const name of Object.keys(want)) expect(got[name].dims, name).to.deep.equal(want[name].dims);
    expect(gpu.backend).to.equal('webgpu');
  } finally {
    models.forEach((m) => m.dispose());
  }
}

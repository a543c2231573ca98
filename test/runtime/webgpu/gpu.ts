/**
 * The WebGPU device of the Node tests: Dawn from the `webgpu` package on SwiftShader (software Vulkan). Finds
 * Chromium's SwiftShader ICD by itself when VK_ICD_FILENAMES is unset. Without an adapter the GPU suites fail
 * under CI=true and are marked pending elsewhere, with the reason in the pending test's title.
 */
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { CpuModel } from '../../../src/runtime/cpu/cpu-model.js';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import type { Graph } from '../../../src/runtime/graph.js';
import type { Tensor } from '../../../src/runtime/tensor.js';
import { WebGpuModel } from '../../../src/runtime/webgpu/webgpu-model.js';
import { expectClose } from '../helpers.js';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let pending: Promise<GPUDevice | string> | undefined;
/** The Dawn instances: kept referenced, since collecting one tears down its devices under running work. */
const instances: GPU[] = [];

async function adapter(): Promise<GPUAdapter | null> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  instances.push(gpu);
  return gpu.requestAdapter();
}

async function requestDevice(): Promise<GPUDevice | string> {
  try {
    const found = await adapter();
    if (!found) return `no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})`;
    return await found.requestDevice({ label: 'test device' });
  } catch (error) {
    return `WebGPU unavailable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A fresh device (for tests that destroy theirs). */
export async function newDevice(): Promise<GPUDevice> {
  const found = await adapter();
  if (!found) throw new Error('no WebGPU adapter');
  return found.requestDevice({ label: 'test device (own)' });
}

/** The shared test device (requested once), or the reason there is none. */
export function testDevice(): Promise<GPUDevice | string> {
  return (pending ??= requestDevice());
}

/**
 * Declares a GPU suite: `body` gets a getter of the device. Without a device, the suite fails under CI=true and
 * otherwise shows one pending test naming the reason.
 */
export function describeGpu(title: string, body: (device: () => GPUDevice) => void): void {
  describe(title, function () {
    // SwiftShader runs shaders on the CPU: a real model takes seconds, many more on a busy machine.
    this.timeout(120_000);
    let device: GPUDevice | undefined;
    before(async function () {
      const got = await testDevice();
      if (typeof got === 'string') {
        if (process.env.CI === 'true') throw new Error(`${title}: ${got}`);
        if (this.test?.parent) this.test.parent.title += ` (skipped: ${got})`;
        this.skip();
      }
      device = got as GPUDevice;
    });
    body(() => device!);
  });
}

/** Records WebGPU errors nobody captured (they would otherwise pass silently). */
export function uncapturedErrors(device: GPUDevice): string[] {
  const errors: string[] = [];
  device.addEventListener('uncapturederror', (event) => errors.push((event as GPUUncapturedErrorEvent).error.message));
  return errors;
}

/** In a GPU suite: fails it after its tests when the device reported errors that nobody captured. */
export function expectNoUncapturedErrors(device: () => GPUDevice): void {
  let errors: string[] = [];
  before(() => {
    errors = uncapturedErrors(device());
  });
  after(() => {
    expect(errors, 'uncaptured WebGPU errors').to.deep.equal([]);
  });
}

/** Runs `graph` on the GPU (compiled first) and on the CPU back end with `feeds`; asserts output 'y' matches. */
export async function expectGpuMatchesCpu(device: GPUDevice, graph: Graph, feeds: Record<string, Tensor>, label: string): Promise<void> {
  const gpu = new WebGpuModel(graph, device, { label, cpuWhileCompiling: false });
  const cpu = new CpuModel(graph, cpuKernels);
  try {
    const [got, want] = [await gpu.run(feeds), await cpu.run(feeds)];
    expectClose(got.y, want.y, 'y');
  } finally {
    gpu.dispose();
    cpu.dispose();
  }
}

/** Counts the buffers a device has alive, by wrapping createBuffer and each buffer's destroy. */
export function countBuffers(device: GPUDevice): { live: () => number; labels: () => string[] } {
  const live = new Set<GPUBuffer>();
  const create = device.createBuffer.bind(device);
  device.createBuffer = (descriptor: GPUBufferDescriptor): GPUBuffer => {
    const buffer = create(descriptor);
    live.add(buffer);
    const destroy = buffer.destroy.bind(buffer);
    buffer.destroy = () => {
      live.delete(buffer);
      destroy();
    };
    return buffer;
  };
  return { live: () => live.size, labels: () => [...live].map((b) => b.label) };
}

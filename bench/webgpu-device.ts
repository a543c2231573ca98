/** A WebGPU device in Node for the benchmark workloads: Dawn from the `webgpu` package on Chromium's SwiftShader. */
import { existsSync } from 'node:fs';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Dawn instances stay referenced: collecting one tears its devices down. */
const instances: GPU[] = [];

/** A fresh device (every pipeline compiles anew on it). Throws naming `owner` when there is no adapter. */
export async function newDevice(owner: string): Promise<GPUDevice> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  instances.push(gpu);
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error(`${owner}: no WebGPU adapter (is Chromium's SwiftShader installed?)`);
  return adapter.requestDevice({ label: 'bench device' });
}

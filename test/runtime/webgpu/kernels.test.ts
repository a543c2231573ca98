import { checkKernelCase, kernelCases } from './gpu-checks.js';
import { describeGpu, expectNoUncapturedErrors } from './gpu.js';

describeGpu('WebGPU kernels (shared kernel cases, SwiftShader in Node)', (device) => {
  expectNoUncapturedErrors(device);

  for (const c of kernelCases) {
    it(`${c.op}: ${c.name}`, () => checkKernelCase(device(), c));
  }
});

/**
 * The real models of test/runtime/webgpu/models.test.ts (the same files, feeds and deterministic outputs), as a
 * browser-safe table: test/browser/fixtures/webgpu-kernels runs them in Chromium against the CPU back end.
 * Paths are relative to the repository root (and to the built site's root, which holds assets/).
 */
import type { Tensor } from '../../../src/runtime/tensor.js';
import { uniform } from '../tensor-checks.js';

/** The ML-Agents fixtures' folder, from the repository root. */
export const ML = 'assets/models/ml-agents/';
/** A mask allowing every action. */
export const ones = (n: number, width: number): Tensor<'float32'> => uniform([n, width], 0, 1, 1);

/** One real model: its file, its feeds and the outputs that do not sample. */
export interface RealModelCase {
  readonly file: string;
  readonly feeds: () => Record<string, Tensor>;
  readonly deterministic: readonly string[];
}

/** Every real model of the runtime's tests, with its feeds. */
export const REAL_MODEL_CASES: readonly RealModelCase[] = [
  { file: `${ML}3DBall.onnx`, feeds: () => ({ obs_0: uniform([16, 8], 1) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'] },
  { file: `${ML}3DBallHard.onnx`, feeds: () => ({ obs_0: uniform([16, 27], 2), obs_1: uniform([16, 18], 3) }), deterministic: ['deterministic_continuous_actions'] },
  { file: `${ML}Visual3DBall.onnx`, feeds: () => ({ obs_0: uniform([1, 12, 84, 84], 4, 0, 1) }), deterministic: ['deterministic_continuous_actions'] },
  { file: `${ML}discrete_rank2_vector_v2_0.onnx`, feeds: () => ({ obs_0: uniform([4, 20, 23], 5), obs_1: uniform([4, 10], 6), obs_2: uniform([4, 8], 7), action_masks: ones(4, 9) }), deterministic: ['discrete_action_output_shape'] },
  { file: `${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`, feeds: () => ({ obs_0: uniform([8, 8], 8), action_masks: ones(8, 5), recurrent_in: uniform([8, 1, 128], 9) }), deterministic: ['recurrent_out', 'discrete_action_output_shape'] },
  { file: 'assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', feeds: () => ({ 'input:0': uniform([1, 128, 128, 3], 10) }), deterministic: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'] },
];

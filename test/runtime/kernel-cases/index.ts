/**
 * The shared kernel cases: every back end runs all of them (test/runtime/<backend>/kernels.test.ts), and the
 * deterministic ones are also checked against onnxruntime-web.
 */
import type { KernelCase } from './case.js';
import { convolutionCases } from './convolution.js';
import { elementwiseCases } from './elementwise.js';
import { matrixCases } from './matrix.js';
import { randomCases } from './random.js';
import { recurrentCases } from './recurrent.js';
import { reductionCases } from './reductions.js';
import { shapingCases } from './shaping.js';

export type { KernelCase } from './case.js';

/** Every case, grouped by concept. */
export const kernelCases: readonly KernelCase[] = [
  ...elementwiseCases,
  ...reductionCases,
  ...matrixCases,
  ...convolutionCases,
  ...shapingCases,
  ...recurrentCases,
  ...randomCases,
];

/** The ops whose outputs are random: checked by statistics, never against another runtime. */
export const RANDOM_OPS: ReadonlySet<string> = new Set(['RandomNormalLike', 'Multinomial']);

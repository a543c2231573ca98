import { FUSED_DOMAIN } from '../../passes/fusion.js';
import type { KernelFactory } from '../kernel.js';
import { batchNormalizationKernel } from './batch-norm.js';
import { binaryKernels } from './binary.js';
import { castKernel } from './cast.js';
import { clipKernel } from './clip.js';
import { concatKernel } from './concat.js';
import { convKernel } from './conv.js';
import { gatherKernel } from './gather.js';
import { gemmKernel } from './gemm.js';
import { gemmChainKernel } from './gemm-chain.js';
import { identityKernel } from './identity.js';
import { lstmKernel } from './lstm.js';
import { matMulKernel } from './matmul.js';
import { multinomialKernel } from './multinomial.js';
import { globalAveragePoolKernel, poolKernels } from './pool.js';
import { randomNormalLikeKernel } from './random-normal-like.js';
import { reduceKernels } from './reduce.js';
import { flattenKernel, reshapeKernel } from './reshape.js';
import { constantOfShapeKernel, shapeKernel } from './shape-of.js';
import { sliceKernel } from './slice.js';
import { softmaxKernels } from './softmax.js';
import { squeezeKernels } from './squeeze.js';
import { transposeKernel } from './transpose.js';
import { unaryKernels } from './unary.js';

/**
 * The CPU back end's kernels, by ONNX operator (default domain), and by `domain.opType` for the fused operators
 * the CPU's fusion passes make (passes/fusion.ts, passes/gemm-chain.ts). Each factory compiles one node at load
 * (validating its attributes and pre-packing constant weights) into a kernel that runs on {@link Tensor}s.
 */
export const cpuKernels: Record<string, KernelFactory> = {
  ...binaryKernels,
  ...unaryKernels,
  Clip: clipKernel,
  Cast: castKernel,
  Identity: identityKernel,
  ...softmaxKernels,
  ...reduceKernels,
  Gemm: gemmKernel,
  MatMul: matMulKernel,
  Conv: convKernel,
  ...poolKernels,
  GlobalAveragePool: globalAveragePoolKernel,
  BatchNormalization: batchNormalizationKernel,
  Reshape: reshapeKernel,
  Flatten: flattenKernel,
  ...squeezeKernels,
  Transpose: transposeKernel,
  Concat: concatKernel,
  Slice: sliceKernel,
  Gather: gatherKernel,
  Shape: shapeKernel,
  ConstantOfShape: constantOfShapeKernel,
  LSTM: lstmKernel,
  RandomNormalLike: randomNormalLikeKernel,
  Multinomial: multinomialKernel,
  [`${FUSED_DOMAIN}.FusedConv`]: convKernel,
  [`${FUSED_DOMAIN}.FusedGemm`]: gemmKernel,
  [`${FUSED_DOMAIN}.FusedGemmChain`]: gemmChainKernel,
};
